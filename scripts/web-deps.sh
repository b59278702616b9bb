#!/usr/bin/env bash
# Builds the C/C++ libraries the browser build links, for WebAssembly, from Debian's own source
# packages (Emscripten's "ports" would be downloaded from elsewhere, which this project does not do).
# Versions are pinned to the ones the desktop build links (the installed -dev packages), so the
# desktop and the browser run the same Dear ImGui, SQLite, libzip… Each library is built once into
#   $JICENG_WEB_CACHE (default ~/.cache/jiceng-web)/prefix
# and skipped later while its stamp (name + version + this script's build recipe) is there.
# The deb-src list lives in a private apt folder, so the system's apt lists stay untouched.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${JICENG_WEB_CACHE:-$HOME/.cache/jiceng-web}"
prefix="$cache/prefix"
src="$cache/src"
apt_dir="$cache/apt"
jobs="$(nproc)"
export NODE_PATH=/usr/share/nodejs
mkdir -p "$prefix/lib/pkgconfig" "$prefix/include" "$src" "$apt_dir"/{lists/partial,archives/partial,parts}

# Flags every library is compiled with: optimised for speed, no threads (a page without
# cross-origin isolation has no SharedArrayBuffer). C++ exceptions are WebAssembly's own
# (core/ reports refusals with them); Emscripten's JavaScript emulation made every call that may
# throw a round trip through JavaScript, which tripled the time to open a town. Every C++ object
# in the link must use the same kind, so cmake/Web.cmake names the same flag.
web_cflags="-O2"
web_exceptions="-fwasm-exceptions"
recipe_version=1  # bump when the flags or a recipe below change: everything is rebuilt

command -v emcc >/dev/null || { echo "缺少 emscripten（apt-get install emscripten）" >&2; exit 1; }

apt_opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o "Dir::Etc::SourceParts=$apt_dir/parts"
          -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir" -o "Dir::Cache::archives=$apt_dir/archives"
          -o Debug::NoLocking=1 -o APT::Sandbox::User=root -qq)

# Debian's source version of an installed binary package (the desktop build's version).
installed_source_version() {
  dpkg-query -W -f='${source:Version}' "$1" 2>/dev/null || true
}

# Unpacks source package $1 at version $2 (or the newest when the pinned one is gone from the
# mirror) into $src; prints the unpacked folder.
fetch_source() {
  local pkg=$1 version=$2
  local dir="$src/$pkg-$version"
  if [ -f "$dir/.version" ]; then
    echo "$dir"
    return
  fi
  local work="$src/.dl-$pkg"
  rm -rf "$work"
  mkdir -p "$work"
  (
    cd "$work"
    if ! apt-get "${apt_opts[@]}" source --download-only "$pkg=$version" >/dev/null 2>&1; then
      echo "注意：$pkg $version 已不在软件源中，改用最新版本 / pinned version gone, using the newest" >&2
      apt-get "${apt_opts[@]}" source --download-only "$pkg" >/dev/null
    fi
    dpkg-source --no-check -x ./*.dsc unpacked >/dev/null
  )
  rm -rf "$dir"
  mv "$work/unpacked" "$dir"
  echo "$version" >"$dir/.version"
  rm -rf "$work"
  echo "$dir"
}

# C++ libraries also carry the exception kind in their stamp (C libraries do not depend on it).
stamp() { echo "$prefix/.built-$1-$2-r$recipe_version${3:+-$web_exceptions}"; }

# ---- The private apt folder with one deb-src line --------------------------------------------
if [ ! -f "$apt_dir/sources.list" ] || [ -z "$(ls -A "$apt_dir/lists" 2>/dev/null | grep -v partial)" ]; then
  suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
  echo "deb-src http://deb.debian.org/debian $suite main" >"$apt_dir/sources.list"
  echo "读取 Debian 源码包列表 / reading Debian's source lists"
  apt-get "${apt_opts[@]}" update
fi

cmake_web() {  # SOURCE BUILD [cmake options…]: configure, build and install one CMake project
  local s=$1 b=$2
  shift 2
  # The optimisation goes in the Release flags only: configure's many test programs are then linked
  # without wasm-opt, which takes each from ~10 s to ~1 s. Emscripten's CheckTypeSize runs its test
  # programs in node, which fails with Node 20 (the default emulator line passes a flag Node 20
  # refuses, and the runtime's node path trips over Node 20's fetch): recipes state those sizes.
  emcmake cmake -S "$s" -B "$b" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$prefix" \
    -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_FIND_ROOT_PATH="$prefix" -DBUILD_SHARED_LIBS=OFF \
    -DCMAKE_C_FLAGS_RELEASE="$web_cflags -DNDEBUG" -DCMAKE_CXX_FLAGS_RELEASE="$web_cflags -DNDEBUG" \
    -DCMAKE_CXX_FLAGS="$web_exceptions" -DCMAKE_CROSSCOMPILING_EMULATOR=/usr/bin/node "$@" >/dev/null
  cmake --build "$b" -j"$jobs" >/dev/null
  cmake --install "$b" >/dev/null
}

build() {  # NAME BINARY-PACKAGE [cxx]: fetches and builds NAME unless its stamp says it is there
  local name=$1 binary=$2 cxx=${3:-}
  local version
  version=$(installed_source_version "$binary")
  [ -n "$version" ] || { echo "缺少 $binary（先运行 scripts/setup.sh）/ $binary is not installed" >&2; exit 1; }
  if [ -f "$(stamp "$name" "$version" "$cxx")" ]; then return; fi
  echo "编译 $name $version（WebAssembly）/ building $name for the web"
  local dir
  dir=$(fetch_source "$name" "$version")
  "build_$name" "$dir"
  touch "$(stamp "$name" "$version" "$cxx")"
}

# ---- Recipes ---------------------------------------------------------------------------------
build_zlib() {
  (cd "$1" && emconfigure ./configure --static --prefix="$prefix" >/dev/null &&
     emmake make -j"$jobs" CFLAGS="$web_cflags" libz.a >/dev/null && emmake make install >/dev/null)
}

build_libzip() {
  cmake_web "$1" "$1/build-web" -DENABLE_COMMONCRYPTO=OFF -DENABLE_GNUTLS=OFF -DENABLE_MBEDTLS=OFF \
    -DENABLE_OPENSSL=OFF -DENABLE_WINDOWS_CRYPTO=OFF -DENABLE_BZIP2=OFF -DENABLE_LZMA=OFF -DENABLE_ZSTD=OFF \
    -DBUILD_TOOLS=OFF -DBUILD_REGRESS=OFF -DBUILD_EXAMPLES=OFF -DBUILD_DOC=OFF \
    -DHAVE_SIZEOF_OFF_T=TRUE -DSIZEOF_OFF_T=8 -DHAVE_SIZEOF_SIZE_T=TRUE -DSIZEOF_SIZE_T=4 \
    -DZLIB_INCLUDE_DIR="$prefix/include" -DZLIB_LIBRARY="$prefix/lib/libz.a"
}

build_pugixml() {
  cmake_web "$1" "$1/build-web" -DPUGIXML_BUILD_TESTS=OFF
}

build_libxlsxwriter() {
  cmake_web "$1" "$1/build-web" -DBUILD_TESTS=OFF -DBUILD_EXAMPLES=OFF -DUSE_SYSTEM_MINIZIP=OFF \
    -DZLIB_INCLUDE_DIR="$prefix/include" -DZLIB_LIBRARY="$prefix/lib/libz.a"
  # Its CMake installs no pkg-config file.
  cat >"$prefix/lib/pkgconfig/xlsxwriter.pc" <<EOF
prefix=$prefix
Name: xlsxwriter
Description: libxlsxwriter for WebAssembly
Version: 1.1.4
Requires.private: zlib
Libs: -L\${prefix}/lib -lxlsxwriter -lz
Cflags: -I\${prefix}/include
EOF
}

build_freetype() {
  # With our zlib: FT_DISABLE_ZLIB would compile FreeType's own copy of zlib, whose symbols clash.
  cmake_web "$1" "$1/build-web" -DFT_REQUIRE_ZLIB=ON -DFT_DISABLE_BZIP2=ON -DFT_DISABLE_PNG=ON \
    -DFT_DISABLE_HARFBUZZ=ON -DFT_DISABLE_BROTLI=ON \
    -DZLIB_INCLUDE_DIR="$prefix/include" -DZLIB_LIBRARY="$prefix/lib/libz.a"
}

build_libsodium() {
  # No assembly, no threads; random bytes come from the browser's crypto.getRandomValues.
  # LDFLAGS=-O0 comes last on configure's test command lines: its hundreds of test programs then
  # skip wasm-opt (seconds each); the library itself is compiled with $web_cflags.
  # Debian's source has no generated configure (Debian's build runs autoreconf too).
  [ -x "$1/configure" ] || (cd "$1" && autoreconf -fi >/dev/null 2>&1)
  (cd "$1" && CFLAGS="$web_cflags" LDFLAGS="-O0" emconfigure ./configure --prefix="$prefix" --disable-shared \
     --enable-static --without-pthreads --disable-ssp --disable-asm --disable-pie \
     --host=wasm32-unknown-emscripten >/dev/null &&
     emmake make -j"$jobs" >/dev/null && emmake make install >/dev/null)
}

build_simdjson() {
  # The single-file build Debian's source ships; the fallback (portable) kernel is chosen for wasm.
  (cd "$1/singleheader" && em++ $web_cflags $web_exceptions -std=c++17 -c simdjson.cpp -o simdjson.o &&
     emar rcs "$prefix/lib/libsimdjson.a" simdjson.o && cp simdjson.h "$prefix/include/")
  cat >"$prefix/lib/pkgconfig/simdjson.pc" <<EOF
prefix=$prefix
Name: simdjson
Description: simdjson for WebAssembly
Version: 3.0.1
Libs: -L\${prefix}/lib -lsimdjson
Cflags: -I\${prefix}/include
EOF
}

build_sqlite3() {
  # Debian ships SQLite's canonical sources: the amalgamation is generated natively (tclsh), then
  # compiled for wasm. No WAL in the browser (no shared memory between tabs; the database lives in
  # memory and is written to IndexedDB after each commit), no threads, no extension loading.
  local amal="$1/build-amalgamation"
  mkdir -p "$amal"
  (cd "$amal" && "$1/configure" >/dev/null && make sqlite3.c >/dev/null)
  (cd "$amal" && emcc $web_cflags -DSQLITE_THREADSAFE=0 -DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_OMIT_WAL \
     -DSQLITE_ENABLE_SESSION -DSQLITE_ENABLE_PREUPDATE_HOOK -DSQLITE_ENABLE_MATH_FUNCTIONS -c sqlite3.c -o sqlite3.o &&
     emar rcs "$prefix/lib/libsqlite3.a" sqlite3.o && cp sqlite3.h sqlite3ext.h "$prefix/include/")
  cat >"$prefix/lib/pkgconfig/sqlite3.pc" <<EOF
prefix=$prefix
Name: SQLite
Description: SQLite for WebAssembly
Version: $(cat "$1/VERSION")
Libs: -L\${prefix}/lib -lsqlite3
Cflags: -I\${prefix}/include
EOF
}

build_imgui() {
  # Dear ImGui has no build system of its own: the web CMake compiles these sources (the same
  # files Debian's libimgui.a holds). Keep the unpacked tree where CMake finds it.
  rm -rf "$prefix/imgui"
  cp -r "$1" "$prefix/imgui"
}

# ---- Build -----------------------------------------------------------------------------------
build zlib zlib1g-dev
build libzip libzip-dev
build pugixml libpugixml-dev cxx
build libxlsxwriter libxlsxwriter-dev
build freetype libfreetype-dev
build libsodium libsodium-dev
build simdjson libsimdjson-dev cxx
build sqlite3 libsqlite3-dev
build imgui libimgui-dev
# Header-only libraries come from the installed Debian packages as they are; copied with their
# timestamps (cp -a), or every run of web.sh would rebuild everything that includes them.
mkdir -p "$prefix/include/stb"
rm -rf "$prefix/include/nlohmann" && cp -a /usr/include/nlohmann "$prefix/include/"
cp -a /usr/include/stb/stb_image_write.h /usr/include/stb/stb_image.h "$prefix/include/stb/"
rm -rf "$prefix/include/CLI" && cp -a /usr/include/CLI "$prefix/include/"
echo "$prefix"
