#!/usr/bin/env bash
# Installs Debian's Chromium (for the portal's end-to-end tests) and the e2e node
# packages (playwright-core drives /usr/bin/chromium; axe-core checks accessibility).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/chromium ]; then
  echo "installing chromium from Debian..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq chromium fonts-noto-core fonts-noto-cjk >&2
fi
cd e2e
if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ]; then
  npm ci --no-audit --no-fund --loglevel=error >&2
fi
