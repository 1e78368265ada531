#!/usr/bin/env bash
# Whole-process parse throughput per input format, on files made by `rapport synth
# --format F` (the same seed: the same stories in each format), side by side in one
# run (the machine may be shared: compare CPU seconds and the ratios of one run):
#   - rapport convert (parse, normalize, write native NDJSON to /dev/null), one
#     thread by construction;
#   - jq -c extracting the same few fields per record (id, author, time, parent,
#     likes), output to /dev/null: JSON formats;
#   - Python's json module doing the same per line (csv module for twcs and csv);
#   - then, per format, the whole report (rapport report --no-sentiment) at
#     --threads 1 and 2: how each reader scales to 2 cores.
# jq and Python only pick fields; rapport also normalizes (ids, times, types, links,
# counters, mentions, hashtags; Mastodon's HTML to text), so the ratios favour them.
# Usage: bench/parse/formats.sh [EVENTS] [FORMAT...]   (default 500,000, every format)
# Env: RAPPORT_BUILD_DIR (default build/release), RAPPORT_BENCH_DIR (default /tmp/rapport-bench)
set -euo pipefail
cd "$(dirname "$0")/../.."
events=${1:-500000}
shift || true
formats=("$@")
[[ ${#formats[@]} -gt 0 ]] ||
  formats=(rapport x-v2 x-v1 reddit mastodon bluesky youtube facebook instagram twcs csv)
bin=${RAPPORT_BUILD_DIR:-build/release}/rapport
dir=${RAPPORT_BENCH_DIR:-/tmp/rapport-bench}
mkdir -p "$dir"

# The same fields in each format, for jq and Python.
declare -A jq_filter=(
  [rapport]='[.id, .author, .created_at, .parent_id, .metrics.likes]'
  [x-v2]='[.id, .author_id, .created_at, ((.referenced_tweets // []) | map(.id)), .public_metrics.like_count]'
  [x-v1]='[.id_str, .user.id_str, .created_at, .in_reply_to_status_id_str, .retweeted_status.id_str, .quoted_status_id_str, .favorite_count]'
  [reddit]='[.id, .author, .created_utc, .parent_id, .score]'
  [mastodon]='[.id, .account.acct, .created_at, .in_reply_to_id, .reblog.id, .favourites_count]'
  [bluesky]='[.post.uri, .post.author.did, .post.record.createdAt, .post.record.reply.parent.uri, .reason.uri, .post.likeCount]'
  [youtube]='[.id, (.snippet.topLevelComment.snippet.authorChannelId.value // .snippet.authorChannelId.value // .snippet.channelId), (.snippet.topLevelComment.snippet.publishedAt // .snippet.publishedAt), .snippet.parentId, (.snippet.topLevelComment.snippet.likeCount // .snippet.likeCount // .statistics.likeCount)]'
  [facebook]='[.id, .from.id, .created_time, (.parent.id // .parent_id), (.reactions.summary.total_count // .like_count)]'
  [instagram]='[.id, .username, .timestamp, (.parent_id // .media.id), .like_count]'
)
py_prog='
import csv, json, sys
fmt, path = sys.argv[1], sys.argv[2]
def g(d, *keys):
    for k in keys:
        if not isinstance(d, dict): return None
        d = d.get(k)
    return d
pick = {
  "rapport": lambda r: (r["id"], r["author"], r["created_at"], r.get("parent_id"), g(r, "metrics", "likes")),
  "x-v2": lambda r: (r["id"], r["author_id"], r["created_at"], [x["id"] for x in r.get("referenced_tweets") or []], g(r, "public_metrics", "like_count")),
  "x-v1": lambda r: (r["id_str"], g(r, "user", "id_str"), r["created_at"], r.get("in_reply_to_status_id_str"), g(r, "retweeted_status", "id_str"), r.get("quoted_status_id_str"), r.get("favorite_count")),
  "reddit": lambda r: (r["id"], r["author"], r["created_utc"], r.get("parent_id"), r.get("score")),
  "mastodon": lambda r: (r["id"], g(r, "account", "acct"), r["created_at"], r.get("in_reply_to_id"), g(r, "reblog", "id"), r.get("favourites_count")),
  "bluesky": lambda r: (g(r, "post", "uri"), g(r, "post", "author", "did"), g(r, "post", "record", "createdAt"), g(r, "post", "record", "reply", "parent", "uri"), g(r, "reason", "uri"), g(r, "post", "likeCount")),
  "youtube": lambda r: (r["id"], g(r, "snippet", "topLevelComment", "snippet", "authorChannelId", "value") or g(r, "snippet", "authorChannelId", "value") or g(r, "snippet", "channelId"), g(r, "snippet", "topLevelComment", "snippet", "publishedAt") or g(r, "snippet", "publishedAt"), g(r, "snippet", "parentId"), g(r, "snippet", "topLevelComment", "snippet", "likeCount") or g(r, "snippet", "likeCount") or g(r, "statistics", "likeCount")),
  "facebook": lambda r: (r["id"], g(r, "from", "id"), r["created_time"], g(r, "parent", "id") or r.get("parent_id"), g(r, "reactions", "summary", "total_count") or r.get("like_count")),
  "instagram": lambda r: (r["id"], r.get("username"), r["timestamp"], r.get("parent_id") or g(r, "media", "id"), r.get("like_count")),
}
out = []
if fmt in ("twcs", "csv"):
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out.append(tuple(row.values())[:7])
            if len(out) > 100000: out.clear()
else:
    p = pick[fmt]
    for line in open(path, "rb"):
        out.append(p(json.loads(line)))
        if len(out) > 100000: out.clear()
'

run() {  # format, name, command...: one table row
  local fmt=$1 name=$2; shift 2
  /usr/bin/time -o "$dir/time" -f "%e %U %S" "$@" >/dev/null 2>"$dir/stderr" ||
    { echo "$name failed:"; cat "$dir/stderr"; return 1; }
  local t; t=$(tail -1 "$dir/time")
  awk -v f="$fmt" -v n="$name" -v mb="$mb" -v t="$t" -v base="${rapport_cpu:-0}" 'BEGIN {
    split(t, a, " "); cpu = a[2] + a[3];
    ratio = base > 0 ? sprintf("%.1fx", cpu / base) : "1x";
    printf "| %s | %s | %.1f | %.2f | %.2f | %.0f | %s |\n", f, n, mb, a[1], cpu, mb / cpu, ratio }'
  echo "${t}" > "$dir/last"
}

echo "$events events per format (rapport synth --seed 7); $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| format | what | MB | wall s | CPU s | MB per CPU-second | CPU vs rapport |"
echo "|---|---|---:|---:|---:|---:|---:|"
for fmt in "${formats[@]}"; do
  data=$dir/synth-$fmt-$events.$fmt
  read_args=()
  if [[ $fmt == csv ]]; then read_args=(--map-file "$dir/synth-csv.map.toml"); fi
  if [[ ! -s $data ]]; then
    extra=()
    [[ $fmt == csv ]] && extra=(--map-out "$dir/synth-csv.map.toml")
    "$bin" synth --events "$events" --seed 7 --format "$fmt" -o "$data" -q "${extra[@]}"
  fi
  mb=$(stat -c %s "$data" | awk '{printf "%.1f", $1/1e6}')
  cat "$data" > /dev/null  # into the page cache
  rapport_cpu=
  run "$fmt" "rapport convert" "$bin" convert "$data" -o /dev/null -q "${read_args[@]}"
  rapport_cpu=$(awk '{print $2 + $3}' "$dir/last")
  if [[ -n ${jq_filter[$fmt]:-} ]] && command -v jq >/dev/null; then
    run "$fmt" "jq -c (same fields)" jq -c "${jq_filter[$fmt]}" "$data"
  fi
  run "$fmt" "python3 $([[ $fmt == twcs || $fmt == csv ]] && echo csv || echo json) (same fields)" \
    python3 -c "$py_prog" "$fmt" "$data"
done

echo
echo "| format | report --threads 1: wall s | CPU s | --threads 2: wall s | CPU s | speed-up (wall) |"
echo "|---|---:|---:|---:|---:|---:|"
for fmt in "${formats[@]}"; do
  data=$dir/synth-$fmt-$events.$fmt
  read_args=()
  if [[ $fmt == csv ]]; then read_args=(--map-file "$dir/synth-csv.map.toml"); fi
  row="| $fmt"
  for t in 1 2; do
    /usr/bin/time -o "$dir/time" -f "%e %U %S" "$bin" report "$data" --no-sentiment --threads "$t" -q \
      --format json -o /dev/null "${read_args[@]}" 2>"$dir/stderr" || { cat "$dir/stderr"; exit 1; }
    read -r wall user sys < <(tail -1 "$dir/time")
    row+=" | $wall | $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')"
    if [[ $t == 1 ]]; then wall1=$wall; fi
  done
  echo "$row | $(awk -v a="$wall1" -v b="$wall" 'BEGIN { printf "%.2fx", a / b }') |"
done
