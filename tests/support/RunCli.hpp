#pragma once
// Runs the real jiceng-cli binary and captures what a user would see.
#include <sys/wait.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace jiceng::test {

struct CliResult {
  int code = -1;
  std::string out, err;
};

inline std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// Where a command's stderr goes unless a test names a file: one per test process, so suites run
// side by side (ctest -j) never read each other's messages.
inline std::string default_err_file() {
  return (std::filesystem::temp_directory_path() / ("jiceng-cli-test-" + std::to_string(getpid()) + ".err")).string();
}

// `args` is appended to the binary path as written (quote paths with shell_quote); `env`, when
// given, is "NAME=value …" put in the command's environment.
inline CliResult run_cli(const std::string& args, const std::string& err_file = default_err_file(),
                         const std::string& env = {}) {
  CliResult r;
  std::string cmd = (env.empty() ? std::string() : "env " + env + " ") + std::string(JICENG_BIN_DIR) + "/jiceng-cli " +
                    args + " 2>" + shell_quote(err_file);
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream f(err_file);
  std::stringstream ss;
  ss << f.rdbuf();
  r.err = ss.str();
  return r;
}

// A write as a signed-in person: --user LOGIN and the PIN in JICENG_PIN, as the CLI wants it.
inline CliResult run_cli_as(const std::string& login, const std::string& pin, const std::string& args,
                            const std::string& err_file = default_err_file()) {
  return run_cli(args + " --user " + shell_quote(login), err_file, "JICENG_PIN=" + shell_quote(pin));
}

// The demo town's admin (README): the CLI's writes on a demo town sign in as them.
inline constexpr const char* kDemoAdminPin = "246810";
inline CliResult run_cli_admin(const std::string& args, const std::string& err_file = default_err_file()) {
  return run_cli_as("admin", kDemoAdminPin, args, err_file);
}

}  // namespace jiceng::test
