#!/usr/bin/env bash
# Fuzzing the parsers of outside data (tests/fuzz/) with clang-16, libFuzzer, ASan and UBSan.
#   bash scripts/fuzz.sh build               builds the targets into build-fuzz/bin/
#   bash scripts/fuzz.sh replay              runs every seed (tests/fuzz/corpus/TARGET) and every
#                                            input that once failed (tests/fuzz/regressions/TARGET)
#   bash scripts/fuzz.sh run SECONDS [TARGET…]  fuzzes each target that long; what it learns goes to
#                                            build-fuzz/corpus/TARGET, failures to build-fuzz/findings/
#   bash scripts/fuzz.sh ci                  build, replay, then 20 s of each target (the test suite)
# A failing input is saved as build-fuzz/findings/TARGET/crash-…; fix it, then copy it into
# tests/fuzz/regressions/TARGET/ so that every later run replays it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$here/build-fuzz"
fuzz="$here/tests/fuzz"
# Debian's clang 14 cannot compile one C++20 construct of the core; clang-16 is in Debian 12 too.
packages=(clang-16 libclang-rt-16-dev cmake pkg-config libsqlite3-dev libsodium-dev nlohmann-json3-dev
          libzip-dev libpugixml-dev libxlsxwriter-dev libsimdjson-dev)
. "$here/scripts/install-packages.sh"

targets() { (cd "$fuzz" && ls fuzz_*.cpp | sed 's/\.cpp$//'); }
# A leak is not a refusal broken: the checks here are crashes, sanitizer errors and the contract
# in FuzzSupport.hpp. The limits keep one slow or huge input from stalling a short run.
options=(-rss_limit_mb=4096 -timeout=30 -detect_leaks=0)
export ASAN_SYMBOLIZER_PATH=/usr/bin/llvm-symbolizer-16 UBSAN_OPTIONS=print_stacktrace=1

build() {
  install_packages "${packages[@]}"
  if [ ! -f "$out/CMakeCache.txt" ]; then
    CC=clang-16 CXX=clang++-16 cmake -S "$here" -B "$out" -DJICENG_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  fi
  cmake --build "$out" -j"$(nproc)"
}

replay() {
  local t dirs failed=0
  for t in $(targets); do
    dirs=()
    for d in "$fuzz/corpus/$t" "$fuzz/regressions/$t"; do [ -d "$d" ] && dirs+=("$d"); done
    [ ${#dirs[@]} -gt 0 ] || continue
    # -runs=0: execute the given inputs once each, no new ones.
    mkdir -p "$out/findings/$t"
    if "$out/bin/$t" "${options[@]}" -runs=0 -artifact_prefix="$out/findings/$t/" "${dirs[@]}" >"$out/$t.replay.log" 2>&1; then
      echo "$t: $(grep -o 'INITED.*' "$out/$t.replay.log" | head -n1)"
    else
      echo "$t: FAILED (log: $out/$t.replay.log)"; tail -n 30 "$out/$t.replay.log"; failed=1
    fi
  done
  return $failed
}

run() {
  local seconds=$1; shift
  local list=("$@") t failed=0
  [ ${#list[@]} -gt 0 ] || list=($(targets))
  for t in "${list[@]}"; do
    mkdir -p "$out/corpus/$t" "$out/findings/$t"
    local seeds=()
    [ -d "$fuzz/corpus/$t" ] && seeds+=("$fuzz/corpus/$t")
    # New inputs go to the first folder (the build's), never into the repository's seeds.
    if "$out/bin/$t" "${options[@]}" -max_total_time="$seconds" -print_final_stats=1 \
         -artifact_prefix="$out/findings/$t/" "$out/corpus/$t" "${seeds[@]}" >"$out/$t.run.log" 2>&1; then
      echo "$t: $(grep -E '^stat::number_of_executed_units' "$out/$t.run.log" | awk '{print $2}') inputs in ${seconds} s, no failure"
    else
      echo "$t: FAILED (log: $out/$t.run.log)"; tail -n 40 "$out/$t.run.log"; failed=1
    fi
  done
  return $failed
}

case "${1:-ci}" in
  build) build ;;
  replay) replay ;;
  run) shift; run "${1:-60}" "${@:2}" ;;
  ci) build; replay; run 20 ;;
  *) sed -n '2,11p' "$0"; exit 2 ;;
esac
