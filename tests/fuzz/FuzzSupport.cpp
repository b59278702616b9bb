#include "FuzzSupport.hpp"

#include <sqlite3.h>
#include <sodium.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "base/Error.hpp"
#include "base/Text.hpp"
#include "demo/Demo.hpp"
#include "model/Expr.hpp"
#include "store/DeviceKeys.hpp"
#include "store/Store.hpp"

namespace fs = std::filesystem;

namespace jiceng::fuzz {
namespace {

constexpr const char* kSeedTown = "f0220f0220f0220f0220f0220f0220f0";

[[noreturn]] void finding(const std::string& what, const std::string& message) {
  std::fprintf(stderr, "\n== contract broken: %s: %s\n", what.c_str(), message.c_str());
  std::abort();
}

// A refusal a person can read: valid UTF-8 holding at least one CJK ideograph.
void check_message(const std::string& what, const std::string& message) {
  if (find_invalid_utf8(message)) finding(what + " (message is not UTF-8)", to_valid_utf8(message));
  bool chinese = false;
  for (size_t i = 0; i + 2 < message.size() && !chinese; ++i) {
    const auto b = static_cast<unsigned char>(message[i]);
    // U+4E00..U+9FFF is E4 B8 80 .. E9 BF BF in UTF-8.
    chinese = b >= 0xE4 && b <= 0xE9 && (b != 0xE4 || static_cast<unsigned char>(message[i + 1]) >= 0xB8);
  }
  if (!chinese) finding(what + " (message is not Chinese)", message);
}

const std::string& folder() {
  static const std::string dir = [] {
    const fs::path base = fs::is_directory("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
    const fs::path d = base / ("jiceng-fuzz-" + std::to_string(::getpid()));
    fs::create_directories(d);
    // Left behind only when the process dies; a normal exit removes it.
    static struct Cleanup {
      fs::path p;
      ~Cleanup() {
        std::error_code ec;
        fs::remove_all(p, ec);
      }
    } cleanup{d};
    return d.string();
  }();
  return dir;
}

}  // namespace

const DeviceKey& fuzz_sender() {
  static const DeviceKey key = new_device_key("dev-fuzz");
  return key;
}

namespace {

DeviceKey master_key;

const std::string& demo_master() {
  static const std::string path = [] {
    const std::string p = scratch("demo-master.db");
    auto store = Store::open(p);
    write_demo_town(*store);
    // The town of the seed packages (tests/fuzz/make_corpus.sh), so that they reach the merge.
    store->set_meta("town_id", kSeedTown);
    store->transaction([&] {
      register_device_key(*store, fuzz_sender().device, fuzz_sender().public_key, "admin", Actor{});
    });
    // Made now, so that opening a sealed package never writes one into a copy.
    master_key = own_device_key(*store);
    store.reset();
    return p;
  }();
  return path;
}

}  // namespace

const DeviceKey& fuzz_receiver() {
  demo_master();
  return master_key;
}

bool refused_cleanly(const std::function<void()>& parse) {
  try {
    parse();
    return true;
  } catch (const InputError& e) {
    check_message("InputError", e.describe());
  } catch (const ExprError& e) {
    check_message("ExprError", e.what());
  } catch (const std::exception& e) {
    finding("unexpected exception", e.what());
  } catch (...) {
    finding("unexpected exception", "not a std::exception");
  }
  return false;
}

std::string scratch(const std::string& name) { return folder() + "/" + name; }

std::string scratch_file(const std::string& name, std::string_view bytes) {
  const std::string path = scratch(name);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), std::streamsize(bytes.size()));
  return path;
}

std::string fresh_demo_town() {
  const std::string path = scratch("town.db");
  for (const char* tail : {"", "-wal", "-shm", "-journal"}) fs::remove(path + tail);
  fs::copy_file(demo_master(), path);
  return path;
}

std::string database_digest(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) finding("digest", path);
  crypto_generichash_state h;
  crypto_generichash_init(&h, nullptr, 0, 32);
  auto feed = [&](const void* p, size_t n) { crypto_generichash_update(&h, static_cast<const unsigned char*>(p), n); };
  std::vector<std::string> tables;
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name", -1, &st, nullptr);
  while (sqlite3_step(st) == SQLITE_ROW) tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
  sqlite3_finalize(st);
  for (const auto& t : tables) {
    feed(t.data(), t.size() + 1);
    const std::string sql = "SELECT * FROM \"" + t + "\" ORDER BY 1";
    sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr);
    while (sqlite3_step(st) == SQLITE_ROW)
      for (int c = 0; c < sqlite3_column_count(st); ++c) {
        const int bytes = sqlite3_column_bytes(st, c);
        feed(sqlite3_column_blob(st, c), size_t(bytes));
        feed("\x1f", 1);
      }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  unsigned char out[32];
  crypto_generichash_final(&h, out, sizeof out);
  return std::string(reinterpret_cast<char*>(out), sizeof out);
}

const std::string& demo_digest() {
  static const std::string d = database_digest(demo_master());
  return d;
}

}  // namespace jiceng::fuzz
