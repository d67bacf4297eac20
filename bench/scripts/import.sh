#!/usr/bin/env bash
# Whole-process import benchmarks, each into a fresh embedded store, heap capped at 512 MB:
#   1. MITRE ATT&CK Enterprise 18.1 (24,771 objects, 45 MB of STIX 2.0)
#   2. all 340 maltrail APT trail lists (327,933 trails)
#   3. a generated 1,000,000-line CSV indicator list
# Usage: bench/scripts/import.sh [RUNS]      (default 3 runs each; prints wall time and peak RSS)
# Needs ../shared/data beside the repository (or SHARED_DATA=...). Generated data goes to /tmp.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
data="${SHARED_DATA:-$root/../shared/data}"
runs="${1:-3}"
cd "$root"
./threatledger --version >/dev/null            # builds on first use, warms the class-data archive
./threatledger --version >/dev/null
export THREATLEDGER_JAVA_OPTS="${THREATLEDGER_JAVA_OPTS:--Xmx512m}"

csv=/tmp/threatledger-bench-1m.csv
if [ ! -f "$csv" ]; then
  python3 "$root/bench/scripts/gen_csv.py" "$csv" 1000000
fi
trails=/tmp/threatledger-bench-maltrail
rm -rf "$trails"; mkdir -p "$trails"
cp "$data"/ioc-lists/maltrail/trails/static/malware/apt_*.txt "$trails"/

measure() { # label, import arguments...
  local label=$1; shift
  for i in $(seq 1 "$runs"); do
    home=$(mktemp -d /tmp/threatledger-bench-home.XXXXXX)
    /usr/bin/time -f "$label run $i: %e s wall, %M KB peak RSS" \
      ./threatledger --home "$home" import "$@" >/dev/null || true
    rm -rf "$home"
  done
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
. "$root/scripts/find-jdk.sh"; echo "java: $("$(find_jdk)"/bin/java -version 2>&1 | head -n 1)   opts: $THREATLEDGER_JAVA_OPTS"
measure "ATT&CK Enterprise 18.1" "$data/mitre-attack/enterprise-attack-18.1.stix20.json.gz"
measure "maltrail 340 APT lists" "$trails" --format csv --source maltrail
measure "1M-line CSV" "$csv" --format csv --source bench
