#!/usr/bin/env bash
# Builds Jiceng if needed and opens the app on the built-in demo town.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/scripts/setup.sh"
if [ -x "$here/build/bin/jiceng" ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
  exec "$here/build/bin/jiceng" "$@"
fi
# No display (or no app yet): show the demo town's dashboard from the command line.
db="${XDG_DATA_HOME:-$HOME/.local/share}/jiceng/demo-cli.db"
mkdir -p "$(dirname "$db")"
[ -f "$db" ] || "$here/build/bin/jiceng-cli" demo "$db"
exec "$here/build/bin/jiceng-cli" dashboard "$db" --year 2020
