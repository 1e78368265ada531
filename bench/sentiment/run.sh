#!/usr/bin/env bash
# VADER speed on one core, texts per second (docs/sentiment.md "Speed"):
#   1. the scoring loop alone (bench/sentiment_bench, Google Benchmark);
#   2. `rapport sentiment` end to end: read, score, round, print;
#   3. the reference Python vaderSentiment 3.3.1, when it can be imported (pip package,
#      or VADER_REFERENCE_DIR=a folder holding vaderSentiment/vaderSentiment.py and its
#      two lexicon files); otherwise it says so.
# Workload: the 4,200 tweets of the VADER paper, repeated to N texts (default 50,000).
#
#   BUILD=build-vader bench/sentiment/run.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD:-$root/build}
case $build in /*) ;; *) build=$root/$build ;; esac
shared=${RAPPORT_SHARED:-$root/../shared}
n=${N:-50000}
corpus=$shared/data/vader/corpora/tweets_GroundTruth.txt
[ -f "$corpus" ] || { echo "run.sh: $corpus not found (set RAPPORT_SHARED)" >&2; exit 66; }
for exe in "$build/rapport" "$build/bench/sentiment_bench"; do
  [ -x "$exe" ] || { echo "run.sh: $exe not built (set BUILD)" >&2; exit 66; }
done
pin=()
command -v taskset >/dev/null && pin=(taskset -c 0)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The text column (id TAB mean TAB text, CRLF), repeated to n lines.
python3 - "$corpus" "$n" >"$tmp/texts.txt" <<'PY'
import sys
rows = open(sys.argv[1], "rb").read().decode("utf-8").split("\r\n")
texts = [r.split("\t", 2)[2] for r in rows if r.count("\t") >= 2]
n = int(sys.argv[2])
sys.stdout.write("".join((texts * (n // len(texts) + 1))[:n][k] + "\n" for k in range(n)))
PY

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "workload: $n tweets ($(wc -c <"$tmp/texts.txt") bytes), one core"

echo "== 1. scoring loop (sentiment_bench, median of 5)"
"${pin[@]}" "$build/bench/sentiment_bench" --benchmark_filter='BM_VaderTweets$' \
  --benchmark_repetitions=5 --benchmark_report_aggregates_only=true 2>/dev/null |
  sed -n 's/.*_median.*items_per_second=\([0-9.]*[kM]*\)\/s.*/   rapport C++: \1 texts\/s/p'

echo "== 2. rapport sentiment FILE > /dev/null (best of 3)"
python3 - "$tmp/texts.txt" "$n" "${pin[@]}" "$build/rapport" <<'PY'
import subprocess, sys, time
path, n, cmd = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
best = min(
    (lambda t: (subprocess.run(cmd + ["sentiment", path], stdout=subprocess.DEVNULL, check=True),
                time.perf_counter() - t)[1])(time.perf_counter()) for _ in range(3))
print("   rapport sentiment: %.0f texts/s (%.3f s)" % (n / best, best))
PY

echo "== 3. reference Python vaderSentiment"
"${pin[@]}" python3 - "$tmp/texts.txt" <<'PY'
import os, sys, time
ref = os.environ.get("VADER_REFERENCE_DIR")
if ref:
    sys.path.insert(0, ref)
try:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
except ImportError as e:
    print("   not available (%s): pip install vaderSentiment==3.3.1, or set VADER_REFERENCE_DIR" % e)
    sys.exit(0)
texts = open(sys.argv[1], "rb").read().decode("utf-8").split("\n")[:-1]
analyzer = SentimentIntensityAnalyzer()
start = time.perf_counter()
for t in texts:
    analyzer.polarity_scores(t)
elapsed = time.perf_counter() - start
print("   reference (Python %s): %.0f texts/s (%.2f s)" % (sys.version.split()[0], len(texts) / elapsed, elapsed))
PY
