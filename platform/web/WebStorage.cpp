// The browser's side of storage, files and fonts. The app's files live under /data, an in-memory
// file system that the page (shell.js) loaded from IndexedDB before main() and copies back to it
// on flush_storage(). Downloads, the file picker and the on-demand font are the page's too; this
// file is the thin C++ face of those page functions.
#include <emscripten.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "../Files.hpp"
#include "../Fonts.hpp"
#include "../Storage.hpp"

namespace jiceng::platform {
namespace {

std::function<std::string(const std::string&)> g_probe;
std::string g_probe_answer;

EM_JS(void, page_flush, (), { Module.jicengFlush(); });
EM_JS(int, page_storage_known, (), { return Module.jicengStorage.known ? 1 : 0; });
EM_JS(double, page_storage_used, (), { return Module.jicengStorage.used; });
EM_JS(double, page_storage_quota, (), { return Module.jicengStorage.quota; });
EM_JS(int, page_storage_persistent, (), { return Module.jicengStorage.persistent ? 1 : 0; });
EM_JS(int, page_storage_flushing, (), { return Module.jicengStorage.flushing ? 1 : 0; });
EM_JS(char*, page_storage_error, (), { return allocateUTF8(Module.jicengStorage.error || ""); });
EM_JS(void, page_download, (const char* path, const char* name), {
  Module.jicengDownload(UTF8ToString(path), UTF8ToString(name));
});
EM_JS(void, page_pick, (const char* extension), { Module.jicengPick(UTF8ToString(extension)); });
EM_JS(char*, page_take_picked, (), { return allocateUTF8(Module.jicengTakePicked()); });
// 0: not asked yet (starts the fetch), 1: on its way, 2: in /fonts, 3: failed (asked again later).
EM_JS(int, page_fallback_font, (), { return Module.jicengFallbackFont(); });

}  // namespace

StorageInfo storage_info() {
  StorageInfo s;
  s.known = page_storage_known();
  s.used_bytes = page_storage_used();
  s.quota_bytes = page_storage_quota();
  s.persistent = page_storage_persistent();
  s.flushing = page_storage_flushing();
  char* e = page_storage_error();
  s.last_error = e;
  std::free(e);
  return s;
}

void flush_storage() { page_flush(); }

void set_test_probe(std::function<std::string(const std::string&)> probe) { g_probe = std::move(probe); }

std::optional<FontFile> fetch_fallback_font() {
  if (page_fallback_font() != 2) return std::nullopt;
  return FontFile{"/fonts/jiceng-rest.otf", 0, "Noto Sans CJK SC"};
}

bool files_through_browser() { return true; }

void offer_download(const std::string& path, const std::string& name) { page_download(path.c_str(), name.c_str()); }

void pick_files(const std::string& extension) { page_pick(extension.c_str()); }

std::vector<std::string> take_picked_files() {
  // The page answers with the paths separated by newlines (a path never holds one: it names them).
  char* raw = page_take_picked();
  std::string all = raw;
  std::free(raw);
  std::vector<std::string> paths;
  size_t start = 0;
  while (start < all.size()) {
    size_t end = all.find('\n', start);
    if (end == std::string::npos) end = all.size();
    if (end > start) paths.push_back(all.substr(start, end - start));
    start = end + 1;
  }
  return paths;
}

std::string scratch_dir() {
  std::error_code ec;
  std::filesystem::create_directories("/tmp/jiceng", ec);
  return "/tmp/jiceng";
}

}  // namespace jiceng::platform

extern "C" EMSCRIPTEN_KEEPALIVE const char* jiceng_web_probe(const char* question) {
  using namespace jiceng::platform;
  g_probe_answer = g_probe ? g_probe(question ? question : "") : "null";
  return g_probe_answer.c_str();
}
