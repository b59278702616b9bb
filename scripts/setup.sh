#!/usr/bin/env bash
# Installs the Debian packages Jiceng needs (only the missing ones), then configures and builds.
# Used by run.sh and test.sh; safe to run again.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

packages=(
  build-essential cmake pkg-config
  libsqlite3-dev sqlite3 libsodium-dev nlohmann-json3-dev doctest-dev libzip-dev libpugixml-dev libxlsxwriter-dev libsimdjson-dev
  libimgui-dev libglfw3-dev libstb-dev libcli11-dev libfreetype-dev libfontconfig-dev fonts-noto-cjk
  xvfb xauth libgl1-mesa-dri mesa-utils
  python3 python3-docx python3-openpyxl libreoffice-writer-nogui poppler-utils time
)
. "$here/scripts/install-packages.sh"
install_packages "${packages[@]}"

cmake -S "$here" -B "$here/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$here/build" -j"$(nproc)"
