#!/usr/bin/env bash
# TAXII 2.1 server benchmark (issue 4 §7): GET objects limit=1000 over a 1,000,000-object collection,
# over real HTTP on loopback with Basic auth, TLP filtering and the disclosure log. Prints:
#   - one client walking the whole collection: page time p50/p95/p99/max, heap after GC every 10%;
#     then the same walk accepting gzip
#   - N concurrent clients (default 50) for S seconds (default 30): pages/s, objects/s, page times
#   - the per-object cost of store read, TLP filter, envelope and disclosure log, and of auth per request
# each with the load average (figures taken at a load average above ~1 on 2 cores are noisy).
#
# Usage: bench/scripts/taxii.sh [--postgres] [--fresh] [--jfr FILE] [harness options]
#   --postgres   run on PostgreSQL (127.0.0.1:5432, database threatledger_bench, schema taxii_<objects>,
#                created when missing; PG_URL=jdbc:postgresql://... overrides) instead of embedded SQLite
#   --fresh      drop the prepared store and build it again (else a store holding exactly --objects
#                objects is reused: /tmp/threatledger-taxii-bench-<objects> or the PostgreSQL schema)
#   --jfr FILE   record a JFR profile (settings=profile) of the whole run into FILE
#   harness options: --objects N (1000000) --walks N (1) --warm-pages N (100) --no-gzip
#                    --clients N (50) --seconds N (30) --split-pages N (200)
# The first run builds the store: about 3-4 minutes on SQLite, longer on PostgreSQL.
# Heap is capped at 512 MB (TAXII_BENCH_JAVA_OPTS overrides) to show that a walk needs no more.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

postgres=false; fresh=false; jfr=""; objects=1000000; pass=()
while [ $# -gt 0 ]; do
  case "$1" in
    --postgres) postgres=true ;;
    --fresh) fresh=true ;;
    --jfr) jfr="$2"; shift ;;
    --objects) objects="$2"; pass+=("$1" "$2"); shift ;;
    *) pass+=("$1") ;;
  esac
  shift
done

. scripts/find-jdk.sh
JAVA_HOME=$(find_jdk || true)
[ -n "$JAVA_HOME" ] || { echo "taxii.sh: no JDK >= 21 found" >&2; exit 1; }
export JAVA_HOME
echo "building (server test classes and class path)..."
./mvnw -B -q -pl server -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test >/dev/null
cp="$(cat server/target/cp.txt):server/target/classes:server/target/test-classes"

if $postgres; then
  schema="taxii_${objects}"
  psql_() { psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
  pg_isready -q -h 127.0.0.1 -p 5432 || { echo "taxii.sh: PostgreSQL is not reachable on 127.0.0.1:5432" >&2; exit 1; }
  if [ -z "${PG_URL:-}" ]; then
    psql_ -d postgres -c "SELECT 1 FROM pg_database WHERE datname='threatledger_bench'" | grep -q 1 \
      || psql_ -d postgres -c "CREATE DATABASE threatledger_bench"
    if $fresh; then psql_ -d threatledger_bench -c "DROP SCHEMA IF EXISTS $schema CASCADE"; fi
    psql_ -d threatledger_bench -c "CREATE SCHEMA IF NOT EXISTS $schema"
    PG_URL="jdbc:postgresql://127.0.0.1:5432/threatledger_bench?user=postgres&currentSchema=$schema"
  fi
  pass+=(--pg-url "$PG_URL")
  echo "PostgreSQL: $(psql_ -d postgres -c 'SHOW server_version'), shared_buffers $(psql_ -d postgres -c 'SHOW shared_buffers')"
else
  home="/tmp/threatledger-taxii-bench-${objects}"
  if $fresh; then rm -rf "$home"; fi
  pass+=(--home "$home")
fi

opts=(${TAXII_BENCH_JAVA_OPTS:--Xmx512m})
if [ -n "$jfr" ]; then opts+=("-XX:StartFlightRecording=filename=$jfr,settings=profile"); fi
echo "java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)   opts: ${opts[*]}"
exec "$JAVA_HOME/bin/java" "${opts[@]}" --enable-native-access=ALL-UNNAMED -cp "$cp" \
  org.threatledger.server.TaxiiBenchMain "${pass[@]}"
