#!/usr/bin/env bash
# The browser build's performance figures (docs/PERFORMANCE.md): transfer size, cold and warm start,
# ImGui CPU per frame on the dashboard. Usage: bash tests/web/run-measure.sh [SITE] [ROUNDS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export JICENG_WEB_NODE_MODULES="$(bash "$here/deps.sh")"
export JICENG_WEB_OUT="${JICENG_WEB_OUT:-${TMPDIR:-/tmp}/jiceng-web-measure}"
mkdir -p "$JICENG_WEB_OUT"
exec node "$here/measure.mjs" "${1:-$here/../../build-web/site}" "${2:-5}"
