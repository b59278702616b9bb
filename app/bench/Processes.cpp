#include "Processes.hpp"

#include <spawn.h>
#include <sys/wait.h>
#include <fcntl.h>

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
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
  pid_t waited = 0;
  while ((waited = waitpid(pid, &status, 0)) < 0 && errno == EINTR) {
  }
  if (waited != pid) return r;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  return r;
}

double peak_rss_mb(const std::vector<std::string>& argv, const std::string& in) {
  // A child spawned from this process starts with this process's high-water mark (the kernel keeps
  // it across exec), so the peak comes from GNU time, a small process that forks the command.
  char path[] = "/tmp/jiceng-bench-rss-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) return 0;
  close(fd);
  std::vector<std::string> timed = {"/usr/bin/time", "-f", "%M", "-o", path};
  timed.insert(timed.end(), argv.begin(), argv.end());
  double kb = 0;
  if (run_process(timed, in).ok)
    if (FILE* f = std::fopen(path, "r")) {
      if (std::fscanf(f, "%lf", &kb) != 1) kb = 0;
      std::fclose(f);
    }
  std::remove(path);
  return kb / 1024.0;
}

ProcessRun median_run(int n, const std::vector<std::string>& argv, const std::string& in) {
  ProcessRun out = run_process(argv, in);  // warm-up
  std::vector<double> times;
  for (int i = 0; i < n; ++i) {
    const ProcessRun r = run_process(argv, in);
    times.push_back(r.seconds);
    out.ok = out.ok && r.ok;
  }
  out.max_rss_mb = peak_rss_mb(argv, in);
  std::sort(times.begin(), times.end());
  out.seconds = times.empty() ? 0 : times[times.size() / 2];
  return out;
}

}  // namespace jiceng::bench
