#!/usr/bin/env bash
# Builds Jiceng if needed and runs every test (core, CLI, headless UI, screenshots under Xvfb).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/scripts/setup.sh"
cd "$here/build"
ctest --output-on-failure "$@"
