#!/bin/sh
# Screenshots of every screen at desktop (1280x800) and tablet-portrait (800x1280) size, rendered
# by the real app under Xvfb. Usage: scripts/screenshots.sh [BUILD_DIR] [OUT_DIR]
# The demo town is built fresh in OUT_DIR, so the pictures never depend on the user's data.
set -eu
BUILD=${1:-build}
OUT=${2:-screenshots}
APP="$BUILD/bin/jiceng"
if [ ! -x "$APP" ]; then echo "no $APP: build the target 'jiceng' first" >&2; exit 1; fi
if ! command -v xvfb-run >/dev/null 2>&1; then echo "xvfb-run is missing: apt-get install xvfb" >&2; exit 1; fi
mkdir -p "$OUT"
DB="$OUT/demo.db"
rm -f "$DB" "$DB-wal" "$DB-shm"
export XDG_DATA_HOME="$OUT/data" XDG_CONFIG_HOME="$OUT/config"
for size in 1280x800 800x1280; do
  for view in collect dashboard summary records settings; do
    xvfb-run -a -s "-screen 0 ${size}x24" "$APP" --db "$DB" --view "$view" --size "$size" \
      --screenshot "$OUT/$view-$size.png"
    echo "$OUT/$view-$size.png"
  done
done
