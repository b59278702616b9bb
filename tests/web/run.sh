#!/usr/bin/env bash
# Runs the real-browser tests (puppeteer-core + Debian's chromium, headless, software GL).
#   bash tests/web/run.sh SITE_DIR OUT_DIR [NAME…]    the built app: test-screenshots, test-persist,
#                                                     test-offline, test-two-tabs, test-wheel,
#                                                     test-exchange (or the NAMEs given)
#   bash tests/web/run.sh --selftest OUT_DIR          the machinery and sw.js on the fixture site:
#                                                     test-fixture, test-screenshots, test-offline, test-two-tabs
# Screenshots, console logs and TAP files go to OUT_DIR. The last line is "N passed, M failed";
# the exit code is 0 when nothing failed, 77 when the tests cannot run here (no chromium, no
# site…: ctest reports SKIPPED), 1 otherwise. JICENG_WEB_SLOW=3 gives a loaded machine 3× the time.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

skip() {
  echo "跳过网页测试 / web tests skipped: $*"
  echo "0 passed, 0 failed"
  exit 77
}

selftest=0
if [ "${1:-}" = "--selftest" ]; then
  selftest=1
  shift
  out="${1:-}"
  [ -n "$out" ] || { echo "用法 / usage: run.sh --selftest OUT_DIR" >&2; exit 2; }
  shift
  tests=(test-fixture test-screenshots test-offline test-two-tabs)
else
  site="${1:-}"
  out="${2:-}"
  [ -n "$site" ] && [ -n "$out" ] || { echo "用法 / usage: run.sh SITE_DIR OUT_DIR [NAME…] | run.sh --selftest OUT_DIR" >&2; exit 2; }
  shift 2
  tests=(test-screenshots test-persist test-ime test-offline test-two-tabs test-wheel test-rotate test-exchange)
  [ $# -gt 0 ] && tests=("$@")
  [ -f "$site/index.html" ] && [ -f "$site/precache.json" ] || skip "$site 里没有编译好的网页版 / no built site in $site (bash scripts/web.sh)"
  site="$(cd "$site" && pwd)"
fi

chromium="${JICENG_CHROMIUM:-/usr/bin/chromium}"
[ -x "$chromium" ] || skip "缺少 $chromium（apt-get install chromium）"
command -v node >/dev/null || skip "缺少 node（apt-get install nodejs npm）"
[ "$(node -p 'process.versions.node.split(".")[0]')" -ge 20 ] 2>/dev/null || skip "node 20 或更新 / needs node ≥ 20"
if [ $selftest = 1 ]; then
  /usr/bin/python3 -c 'import fontTools' 2>/dev/null || skip "缺少 fontTools（apt-get install fonttools），画图标要用"
  [ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || skip "缺少 fonts-noto-cjk"
fi

modules="$(bash "$here/deps.sh")" || skip "puppeteer-core 安装失败 / could not install puppeteer-core"
export JICENG_WEB_NODE_MODULES="$modules"

mkdir -p "$out"
out="$(cd "$out" && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/jiceng-web-run.XXXXXX")"
trap 'rm -rf "$work"' EXIT
if [ $selftest = 1 ]; then
  site="$work/site"
  node "$here/fixtures/make-site.mjs" "$site" >/dev/null || { echo "fixture site failed"; echo "0 passed, 1 failed"; exit 1; }
fi
export JICENG_WEB_SITE="$site" JICENG_WEB_OUT="$out" JICENG_CHROMIUM="$chromium"

echo "网页测试 / web tests: $site → $out ($("$chromium" --version 2>/dev/null | head -1))"
slow="${JICENG_WEB_SLOW:-1}"
budget=$(( 900 * ${slow%.*} ))  # seconds for one file, whatever happens inside
passed=0
failed=0
for name in "${tests[@]}"; do
  file="$here/${name%.mjs}.mjs"
  tap="$out/${name%.mjs}.tap"
  rm -f "$tap"
  echo "== ${name%.mjs}"
  timeout -k 10 "$budget" node --test --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$tap" "$file"
  rc=$?
  p=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$tap" 2>/dev/null | tail -1)
  f=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$tap" 2>/dev/null | tail -1)
  c=$(sed -n 's/^# cancelled \([0-9]*\)$/\1/p' "$tap" 2>/dev/null | tail -1)
  p=${p:-0}
  f=$(( ${f:-0} + ${c:-0} ))
  if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then
    f=1  # crashed or timed out before reporting
    echo "${name%.mjs}: exit code $rc"
  fi
  passed=$((passed + p))
  failed=$((failed + f))
done
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
