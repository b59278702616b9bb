#pragma once
// The command-line tool's frame: argument parsing, a registry of subcommands (one file each), and
// the exit codes: 0 ok, 2 usage error, 3 input rejected (nothing written).
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "model/Model.hpp"

namespace jiceng {
class Store;
}

namespace jiceng::cli {

constexpr int kOk = 0;
constexpr int kUsage = 2;
constexpr int kRejected = 3;

// Thrown for a malformed command line; main prints the message and the command's usage, exit 2.
struct UsageError {
  std::string message;
};

// Parsed command line: positionals in order, "--name value" options (repeatable), "--flag" flags.
// Hand-written rather than CLI11 because CLI11's messages are English and we must answer in Chinese.
class Args {
 public:
  Args(std::vector<std::string> argv, std::vector<std::string> flags);
  const std::vector<std::string>& positional() const { return positional_; }
  std::string positional(size_t i, const char* what) const;  // throws UsageError naming `what`
  bool flag(const std::string& name) const;
  bool has(const std::string& name) const;
  std::string get(const std::string& name, const std::string& fallback = {}) const;
  std::string require(const std::string& name) const;  // throws UsageError
  std::vector<std::string> all(const std::string& name) const;
  int get_int(const std::string& name, int fallback) const;  // throws UsageError when not a number
  // Rejects options the command does not know (typos must not be silently ignored).
  void allow_only(const std::vector<std::string>& names) const;

 private:
  std::vector<std::string> positional_;
  std::multimap<std::string, std::string> options_;
  std::vector<std::string> flags_set_;
};

struct Command {
  std::string name;       // "dashboard", or "template import" for a two-word command
  std::string usage_key;  // strings key of the usage line
  std::vector<std::string> flags;  // options that take no value, e.g. "json", "force"
  std::function<int(const Args&)> run;
};

// Registers a command at static-initialisation time; each cmd_*.cpp holds one or more.
struct Register {
  explicit Register(Command c);
};
const std::vector<Command>& commands();

// Opens an existing database (a missing file is an error, not a new empty town).
std::unique_ptr<Store> open_existing(const std::string& path);

// The year a read-only view shows: --year, else the latest year with data (as the app opens),
// else this calendar year. Commands that write a document still require --year.
int year_or_latest(const Args& a, const Store& store);

// Who runs a command that writes to `store`. A town with accounts needs --user LOGIN and that
// account's PIN, from the environment variable JICENG_PIN or typed at a terminal (never an
// argument: command lines show in `ps` and in shell histories); the actor has the account's role
// and villages, so the store checks them as it does in the app, and a wrong PIN counts towards the
// account's back-off and lock. A town without accounts (made here and not set up yet, or a
// tablet's copy taken from a package) has nobody to prove: --user is then only a name.
Actor acting_user(const Args& a, Store& store);

// One line typed at the terminal without echo; from a pipe, the line as it comes. Throws
// InputError `missing` when there is no line.
std::string read_secret(const std::string& prompt, const std::string& missing);

// Prints a line to stdout / stderr (UTF-8).
void out(const std::string& line);
void err(const std::string& line);

}  // namespace jiceng::cli
