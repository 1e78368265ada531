#!/usr/bin/env bash
# Installs what rapport needs, builds it (Release) and runs the main job on the
# bundled example: the summary on the terminal, JSON and CSV reports in out/.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DRAPPORT_BUILD_TESTS=OFF \
  -DRAPPORT_BUILD_BENCH=OFF >/dev/null
cmake --build build/release --target rapport -- -j"$(nproc)" 2>&1 | { grep -Ev '^\[' || true; }
mkdir -p out
./build/release/rapport report data/example/events.ndjson --config data/example/rapport.toml \
  --json out/example.json --csv out/example.csv
echo "rapport: wrote out/example.json and out/example.csv"
