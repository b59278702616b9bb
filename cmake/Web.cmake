# The browser build (Emscripten). Libraries come from scripts/web-deps.sh, built from Debian's
# source packages into JICENG_WEB_PREFIX; their pkg-config files are found through the
# EM_PKG_CONFIG_PATH that scripts/web.sh sets. Header-only libraries were copied there as well.
set(JICENG_WEB_PREFIX "$ENV{HOME}/.cache/jiceng-web/prefix" CACHE PATH "Where web-deps.sh installed the libraries")
list(APPEND CMAKE_FIND_ROOT_PATH ${JICENG_WEB_PREFIX})
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)

# No threads (a page without cross-origin isolation has no SharedArrayBuffer). C++ exceptions
# (core/ reports refusals with them) are WebAssembly's own, as in scripts/web-deps.sh: Emscripten's
# JavaScript emulation sent every call that may throw through JavaScript (3× slower town opening).
# Chromium ≥ 95, Safari ≥ 15.2 and Firefox ≥ 100 run them.
add_compile_options(-fwasm-exceptions)
add_link_options(-fwasm-exceptions)

# Header-only libraries, as imported targets named like the desktop's packages.
add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED)
target_include_directories(nlohmann_json::nlohmann_json INTERFACE ${JICENG_WEB_PREFIX}/include)
add_library(CLI11::CLI11 INTERFACE IMPORTED)
target_include_directories(CLI11::CLI11 INTERFACE ${JICENG_WEB_PREFIX}/include)

# Dear ImGui from Debian's source (the same 1.86 as libimgui-dev): the files Debian's libimgui.a
# holds that the app uses, with the glfw and opengl3 backends and the FreeType builder.
set(IMGUI_DIR ${JICENG_WEB_PREFIX}/imgui)
add_library(jiceng_imgui STATIC
  ${IMGUI_DIR}/imgui.cpp ${IMGUI_DIR}/imgui_draw.cpp ${IMGUI_DIR}/imgui_tables.cpp ${IMGUI_DIR}/imgui_widgets.cpp
  ${IMGUI_DIR}/misc/cpp/imgui_stdlib.cpp ${IMGUI_DIR}/misc/freetype/imgui_freetype.cpp
  ${IMGUI_DIR}/backends/imgui_impl_glfw.cpp ${IMGUI_DIR}/backends/imgui_impl_opengl3.cpp)
# Debian installs the headers in /usr/include/imgui with backends/ and the misc headers beside them;
# the same layout here, as links (copies would be second files to #pragma once: imgui.h twice).
set(JICENG_IMGUI_INCLUDE ${CMAKE_BINARY_DIR}/imgui-include)
file(MAKE_DIRECTORY ${JICENG_IMGUI_INCLUDE}/backends)
foreach(h imgui.h imconfig.h imgui_internal.h imstb_rectpack.h imstb_textedit.h imstb_truetype.h
          misc/cpp/imgui_stdlib.h misc/freetype/imgui_freetype.h
          backends/imgui_impl_glfw.h backends/imgui_impl_opengl3.h backends/imgui_impl_opengl3_loader.h)
  get_filename_component(name ${h} NAME)
  set(dest ${JICENG_IMGUI_INCLUDE}/${name})
  if(h MATCHES "^backends/")
    set(dest ${JICENG_IMGUI_INCLUDE}/${h})
  endif()
  file(CREATE_LINK ${IMGUI_DIR}/${h} ${dest} SYMBOLIC)
endforeach()
target_include_directories(jiceng_imgui PUBLIC ${JICENG_IMGUI_INCLUDE} PRIVATE ${IMGUI_DIR})
target_compile_definitions(jiceng_imgui PUBLIC IMGUI_ENABLE_FREETYPE)
pkg_check_modules(FREETYPE REQUIRED IMPORTED_TARGET freetype2)
target_link_libraries(jiceng_imgui PUBLIC PkgConfig::FREETYPE)
