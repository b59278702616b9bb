#include "Processes.hpp"

#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <fcntl.h>

#include <algorithm>
#include <chrono>

extern char** environ;

namespace jiceng::bench {

ProcessRun run_process(const std::vector<std::string>& argv, const std::string& in) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  posix_spawn_file_actions_addopen(&files, 0, in.empty() ? "/dev/null" : in.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&files, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&files, 2, "/dev/null", O_WRONLY, 0);
  ProcessRun r;
  const auto t0 = std::chrono::steady_clock::now();
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, args[0], &files, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&files);
  if (spawned != 0) return r;
  int status = 0;
  rusage usage{};
  if (wait4(pid, &status, 0, &usage) != pid) return r;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.max_rss_mb = usage.ru_maxrss / 1024.0;
  r.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  return r;
}

ProcessRun median_run(int n, const std::vector<std::string>& argv, const std::string& in) {
  ProcessRun out = run_process(argv, in);  // warm-up
  std::vector<double> times;
  for (int i = 0; i < n; ++i) {
    const ProcessRun r = run_process(argv, in);
    times.push_back(r.seconds);
    out.ok = out.ok && r.ok;
    out.max_rss_mb = std::max(out.max_rss_mb, r.max_rss_mb);
  }
  std::sort(times.begin(), times.end());
  out.seconds = times.empty() ? 0 : times[times.size() / 2];
  return out;
}

}  // namespace jiceng::bench
