#!/usr/bin/env bash
# Whole-process parse throughput on an x-v2 NDJSON file made by `rapport synth
# --format x-v2`, side by side in one run (the machine is shared: only the ratios of
# one run mean something):
#   - rapport convert (parse, normalize, write native NDJSON to /dev/null), one thread
#     by construction;
#   - rapport report --no-sentiment (parse, intern, threads, every metric) at
#     --threads 1 and 2;
#   - jq -c extracting the same fields (id, author, time, conversation, references,
#     counters, mentions), output to /dev/null;
#   - Python's json module doing the same per line.
# Usage: bench/parse/run.sh [EVENTS]   (default 1,000,000; ~470 MB)
# Env: RAPPORT_BUILD_DIR (default build/release), RAPPORT_BENCH_DIR (default /tmp/rapport-bench)
set -euo pipefail
cd "$(dirname "$0")/../.."
events=${1:-1000000}
bin=${RAPPORT_BUILD_DIR:-build/release}/rapport
dir=${RAPPORT_BENCH_DIR:-/tmp/rapport-bench}
mkdir -p "$dir"
data=$dir/xv2-$events.jsonl
[[ -s $data ]] || "$bin" synth --events "$events" --seed 7 --format x-v2 -o "$data" --config-out "$dir/xv2.toml" -q
mb=$(stat -c %s "$data" | awk '{printf "%.1f", $1/1e6}')
cat "$data" > /dev/null  # into the page cache

jq_filter='[.id, .author_id, .created_at, .conversation_id, ((.referenced_tweets // []) | map([.type, .id])),
  .public_metrics.like_count, .public_metrics.retweet_count, .public_metrics.reply_count,
  .public_metrics.quote_count, ((.entities.mentions // []) | map(.username)), .author.username,
  .author.public_metrics.followers_count]'
py_prog='
import json, sys
out = []
for line in open(sys.argv[1], "rb"):
    t = json.loads(line)
    pm = t.get("public_metrics") or {}
    a = t.get("author") or {}
    out.append((t["id"], t["author_id"], t["created_at"], t.get("conversation_id"),
                [(r["type"], r["id"]) for r in t.get("referenced_tweets") or []],
                pm.get("like_count"), pm.get("retweet_count"), pm.get("reply_count"),
                pm.get("quote_count"), [m["username"] for m in (t.get("entities") or {}).get("mentions") or []],
                a.get("username"), (a.get("public_metrics") or {}).get("followers_count")))
    if len(out) > 100000: out.clear()
'

run() {  # name, command...: prints name, wall s, user+sys CPU s, MB/s of wall and of CPU
  local name=$1; shift
  /usr/bin/time -o "$dir/time" -f "%e %U %S" "$@" >/dev/null 2>"$dir/stderr" ||
    { echo "$name failed:"; cat "$dir/stderr"; return 1; }
  local t; t=$(tail -1 "$dir/time")
  awk -v n="$name" -v mb="$mb" -v t="$t" 'BEGIN { split(t, a, " "); cpu = a[2] + a[3];
    printf "| %s | %.2f | %.2f | %.0f | %.0f |\n", n, a[1], cpu, mb / a[1], mb / cpu }'
}

echo "x-v2 NDJSON, $events tweets, $mb MB; $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| what | wall s | CPU s | MB/s (wall) | MB/s per CPU-second |"
echo "|---|---:|---:|---:|---:|"
run "rapport convert (1 thread)" "$bin" convert "$data" -o /dev/null -q --input-format x-v2
run "rapport report --no-sentiment --threads 1" "$bin" report "$data" -c "$dir/xv2.toml" --no-sentiment --threads 1 -q --format json -o /dev/null
run "rapport report --no-sentiment --threads 2" "$bin" report "$data" -c "$dir/xv2.toml" --no-sentiment --threads 2 -q --format json -o /dev/null
if command -v jq >/dev/null; then run "jq -c (same fields)" jq -c "$jq_filter" "$data"; fi
run "python3 json (same fields)" python3 -c "$py_prog" "$data"
