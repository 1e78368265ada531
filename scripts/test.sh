#!/usr/bin/env bash
# Installs what rapport needs, then builds and runs the whole test suite:
#   1. Release build with warnings as errors: unit tests (GoogleTest) and end-to-end
#      tests (the real binary on real files) through CTest;
#   2. the same tests under AddressSanitizer and UBSan;
#   3. every libFuzzer target for a short time (RAPPORT_FUZZ_SECONDS, default 20).
# Tests that read ../shared/data fail when it is missing and CI=true, and are
# skipped with a reason otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
jobs=$(nproc)

echo "== release build"
cmake -S . -B build/ci-release -G Ninja -DCMAKE_BUILD_TYPE=Release -DRAPPORT_WERROR=ON >/dev/null
cmake --build build/ci-release -- -j"$jobs" 2>&1 | { grep -Ev '^\[' || true; }
ctest --test-dir build/ci-release --output-on-failure -j"$jobs"

echo "== address and undefined-behaviour sanitizers"
cmake -S . -B build/ci-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRAPPORT_WERROR=ON \
  -DRAPPORT_SANITIZE=ON -DRAPPORT_BUILD_BENCH=OFF >/dev/null
cmake --build build/ci-asan -- -j"$jobs" 2>&1 | { grep -Ev '^\[' || true; }
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build/ci-asan --output-on-failure -j"$jobs"

echo "== fuzzing (libFuzzer, clang)"
./scripts/fuzz.sh "${RAPPORT_FUZZ_SECONDS:-20}"
