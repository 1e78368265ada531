#!/usr/bin/env bash
# Whole-process benchmark of `rapport report` (see README.md beside this script).
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-5000000}
build=${RAPPORT_BUILD_DIR:-build/release}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target rapport ingest_bench >/dev/null
bin=$build/rapport
mkdir -p bench/data
data=${RAPPORT_BENCH_DATA:-bench/data}/synth_$n.ndjson
cfg=${RAPPORT_BENCH_DATA:-bench/data}/synth_$n.toml
[[ -f $data ]] || $bin synth --events "$n" --seed 42 -o "$data" --config-out "$cfg"
bytes=$(stat -L -c %s "$data")
cat "$data" > /dev/null  # warm the page cache
echo "machine: $(lscpu | grep 'Model name' | sed 's/ \+/ /g'), $(nproc) cores; $(date -u +%F)"
echo "input: $data, $n events, $bytes bytes"
# Each thread count runs RAPPORT_BENCH_RUNS times (default 3), alternating 1, 2, 1, 2...
# so that a change in the machine's load hits both alike; the summary gives the median
# and the range of each figure.
runs=${RAPPORT_BENCH_RUNS:-3}
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
: > bench/data/report_runs.tsv
for run in $(seq "$runs"); do
  for threads in 1 2; do
    log=bench/data/report_t$threads.log
    /usr/bin/time -v $bin report "$data" --config "$cfg" --threads "$threads" -v \
      --format json -o bench/data/report_t${threads}_r$run.json 2>"$log"
    events=$(python3 -c "import json;print(json.load(open('bench/data/report_t${threads}_r$run.json'))['input']['events'])")
    [[ $events == "$n" ]] || { echo "wrong answer: $events events, expected $n"; exit 1; }
    cmp -s bench/data/report_t1_r1.json bench/data/report_t${threads}_r$run.json ||
      { echo "JSON differs from the first run's (threads=$threads, run $run)"; exit 1; }
    wall=$(grep 'Elapsed (wall clock)' "$log" | awk '{print $NF}')
    user=$(grep 'User time' "$log" | awk '{print $NF}')
    sys=$(grep 'System time' "$log" | awk '{print $NF}')
    rss=$(grep 'Maximum resident' "$log" | awk '{print $NF}')
    dict=$(grep -o 'dictionaries [0-9.]* MB' "$log" | awk '{print $2}')
    python3 - "$threads" "$wall" "$user" "$sys" "$rss" "$dict" "$bytes" "$n" "$run" <<'PY'
import sys
t, wall, user, sys_, rss, dict_mb, size, n, run = sys.argv[1:]
parts = [float(x) for x in wall.split(":")]
secs = parts[-1] + (parts[-2] * 60 if len(parts) > 1 else 0) + (parts[-3] * 3600 if len(parts) > 2 else 0)
cpu = float(user) + float(sys_)
size, n = int(size), int(n)
rss_b = int(rss) * 1024
beyond = (rss_b - float(dict_mb) * 1e6) / n
print(f"run {run} threads={t}: wall {secs:.2f} s, {size/secs/1e6:.0f} MB/s, {n/secs/1e6:.2f} M events/s; "
      f"CPU {cpu:.2f} s = {cpu/secs:.2f} cores busy, {size/cpu/1e6:.0f} MB/s per core-second; "
      f"peak RSS {rss_b/1e6:.0f} MB = {rss_b/n:.0f} B/event, dictionaries {dict_mb} MB, "
      f"beyond them {beyond:.0f} B/event")
with open("bench/data/report_runs.tsv", "a") as f:
    f.write(f"{t}\t{secs}\t{cpu}\t{beyond}\n")
PY
    grep '^rapport: [0-9]* events\|^rapport: peak' "$log" | sed 's/^/    /'
  done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "JSON identical in every run, at 1 and 2 threads"
python3 - "$bytes" <<'PY'
import statistics, sys
size = int(sys.argv[1])
rows = [l.split("\t") for l in open("bench/data/report_runs.tsv")]
for t in ("1", "2"):
    mine = [(float(w), float(c), float(b)) for tt, w, c, b in rows if tt == t]
    def fig(values, fmt):
        return f"{fmt(statistics.median(values))} (range {fmt(min(values))}-{fmt(max(values))})"
    print(f"summary threads={t}, {len(mine)} runs, median (range): "
          f"{fig([size / w / 1e6 for w, c, b in mine], lambda v: f'{v:.0f}')} MB/s wall; "
          f"{fig([size / c / 1e6 for w, c, b in mine], lambda v: f'{v:.0f}')} MB/s per core-second; "
          f"{fig([c / w for w, c, b in mine], lambda v: f'{v:.2f}')} cores busy; "
          f"{fig([b for w, c, b in mine], lambda v: f'{v:.0f}')} B/event beyond dictionaries")
PY

echo "peers on the first 500000 lines:"
head -n 500000 "$data" > bench/data/head500k.ndjson
hb=$(stat -c %s bench/data/head500k.ndjson)
/usr/bin/time -f "%e %U %S" -o bench/data/t_rapport $bin report bench/data/head500k.ndjson --config "$cfg" --threads 1 -o /dev/null
/usr/bin/time -f "%e %U %S" -o bench/data/t_jq jq -c .id bench/data/head500k.ndjson > /dev/null
/usr/bin/time -f "%e %U %S" -o bench/data/t_py /usr/bin/python3 -c "
import json,sys
n=0
for line in open(sys.argv[1], encoding='utf-8'):
    json.loads(line); n+=1
print(n)" bench/data/head500k.ndjson > /dev/null
for p in rapport jq py; do
  read -r w u s < bench/data/t_$p
  echo "  $p: ${w}s wall, $(python3 -c "print(f'{$hb/$w/1e6:.0f} MB/s')")"
done
echo "google benchmark:"
RAPPORT_BENCH_INPUT=bench/data/head500k.ndjson RAPPORT_BENCH_CONFIG=$cfg $build/bench/ingest_bench 2>&1 | grep -E "^BM_" || true
