#!/usr/bin/env bash
# A full report against a report after one new event, alternated on one server, so the
# two are measured side by side (docs/performance.md, "A report after a small change").
# Each full computation asks for a new --sla value, for which no chunk states are kept;
# each report after one event uses the default options, whose states are kept.
# Needs the store made by bench/serve/run.sh.
# Usage: RAPPORT_BIN=build/release/rapport bench/serve/incremental.sh [N] [PAIRS]
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-1000000}
pairs=${2:-7}
bin=${RAPPORT_BIN:-build/release/rapport}
work=${RAPPORT_BENCH_DATA:-bench/data}/serve_$n
[[ -f $work/store.db ]] || { echo "no store: run bench/serve/run.sh $n first" >&2; exit 1; }
cp "$work/store.db" "$work/incr.db"
rm -f "$work/incr.db-wal" "$work/incr.db-shm"
export RAPPORT_TOKEN=bench
log=$work/incr.log
"$bin" serve --db "$work/incr.db" --config "$work/synth.toml" --port 0 2>"$log" &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 600); do grep -q "serving http" "$log" && break; sleep 0.5; done
url=$(grep -o 'http://[^ ]*' "$log" | head -1)
curl -s -o /dev/null "$url/v1/report"
post() {
  curl -s -o /dev/null -H "Authorization: Bearer $RAPPORT_TOKEN" -H "Content-Type: application/x-ndjson" \
    --data-binary '{"platform":"x","id":"'"$1"'","type":"post","author":"benchuser","author_handle":"benchuser","created_at":"2024-01-02T00:00:00Z","text":"hi"}' \
    "$url/v1/events"
}
report() {  # query: prints seconds and the X-Rapport-Chunks header
  local t; t=$(curl -s -D "$work/incr.headers" -o /dev/null -w "%{time_total}" "$url/v1/report$1")
  echo "$t s ($(grep -i '^x-rapport-chunks' "$work/incr.headers" | cut -d' ' -f2- | tr -d '\r'))"
}
echo "$n events; $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $(date -u '+%F %H:%M UTC')"
for k in $(seq "$pairs"); do
  post "full-$k"
  full=$(report "?sla=$((3600 + k))")
  post "small-$k"
  small=$(report "")
  echo "full: $full | after one event: $small | load $(cut -d' ' -f1 /proc/loadavg)"
done
