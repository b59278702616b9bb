#!/usr/bin/env bash
# Builds the browser (tablet) version of Jiceng: the same core/ and app/gui as the desktop,
# compiled to WebAssembly with Debian's emscripten, as an offline web app.
#   bash scripts/web.sh            → build-web/site/ (index.html, jiceng.js, jiceng.wasm, fonts/,
#                                    manifest.webmanifest, sw.js, icons/, precache.json)
#   bash scripts/web-serve.sh      → serves it on http://127.0.0.1:8080/
# First run: installs the Debian packages it needs and builds the libraries from Debian's sources
# into ~/.cache/jiceng-web (minutes, once).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$here/build-web"
site="$out/site"
export NODE_PATH=/usr/share/nodejs

packages=(emscripten nodejs chromium fonttools python3-brotli dpkg-dev tcl autoconf automake libtool libsqlite3-dev zlib1g-dev libzip-dev
          libpugixml-dev libxlsxwriter-dev libfreetype-dev libsodium-dev libsimdjson-dev libimgui-dev
          nlohmann-json3-dev libstb-dev libcli11-dev fonts-noto-cjk)
# npm comes with some Node.js builds and as its own package with Debian's.
command -v npm >/dev/null || packages+=(npm)
. "$here/scripts/install-packages.sh"
install_packages "${packages[@]}"

prefix=$(bash "$here/scripts/web-deps.sh" | tail -n1)
# pkg-config must see only the web libraries (emcmake 3.1.6 does not point it anywhere); exported for
# the builds too, since a changed CMakeLists.txt re-runs the configuration inside them.
export PKG_CONFIG_LIBDIR="$prefix/lib/pkgconfig" PKG_CONFIG_PATH=""

# Configure once; later runs only build what changed.
if [ ! -f "$out/CMakeCache.txt" ]; then
  emcmake cmake -S "$here" -B "$out" -DCMAKE_BUILD_TYPE=Release -DJICENG_WEB_PREFIX="$prefix" >/dev/null
fi
cmake --build "$out" --target jiceng jiceng-demo-db -j"$(nproc)"

# ---- The site ----------------------------------------------------------------------------------
rm -rf "$site.new"
mkdir -p "$site.new/fonts" "$site.new/icons"
sed 's|{{{ SCRIPT }}}|<script async src="jiceng.js"></script>|' "$here/platform/web/shell.html" >"$site.new/index.html"
cp "$out/bin/jiceng.js" "$out/bin/jiceng.wasm" "$site.new/"
cp "$here/platform/web/manifest.webmanifest" "$here/platform/web/sw.js" "$site.new/"
# The demo town a first start copies instead of writing it (app/demo-db), remade with the program.
if [ ! -f "$out/demo-town.db" ] || [ "$out/bin/jiceng-demo-db.wasm" -nt "$out/demo-town.db" ]; then
  node "$out/bin/jiceng-demo-db.js" "$out/demo-town.db"
fi
cp "$out/demo-town.db" "$site.new/"

# The font is cut from Noto Sans CJK SC (the script recuts only when the text it covers changed);
# its licence travels with it.
/usr/bin/python3 "$here/scripts/web-font.py" "$out/fonts"
cp "$out/fonts/jiceng-main.otf" "$out/fonts/jiceng-rest.otf" "$out/fonts/LICENSE-NotoSansCJK.txt" "$site.new/fonts/"
/usr/bin/python3 "$here/platform/web/make_icons.py" "$site.new/icons" >/dev/null

# What the service worker stores at install: everything but the rest of the font, which is
# fetched (and then kept) only when a rare character appears. The version changes with any file.
(
  cd "$site.new"
  files=$(find . -type f ! -name precache.json ! -name 'jiceng-rest.otf' | sed 's|^\./||' | sort)
  version=$(echo "$files" | xargs sha256sum | sha256sum | cut -c1-16)
  {
    echo '{"version": "'"$version"'", "files": ["./"'
    for f in $files; do echo ', "'"$f"'"'; done
    echo ']}'
  } >precache.json
)
rm -rf "$site"
mv "$site.new" "$site"
echo "网页版已生成 / site built: $site"
du -sh "$site"/* | sed 's|'"$site"'/||'
