#!/usr/bin/env bash
# Builds Jiceng (desktop and browser) if needed and runs every test (core, CLI, headless UI,
# screenshots under Xvfb, the browser build in headless chromium).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/scripts/setup.sh"
# The tablet (browser) build too: its tests load it in a real browser.
bash "$here/scripts/web.sh"
cd "$here/build"
# Two suites at a time: each writes under its own temporary folder, so they never collide; the
# benchmark and the browser tests run alone (RUN_SERIAL). Arguments after the script go to ctest.
ctest --output-on-failure -j2 "$@"
