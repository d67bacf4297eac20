#!/usr/bin/env bash
# Hunts run one after another into one history, as a scheduled hunt of each new log would: the
# same log N times into HOME's history (emptied first), printing each hunt's wall seconds and, at
# the end, the segments left and their size. Later hunts pay for the merges of earlier flushes.
# Usage: bench/scripts/hunt_repeat.sh [LAUNCHER] [HOME] [N]
#   defaults: ./threatledger, a new home with the indicators of bench/scripts/hunt.sh, 7 hunts.
# The log and indicators are those of bench/scripts/hunt.sh (run it once first to generate them).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
launcher="${1:-$root/threatledger}"
home="${2:-}"
runs="${3:-7}"
log=/tmp/threatledger-bench-dns.log
intel=/tmp/threatledger-bench-indicators.txt
for f in "$log" "$intel"; do
  [ -f "$f" ] || { echo "$f is missing: run bench/scripts/hunt.sh once first" >&2; exit 1; }
done
if [ -z "$home" ]; then
  home=$(mktemp -d /tmp/threatledger-repeat-home.XXXXXX)
  "$launcher" --home "$home" import "$intel" --format csv --subdomains --source bench >/dev/null
fi
rm -rf "$home/history"
times=""
for _ in $(seq 1 "$runs"); do
  t=$( { /usr/bin/time -f "%e" "$launcher" --home "$home" --json hunt --sensor bench "$log" >/dev/null; } 2>&1 | tail -n 1)
  times="$times $t"
done
echo "$launcher: hunt seconds wall:$times; $(find "$home/history" -name '*.seg' | wc -l) segments, $(du -sh "$home/history" | cut -f1)"
