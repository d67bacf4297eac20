#!/usr/bin/env bash
# Whole-process hunt benchmark: a generated 2M-line Zeek dns.log against 1M domain indicators
# (0.1% of lines hit), end to end (read, parse, normalise, match, history, sightings), plus the
# indicator import. Optionally (--grep) the same files through `grep -F -c -f` for comparison
# (substring hits, so it over-counts; the reference figure on this kind of machine is ~47 s).
# With --floor, also DnsFloor: the least work a dns hunt must do, as one bare loop on one core.
# Usage: bench/scripts/hunt.sh [--grep] [--floor]   Data goes to /tmp; needs ../shared/tools/perf.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tools="${SHARED_TOOLS:-$root/../shared/tools/perf}"
cd "$root"
./threatledger --version >/dev/null
log=/tmp/threatledger-bench-dns.log
intel=/tmp/threatledger-bench-indicators.txt
truth=/tmp/threatledger-bench-truth.txt
[ -f "$log" ] || python3 "$tools/gen_dns_log.py" "$log" --lines 2000000
[ -f "$intel" ] || python3 "$tools/gen_indicators.py" "$log" "$intel" --count 1000000 --hit-fraction 0.001 --truth "$truth"
home=$(mktemp -d /tmp/threatledger-bench-home.XXXXXX)
echo "machine: $(nproc) cores, $(uname -sr); truth: $(head -n 1 "$truth" 2>/dev/null || echo '?')"
/usr/bin/time -f "import 1M domain indicators: %e s wall, %M KB peak RSS" \
  ./threatledger --home "$home" import "$intel" --format csv --subdomains --source bench >/dev/null || true
for run in 1 2; do
  /usr/bin/time -f "hunt run $run: %e s wall, %M KB peak RSS" \
    ./threatledger --home "$home" --json hunt --sensor bench "$log" | tail -n 1
done
/usr/bin/time -f "hunt without history: %e s wall, %M KB peak RSS" \
  ./threatledger --home "$home" --json hunt --no-history --sensor bench "$log" | tail -n 1
if [[ " $* " == *" --floor "* ]]; then
  . scripts/find-jdk.sh
  JAVA_HOME=$(find_jdk || true)
  [ -n "$JAVA_HOME" ] || { echo "hunt.sh: no JDK >= 21 found" >&2; exit 1; }
  export JAVA_HOME
  ./mvnw -B -q -pl bench -am package -DskipTests >&2
  "$JAVA_HOME/bin/java" -cp bench/target/benchmarks.jar org.threatledger.bench.DnsFloor "$log" "$intel" | grep -E 'round (2|5)'
fi
if [[ " $* " == *" --grep "* ]]; then
  cut -f1 "$intel" > /tmp/threatledger-bench-patterns.txt
  /usr/bin/time -f "grep -F -c -f: %e s wall, %M KB peak RSS" grep -F -c -f /tmp/threatledger-bench-patterns.txt "$log" || true
fi
rm -rf "$home"
