#!/usr/bin/env bash
# Installs every Debian package that building, testing and benchmarking rapport needs.
# Idempotent and quiet: packages already present are not fetched again.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  libsimdjson-dev libzstd-dev zstd zlib1g-dev
  libabsl-dev libtbb-dev libfmt-dev libcli11-dev libtomlplusplus-dev libcsv-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libsqlite3-dev libcpp-httplib-dev wrk
  clang libclang-rt-14-dev
  tzdata python3 jq
  chromium
)

missing=()
# Node.js and npm build the HTML report's scripts (web/); a Node.js from elsewhere
# (nodesource) already carries npm, so they are asked for only when absent.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Vega, Vega-Lite, vega-embed (inlined into the HTML report at build time) and
# playwright-core (browser tests), exactly as web/package-lock.json pins them; npm ci
# runs again only when the lock file changed since the last install.
WEB="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/web"
if ! cmp -s "$WEB/package-lock.json" "$WEB/node_modules/.rapport-lock"; then
  (cd "$WEB" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  cp "$WEB/package-lock.json" "$WEB/node_modules/.rapport-lock"
fi
