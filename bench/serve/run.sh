#!/usr/bin/env bash
# Load test of `rapport serve` on loopback with wrk, on a store of N synthetic events
# (default 1,000,000): GET /v1/report (cached, then each answer recomputed) and POST
# /v1/events (batches of new events, each committed with synchronous=FULL).
# Bounded: each wrk run lasts RAPPORT_BENCH_SECONDS (default 10 s).
# Usage: bench/serve/run.sh [N]   (results: docs/performance.md#serve)
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-1000000}
secs=${RAPPORT_BENCH_SECONDS:-10}
build=${RAPPORT_BUILD_DIR:-build/release}
if [[ -z ${RAPPORT_BIN:-} ]]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" --target rapport >/dev/null
fi
bin=${RAPPORT_BIN:-$build/rapport}
work=${RAPPORT_BENCH_DATA:-bench/data}/serve_$n
mkdir -p "$work"
data=$work/synth.ndjson.zst
cfg=$work/synth.toml
db=$work/store.db
[[ -f $data ]] || $bin synth --events "$n" --seed 42 -o "$data" --config-out "$cfg"
if [[ ! -f $db ]]; then
  start=$(date +%s.%N)
  $bin ingest "$data" --db "$db" -q
  echo "ingest of $n events into the store: $(python3 -c "print(f'{$(date +%s.%N) - $start:.1f}')") s, $(stat -c %s "$db") bytes"
fi
echo "machine: $(lscpu | grep 'Model name' | sed 's/ \+/ /g'), $(nproc) cores; $(date -u +%F)"

# Served from a copy, so the POSTs of one run do not grow the store of the next.
cp "$db" "$work/run.db"
rm -f "$work/run.db-wal" "$work/run.db-shm"
export RAPPORT_TOKEN=bench
log=$work/serve.log
$bin serve --db "$work/run.db" --config "$cfg" --port 0 2>"$log" &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 600); do grep -q "serving http" "$log" && break; sleep 0.5; done
grep "serving http" "$log" || { cat "$log"; exit 1; }
url=$(grep -o 'http://[^ ]*' "$log" | head -1)

cold() {  # one request after a change: the full recomputation
  curl -s -o /dev/null -w "%{time_total}" "$url/v1/report$1"
}
echo "first GET /v1/report (computes): $(cold '') s; again (cached): $(cold '') s"
echo "first GET /v1/report?by=month&tz=Europe/Paris: $(cold '?by=month&tz=Europe%2FParis') s"
echo "server resident memory now: $(($(ps -o rss= -p $pid) / 1024)) MB"

# A small change, then the report again: only the chunks of conversations it touched
# are accumulated (X-Rapport-Chunks says how many; docs/serve.md "What is incremental").
post() {
  curl -s -o /dev/null -w "%{http_code}" -H "Authorization: Bearer $RAPPORT_TOKEN" \
    -H "Content-Type: application/x-ndjson" --data-binary "$1" "$url/v1/events"
}
timed_report() {
  local t; t=$(curl -s -D "$work/headers" -o /dev/null -w "%{time_total}" "$url/v1/report")
  echo "$t s ($(grep -i '^x-rapport-chunks' "$work/headers" | cut -d' ' -f2- | tr -d '\r'))"
}
read -r root_platform root_id root_time < <(zstdcat "$data" | head -1 | python3 -c '
import json, sys; e = json.loads(sys.stdin.readline()); print(e["platform"], e["id"], e["created_at"])')
reply_time=$(python3 -c "import datetime as d; print((d.datetime.fromisoformat('${root_time/Z/+00:00}') + d.timedelta(minutes=5)).strftime('%Y-%m-%dT%H:%M:%SZ'))")
post '{"platform":"'"$root_platform"'","id":"bench-reply-1","type":"reply","author":"benchuser","author_handle":"benchuser","created_at":"'"$reply_time"'","parent_id":"'"$root_id"'","text":"thanks!"}' >/dev/null
echo "GET /v1/report after one reply to the first conversation (as_of unchanged): $(timed_report)"
later=$(curl -s "$url/v1/report" | python3 -c '
import datetime as d, json, sys
t = d.datetime.fromisoformat(json.load(sys.stdin)["options"]["as_of"].replace("Z", "+00:00"))
print((t + d.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ"))')
post '{"platform":"x","id":"bench-late-1","type":"post","author":"benchuser","author_handle":"benchuser","created_at":"'"$later"'","text":"@AcmeHelp hello?","inbound":true}' >/dev/null
echo "GET /v1/report after one new post an hour after the latest (as_of moves 1 h): $(timed_report)"

echo "--- wrk GET /v1/health (the HTTP stack alone, ${secs}s, 2 threads, 8 connections)"
wrk -t2 -c8 -d"${secs}s" --latency "$url/v1/health" | grep -E "Requests/sec|99%|50%|requests in|Socket errors|Non-2xx"

echo "--- wrk GET /v1/report (cached answer, ${secs}s, 2 threads, 8 connections)"
wrk -t2 -c8 -d"${secs}s" --latency "$url/v1/report" | grep -E "Requests/sec|Transfer/sec|99%|50%|requests in|Socket errors|Non-2xx"

echo "--- wrk POST /v1/events (10 new events a request, ${secs}s, 2 threads, 8 connections)"
before=$(curl -s "$url/v1/health")
wrk -t2 -c8 -d"${secs}s" --latency -s bench/serve/post_events.lua "$url" \
  | grep -E "Requests/sec|99%|50%|requests in|Socket errors|Non-2xx"
after=$(curl -s "$url/v1/health")
echo "health before: $before"
echo "health after:  $after"
echo "first GET /v1/report after the POSTs (recomputes on $(echo "$after" | python3 -c 'import json,sys;print(json.load(sys.stdin)["events"])') events): $(cold '') s"

kill -TERM $pid
wait $pid || true
tail -1 "$log"
