#include "base/Text.hpp"

#include <iconv.h>
#include <sodium.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "base/Error.hpp"
#include "base/Strings.hpp"

namespace jiceng {

std::optional<size_t> find_invalid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    const size_t n = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return i;
    char32_t cp = c & (0xFF >> (n + 1));
    for (size_t k = 1; k < n; ++k) {
      const unsigned char b = s[i + k];
      if ((b >> 6) != 0x2) return i;
      cp = (cp << 6) | (b & 0x3F);
    }
    static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return i;  // overlong, surrogate, too big
    i += n;
  }
  return std::nullopt;
}

std::optional<std::string> decode_gb18030(std::string_view bytes) {
  // glibc's iconv knows GB18030; no Debian library is needed for this one conversion.
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out(bytes.size() * 2 + 16, '\0');
  char* in_p = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  char* out_p = out.data();
  size_t out_left = out.size();
  const size_t rc = iconv(cd, &in_p, &in_left, &out_p, &out_left);
  iconv_close(cd);
  if (rc == static_cast<size_t>(-1) || in_left != 0) return std::nullopt;
  out.resize(out.size() - out_left);
  if (find_invalid_utf8(out)) return std::nullopt;
  return out;
}

std::string to_valid_utf8(std::string_view bytes) {
  auto bad = find_invalid_utf8(bytes);
  if (!bad) return std::string(bytes);
  if (auto gb = decode_gb18030(bytes)) return *gb;
  std::string out(bytes.substr(0, *bad));
  while (bad) {
    out += "\xEF\xBF\xBD";  // U+FFFD for the bad byte; the scan goes on after it
    bytes.remove_prefix(*bad + 1);
    bad = find_invalid_utf8(bytes);
    out += bytes.substr(0, bad ? *bad : bytes.size());
  }
  return out;
}

std::string file_name_text(const std::string& path) {
  return to_valid_utf8(std::filesystem::path(path).filename().string());
}

int line_of(std::string_view s, size_t offset) {
  int line = 1;
  for (size_t i = 0; i < offset && i < s.size(); ++i) line += s[i] == '\n';
  return line;
}

std::string_view strip_bom(std::string_view s) {
  return s.substr(0, 3) == "\xEF\xBB\xBF" ? s.substr(3) : s;
}

size_t utf8_length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw InputError(tr("file.cannot_read"), Location{path});
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

void write_file(const std::string& path, std::string_view content) {
  // POSIX rather than std::ofstream: only write(2) and fsync(2) tell us the disk is full, and the
  // data must be on disk before the rename makes it the file.
  const std::filesystem::path target = std::filesystem::u8path(path);
  std::random_device rd;
  std::filesystem::path tmp = target;
  tmp += ".tmp" + std::to_string(rd());
  auto fail = [&](int error) {
    std::error_code ignore;
    std::filesystem::remove(tmp, ignore);
    throw InputError(tr(error == ENOSPC || error == EDQUOT || error == EFBIG ? "file.disk_full" : "file.cannot_write"),
                     Location{path});
  };
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) throw InputError(tr("file.cannot_write"), Location{path});
  for (size_t done = 0; done < content.size();) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int error = n < 0 ? errno : ENOSPC;
      ::close(fd);
      fail(error);
    }
    done += size_t(n);
  }
  if (::fsync(fd) != 0 && errno != EINVAL) {  // EINVAL: a file system that cannot sync (a pipe, /dev)
    const int error = errno;
    ::close(fd);
    fail(error);
  }
  if (::close(fd) != 0) fail(errno);
  std::error_code ec;
  std::filesystem::rename(tmp, target, ec);
  if (ec) fail(ec.value());
}

std::string sha256_hex(std::string_view bytes) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not initialise");
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

size_t utf8_seq_len(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c >> 5) == 0x6) return 2;
  if ((c >> 4) == 0xE) return 3;
  if ((c >> 3) == 0x1E) return 4;
  return 1;
}

char32_t utf8_next(std::string_view s, size_t& i) {
  unsigned char c = s[i];
  size_t n = utf8_seq_len(c);
  if (n == 1) {
    ++i;
    return c < 0x80 ? c : 0xFFFD;
  }
  if (i + n > s.size()) { i = s.size(); return 0xFFFD; }
  char32_t cp = c & (0xFF >> (n + 1));
  for (size_t k = 1; k < n; ++k) {
    unsigned char d = s[i + k];
    if ((d & 0xC0) != 0x80) { i += k; return 0xFFFD; }
    cp = (cp << 6) | (d & 0x3F);
  }
  i += n;
  return cp;
}

void utf8_append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += char(cp);
  } else if (cp < 0x800) {
    out += char(0xC0 | (cp >> 6));
    out += char(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += char(0xE0 | (cp >> 12));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  } else {
    out += char(0xF0 | (cp >> 18));
    out += char(0x80 | ((cp >> 12) & 0x3F));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  }
}

std::vector<char32_t> utf8_decode(std::string_view s) {
  std::vector<char32_t> out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) out.push_back(utf8_next(s, i));
  return out;
}

std::string utf8_encode(std::u32string_view s) {
  std::string out;
  out.reserve(s.size() * 3);
  for (char32_t c : s) utf8_append(out, c);
  return out;
}

bool utf8_valid(std::string_view s) { return !find_invalid_utf8(s).has_value(); }

std::string trim(std::string_view s) {
  auto space_at_start = [&](size_t& n) {
    if (s.empty()) return false;
    unsigned char c = s[0];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') { n = 1; return true; }
    if (s.substr(0, 3) == "\u3000") { n = 3; return true; }
    if (s.substr(0, 2) == "\u00A0") { n = 2; return true; }
    if (s.substr(0, 3) == "\uFEFF") { n = 3; return true; }
    return false;
  };
  auto space_at_end = [&](size_t& n) {
    if (s.empty()) return false;
    unsigned char c = s.back();
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') { n = 1; return true; }
    if (s.size() >= 3 && s.substr(s.size() - 3) == "\u3000") { n = 3; return true; }
    if (s.size() >= 2 && s.substr(s.size() - 2) == "\u00A0") { n = 2; return true; }
    return false;
  };
  size_t n = 0;
  while (space_at_start(n)) s.remove_prefix(n);
  while (space_at_end(n)) s.remove_suffix(n);
  return std::string(s);
}

std::string decode_text(std::string_view bytes, const std::string& source) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  if (utf8_valid(bytes)) return std::string(bytes);
  if (auto gb = decode_gb18030(bytes)) return *gb;
  throw InputError(tr("summary.import.bad_encoding"), Location{source, 0, {}});
}

}  // namespace jiceng
