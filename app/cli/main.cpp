// jiceng-cli: the command-line face of the core. Dispatches to the registered subcommands.
#include <algorithm>
#include <exception>
#include <iostream>

#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "Cli.hpp"

using namespace jiceng;
using namespace jiceng::cli;

static void print_usage() {
  err(tr("cli.usage.header"));
  for (const auto& c : commands()) err("  " + tr(c.usage_key));
}

int main(int argc, char** argv) {
  std::vector<std::string> words(argv + 1, argv + argc);
  if (words.empty() || words[0] == "--help" || words[0] == "help") {
    print_usage();
    return words.empty() ? kUsage : kOk;
  }
  // Longest match first, so "template import" wins over a one-word command.
  const Command* cmd = nullptr;
  size_t used = 0;
  for (const auto& c : commands()) {
    size_t n = std::count(c.name.begin(), c.name.end(), ' ') + 1;
    if (n > words.size() || n <= used) continue;
    std::string joined = words[0];
    for (size_t i = 1; i < n; ++i) joined += " " + words[i];
    if (joined == c.name) { cmd = &c; used = n; }
  }
  if (!cmd) {
    err(tr("cli.usage.unknown_command", {{"command", words[0]}}));
    print_usage();
    return kUsage;
  }
  try {
    Args args(std::vector<std::string>(words.begin() + used, words.end()), cmd->flags);
    return cmd->run(args);
  } catch (const UsageError& e) {
    err(e.message);
    err(tr("cli.usage.prefix") + tr(cmd->usage_key));
    return kUsage;
  } catch (const InputError& e) {
    err(tr("cli.rejected", {{"reason", e.describe()}}));
    return kRejected;
  } catch (const std::exception& e) {
    err(tr("cli.internal_error", {{"reason", e.what()}}));
    return 1;
  }
}
