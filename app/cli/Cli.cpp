#include "Cli.hpp"

#include <unistd.h>
#ifndef _WIN32
#include <termios.h>
#endif

#include <algorithm>
#include <charconv>
#include <ctime>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "base/Text.hpp"
#include "store/Authentication.hpp"
#include "store/Store.hpp"
#include "store/Users.hpp"

namespace jiceng::cli {

Args::Args(std::vector<std::string> argv, std::vector<std::string> flags) {
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a.size() > 2 && a.rfind("--", 0) == 0) {
      std::string name = a.substr(2);
      if (auto eq = name.find('='); eq != std::string::npos) {
        options_.emplace(name.substr(0, eq), name.substr(eq + 1));
      } else if (std::find(flags.begin(), flags.end(), name) != flags.end()) {
        flags_set_.push_back(name);
      } else if (i + 1 < argv.size()) {
        options_.emplace(name, argv[++i]);
      } else {
        throw UsageError{tr("cli.usage.option_needs_value", {{"option", a}})};
      }
    } else {
      positional_.push_back(a);
    }
  }
  // A Chinese Windows terminal sends GBK: option values (names, reasons, users) become the text
  // they are. Paths stay the bytes the system gave (positionals, --out, --template), or the file
  // would not be found.
  for (auto& [name, value] : options_)
    if (name != "out" && name != "template") value = to_valid_utf8(value);
}

std::string Args::positional(size_t i, const char* what) const {
  if (i >= positional_.size()) throw UsageError{tr("cli.usage.missing_argument", {{"what", tr(what)}})};
  return positional_[i];
}

bool Args::flag(const std::string& name) const {
  return std::find(flags_set_.begin(), flags_set_.end(), name) != flags_set_.end();
}

bool Args::has(const std::string& name) const { return options_.count(name) > 0; }

std::string Args::get(const std::string& name, const std::string& fallback) const {
  auto it = options_.find(name);
  return it == options_.end() ? fallback : it->second;
}

std::string Args::require(const std::string& name) const {
  if (!has(name)) throw UsageError{tr("cli.usage.missing_option", {{"option", "--" + name}})};
  return get(name);
}

std::vector<std::string> Args::all(const std::string& name) const {
  std::vector<std::string> out;
  auto [b, e] = options_.equal_range(name);
  for (auto it = b; it != e; ++it) out.push_back(it->second);
  return out;
}

int Args::get_int(const std::string& name, int fallback) const {
  if (!has(name)) return fallback;
  std::string s = get(name);
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size())
    throw UsageError{tr("cli.usage.not_integer", {{"option", "--" + name}, {"value", s}})};
  return v;
}

void Args::allow_only(const std::vector<std::string>& names) const {
  auto known = [&](const std::string& n) { return std::find(names.begin(), names.end(), n) != names.end(); };
  for (const auto& [k, _] : options_)
    if (!known(k)) throw UsageError{tr("cli.usage.unknown_option", {{"option", "--" + k}})};
  for (const auto& f : flags_set_)
    if (!known(f)) throw UsageError{tr("cli.usage.unknown_option", {{"option", "--" + f}})};
}

static std::vector<Command>& registry() {
  static std::vector<Command> r;
  return r;
}

Register::Register(Command c) { registry().push_back(std::move(c)); }
const std::vector<Command>& commands() { return registry(); }

std::unique_ptr<Store> open_existing(const std::string& path) {
  if (!std::filesystem::exists(path)) throw InputError(tr("cli.no_database"), Location{path});
  // A write-protected file (or folder, where SQLite keeps its -wal beside it) can still be read;
  // a command that would write to it is then refused in Chinese by the store itself.
  const std::string folder = std::filesystem::path(path).parent_path().string();
  const bool writable = ::access(path.c_str(), W_OK) == 0 && ::access(folder.empty() ? "." : folder.c_str(), W_OK) == 0;
  return Store::open(path, Catalog::builtin(), writable ? Store::Access::Existing : Store::Access::ReadOnly);
}

int year_or_latest(const Args& a, const Store& store) {
  if (a.has("year")) return a.get_int("year", 0);
  const auto years = store.years();
  if (!years.empty()) return years.back();
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  return tm.tm_year + 1900;
}

std::string read_secret(const std::string& prompt, const std::string& missing) {
  const bool tty = isatty(STDIN_FILENO);
  if (tty) std::cerr << prompt << std::flush;
#ifndef _WIN32
  termios old{};
  const bool hide = tty && tcgetattr(STDIN_FILENO, &old) == 0;
  if (hide) {
    termios quiet = old;
    quiet.c_lflag &= ~tcflag_t(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
#endif
  std::string line;
  const bool got = bool(std::getline(std::cin, line));
#ifndef _WIN32
  if (hide) {
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::cerr << '\n';
  }
#endif
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (!got && line.empty()) throw InputError(missing);
  return line;
}

Actor acting_user(const Args& a, Store& store) {
  if (list_users(store).empty()) {
    std::string who = a.get("user");
    if (who.empty()) {
      const char* os = std::getenv("USER");
      who = os && *os ? std::string("cli:") + os : std::string("cli");
    }
    return Actor{who, {}};
  }
  const std::string login = a.get("user");
  if (login.empty()) throw InputError(tr("cli.auth.need_user"), Location{{}, 0, "--user"});
  const char* env = std::getenv("JICENG_PIN");
  std::string pin;
  if (env && *env) pin = env;
  else if (isatty(STDIN_FILENO)) pin = read_secret(tr("cli.auth.pin_prompt", {{"login", login}}), tr("cli.auth.no_pin"));
  else throw InputError(tr("cli.auth.no_pin"), Location{{}, 0, "JICENG_PIN"});
  return sign_in(store, login, pin);
}

void out(const std::string& line) { std::cout << line << '\n'; }
void err(const std::string& line) { std::cerr << line << '\n'; }

}  // namespace jiceng::cli
