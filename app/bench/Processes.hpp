#pragma once
// Whole processes timed as a user meets them: start, open, work, write, exit. The benchmark runs
// jiceng-cli and its references (the sqlite3 shell) the same way, so the ratio compares like with
// like (issue 17).
#include <string>
#include <vector>

namespace jiceng::bench {

struct ProcessRun {
  double seconds = 0;     // wall clock, from spawn to exit
  double max_rss_mb = 0;  // the command's peak resident set (median_run only, through GNU time)
  bool ok = false;        // exited with status 0
};

// Runs argv[0] (looked up in PATH) with stdin from `in` (empty: /dev/null); stdout and stderr go
// to /dev/null.
ProcessRun run_process(const std::vector<std::string>& argv, const std::string& in = {});
// The median time of `n` runs after one warm-up run (the file in the page cache, as for a user
// who just worked on it), the peak RSS of one more run, and ok only if every timed run was.
ProcessRun median_run(int n, const std::vector<std::string>& argv, const std::string& in = {});

}  // namespace jiceng::bench
