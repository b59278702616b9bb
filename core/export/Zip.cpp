#include "export/Zip.hpp"

#include <zip.h>

#include <memory>
#include <stdexcept>

#include "base/Error.hpp"
#include "base/Strings.hpp"

namespace jiceng::exporter {
namespace {

struct SourceFree {
  void operator()(zip_source_t* s) const { zip_source_free(s); }
};
using SourcePtr = std::unique_ptr<zip_source_t, SourceFree>;

// Failures while writing in memory are programming or memory errors, not bad input.
[[noreturn]] void fail(const char* what, zip_error_t* e) {
  std::string msg = std::string("zip: ") + what + ": " + (e ? zip_error_strerror(e) : "");
  throw std::runtime_error(msg);
}

}  // namespace

std::string zip_bytes(const std::vector<ZipEntry>& entries) {
  zip_error_t err;
  zip_error_init(&err);
  SourcePtr buffer(zip_source_buffer_create(nullptr, 0, 0, &err));
  if (!buffer) fail("buffer", &err);
  zip_t* z = zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &err);
  if (!z) fail("open", &err);
  zip_source_keep(buffer.get());  // the archive releases its reference on close; we read it after
  for (const auto& e : entries) {
    // The data must outlive zip_close, which is when libzip reads it: `entries` does.
    zip_source_t* s = zip_source_buffer(z, e.data.data(), e.data.size(), 0);
    if (!s) fail("entry", zip_get_error(z));
    zip_int64_t idx = zip_file_add(z, e.name.c_str(), s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
    if (idx < 0) {
      zip_source_free(s);
      fail("add", zip_get_error(z));
    }
    zip_set_file_compression(z, zip_uint64_t(idx), ZIP_CM_DEFLATE, 6);
  }
  if (zip_close(z) != 0) {
    zip_error_t* e = zip_get_error(z);
    std::string msg = zip_error_strerror(e);
    zip_discard(z);
    throw std::runtime_error("zip: close: " + msg);
  }
  if (zip_source_open(buffer.get()) != 0) fail("reopen", zip_source_error(buffer.get()));
  std::string out;
  char chunk[65536];
  zip_int64_t n;
  while ((n = zip_source_read(buffer.get(), chunk, sizeof chunk)) > 0) out.append(chunk, size_t(n));
  zip_source_close(buffer.get());
  if (n < 0) fail("read", zip_source_error(buffer.get()));
  return out;
}

std::vector<ZipEntry> unzip_bytes(std::string_view bytes) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (!src) fail("buffer", &err);
  zip_t* z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
  if (!z) {
    zip_source_free(src);
    throw InputError(tr("export.zip.unreadable", {{"reason", zip_error_strerror(&err)}}));
  }
  std::vector<ZipEntry> out;
  const zip_int64_t count = zip_get_num_entries(z, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(z, zip_uint64_t(i), 0, &st) != 0) continue;
    ZipEntry e;
    e.name = st.name;
    e.data.resize(size_t(st.size));
    zip_file_t* f = zip_fopen_index(z, zip_uint64_t(i), 0);
    zip_int64_t n = f ? zip_fread(f, e.data.data(), st.size) : -1;
    if (f) zip_fclose(f);
    if (n < 0 || zip_uint64_t(n) != st.size) {
      zip_discard(z);
      throw InputError(tr("export.zip.unreadable", {{"reason", e.name}}));
    }
    out.push_back(std::move(e));
  }
  zip_discard(z);  // also frees src
  return out;
}

}  // namespace jiceng::exporter
