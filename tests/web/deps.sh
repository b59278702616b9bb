#!/usr/bin/env bash
# Installs the browser tests' one dependency (puppeteer-core, pinned in package-lock.json) into
#   $JICENG_WEB_CACHE (default ~/.cache/jiceng-web)/node/node_modules
# never into the source tree, and prints that folder. Does nothing (and needs no network) while
# the installed copy matches package.json + package-lock.json; npm ci prefers its own cache.
# The browser is Debian's chromium (/usr/bin/chromium): puppeteer-core downloads none.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${JICENG_WEB_CACHE:-$HOME/.cache/jiceng-web}/node"
want="$(cat "$here/package.json" "$here/package-lock.json" | sha256sum | cut -d' ' -f1)"
mkdir -p "$cache"
exec 9>"$cache/.lock"
flock -w 600 9 || { echo "等待 $cache/.lock 超时 / lock timeout" >&2; exit 1; }
if [ -f "$cache/.stamp" ] && [ "$(cat "$cache/.stamp")" = "$want" ] &&
   [ -f "$cache/node_modules/puppeteer-core/package.json" ]; then
  echo "$cache/node_modules"
  exit 0
fi
command -v npm >/dev/null || { echo "缺少 npm（apt-get install npm）/ npm is missing" >&2; exit 1; }
echo "安装 puppeteer-core 到 $cache / installing puppeteer-core" >&2
rm -f "$cache/.stamp"
cp "$here/package.json" "$here/package-lock.json" "$cache/"
(cd "$cache" && PUPPETEER_SKIP_DOWNLOAD=1 timeout 600 npm ci --no-audit --no-fund --ignore-scripts --prefer-offline \
   --loglevel=error >&2)
echo "$want" >"$cache/.stamp"
echo "$cache/node_modules"
