#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for SECONDS (default 20):
# first over its regression inputs (fuzz/regressions/<target>/, crashes found
# earlier), then fuzzing from a seed corpus of small fixtures and, when ../shared
# exists, the real samples of that format (read in place, never copied).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ -DRAPPORT_BUILD_FUZZ=ON -DRAPPORT_BUILD_TESTS=OFF \
  -DRAPPORT_BUILD_BENCH=OFF -DRAPPORT_SANITIZE=OFF \
  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
cmake --build build/fuzz -- -j"$(nproc)" 2>&1 | { grep -Ev '^\[' || true; }

shared=../shared/data/real
declare -A seeds=(
  [native_ndjson_fuzz]="tests/fixtures/rapport ../shared/data/seed"
  [twcs_csv_fuzz]="tests/fixtures/twcs"
  [x_v2_fuzz]="tests/fixtures/x-v2 $shared/twitter_v2_twarc_testdata $shared/twitter_v2_pytwitter_testdata/tweet $shared/twitter_v2_pytwitter_testdata/searches"
  [x_v1_fuzz]="tests/fixtures/x-v1 tests/fixtures/x-v1/archive $shared/twitter_v1_python_twitter_testdata $shared/twitter_v1_sferik_fixtures $shared/twitter_v1_gnip_twitterdev_examples"
  [youtube_fuzz]="tests/fixtures/youtube $shared/youtube_api_python_youtube/comment_threads $shared/youtube_api_python_youtube/comments $shared/youtube_api_python_youtube/videos"
  [reddit_fuzz]="tests/fixtures/reddit"
  [mastodon_fuzz]="tests/fixtures/mastodon tests/fixtures/mastodon/good_archive $shared/mastodon_api_rtoot_fixtures $shared/mastodon_archive_export"
  [bluesky_fuzz]="tests/fixtures/bluesky $shared/bluesky_api_bskyr"
  [facebook_fuzz]="tests/fixtures/facebook $shared/facebook_instagram_graph_api/facebook/apidata/posts $shared/facebook_instagram_graph_api/facebook/apidata/comments $shared/facebook_instagram_graph_api/facebook/apidata/videos $shared/facebook_instagram_graph_api/facebook/apidata/groups"
  [instagram_fuzz]="tests/fixtures/instagram $shared/facebook_instagram_graph_api/instagram/apidata/medias $shared/facebook_instagram_graph_api/instagram/apidata/users $shared/facebook_instagram_graph_api/instagram/apidata/comments $shared/facebook_instagram_graph_api/instagram/apidata/discovery $shared/facebook_instagram_graph_api/instagram/apidata/stories"
  [csv_mapped_fuzz]="tests/fixtures/csv"
)
for target in "${!seeds[@]}"; do
  corpus=build/fuzz/corpus/$target
  mkdir -p "$corpus" "fuzz/regressions/$target"
  for dir in ${seeds[$target]}; do
    [[ -d $dir ]] && find "$dir" -maxdepth 1 -type f ! -name '*.md' -size -200k -exec cp -f {} "$corpus/" \;
  done
  if [[ $target == twcs_csv_fuzz && -d $shared ]]; then
    # The head of each real TWCS file is seed enough (and keeps runs fast).
    for f in "$shared"/twcs_*/*.csv; do head -c 20000 "$f" > "$corpus/$(basename "$f")"; done
  fi
  if [[ $target == reddit_fuzz && -d $shared ]]; then
    # The dumps are zstd (readers get decompressed bytes): a decompressed head of
    # each, and the head of the PRAW cassette (2.4 MB).
    for f in "$shared"/reddit_pushshift_zst/*.zst; do
      { zstd -dc --long=31 "$f" 2>/dev/null || true; } | head -c 20000 > "$corpus/$(basename "$f" .zst).ndjson"
    done
    head -c 60000 "$shared"/reddit_api_praw_thread/*.json > "$corpus/praw_cassette_head.json"
  fi
  bin=build/fuzz/fuzz/$target
  [[ -x $bin ]] || { echo "fuzz: $bin was not built"; exit 1; }
  if compgen -G "fuzz/regressions/$target/*" >/dev/null; then
    echo "fuzz: $target: regression inputs"
    "$bin" fuzz/regressions/$target/* >build/fuzz/$target.regressions.log 2>&1 || {
      tail -30 build/fuzz/$target.regressions.log; echo "fuzz: $target fails on a regression input"; exit 1; }
  fi
  log=build/fuzz/$target.log
  if ! "$bin" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 \
      -artifact_prefix="fuzz/regressions/$target/" "$corpus" >"$log" 2>&1; then
    tail -40 "$log"
    echo "fuzz: $target found a crash; the input is kept in fuzz/regressions/$target/"
    exit 1
  fi
  echo "fuzz: $target: $(grep -Eo 'Done [0-9]+ runs in [0-9]+ second' "$log" | head -1), no crash"
done
echo "fuzz: no crash"
