#include <doctest/doctest.h>
#include <sys/resource.h>

#include <csignal>
#include <filesystem>

#include "base/Error.hpp"
#include "base/Text.hpp"
#include "TempDir.hpp"

using namespace jiceng;

namespace {

// A disk that fills up after `bytes`: the file size limit makes write(2) fail with EFBIG, the
// way a full disk makes it fail with ENOSPC (SIGXFSZ ignored, as the CLI's caller may).
struct FullDiskAfter {
  rlimit saved{};
  void (*old_handler)(int);
  explicit FullDiskAfter(rlim_t bytes) {
    getrlimit(RLIMIT_FSIZE, &saved);
    old_handler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit small = saved;
    small.rlim_cur = bytes;
    setrlimit(RLIMIT_FSIZE, &small);
  }
  ~FullDiskAfter() {
    setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, old_handler);
  }
};

size_t files_in(const test::TempDir& d) {
  size_t n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(d.path())) ++n;
  return n;
}

}  // namespace

TEST_CASE("a file is written whole or not at all: a full disk leaves the old file and no temporary file") {
  test::TempDir d;
  const std::string path = d.file("out.csv");
  write_file(path, "old contents\n");
  CHECK(read_file(path) == "old contents\n");

  std::string message;
  {
    FullDiskAfter full(4096);
    try {
      write_file(path, std::string(100000, 'x'));
    } catch (const InputError& e) {
      message = e.describe();
    }
  }
  CHECK(message.find("磁盘空间不足") != std::string::npos);
  CHECK(message.find("out.csv") != std::string::npos);
  CHECK(read_file(path) == "old contents\n");
  CHECK(files_in(d) == 1);  // no out.csv.tmp… left behind

  // A folder that does not exist: refused with the file named, nothing created.
  std::string missing;
  try {
    write_file(d.file("no/such/folder/out.csv"), "x");
  } catch (const InputError& e) {
    missing = e.describe();
  }
  CHECK(missing.find("无法写入文件") != std::string::npos);
  CHECK(files_in(d) == 1);

  write_file(path, "new\n");
  CHECK(read_file(path) == "new\n");
  CHECK(files_in(d) == 1);
}
