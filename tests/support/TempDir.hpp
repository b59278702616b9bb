#pragma once
// A fresh folder under /tmp for one test, removed afterwards; a file's bytes read and written whole.
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

namespace jiceng::test {

class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / ("jiceng-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

inline void spit(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// The frozen schema of an old release (tests/data/databases/vN.sql), for migration tests.
inline std::string old_schema(int version) {
  return slurp(std::string(JICENG_SOURCE_DIR) + "/tests/data/databases/v" + std::to_string(version) + ".sql");
}

}  // namespace jiceng::test
