// jiceng-bench: builds synthetic towns at three scales and measures what users wait for —
// inserting values, recomputing the dashboard — next to the same work as raw SQL in the sqlite3
// shell on the same file. Results go to docs/PERFORMANCE.md.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "demo/Synthetic.hpp"
#include "Processes.hpp"
#include "report/Dashboard.hpp"
#include "model/Figures.hpp"
#include "store/Store.hpp"
#include "store/Users.hpp"
#include "base/Strings.hpp"
#include "summary/Renderer.hpp"
#include "summary/Writers.hpp"
#ifdef JICENG_HAVE_UI
#include "Headless.hpp"
#include "ImportBench.hpp"
#include "views/DashboardModel.hpp"
#include "views/RecordsViewFilter.hpp"
#endif

using namespace jiceng;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

// The summary step a town runs: the default template over the year, as a draft, written as HTML.
// Returns the size so the work cannot be optimised away.
size_t render_default_html(const YearFigures& figures) {
  const summary::Document doc = summary::render(summary::Template::builtin(figures.catalog()), figures,
                                                summary::RenderOptions{true});
  return summary::write_html(doc).size();
}

double best_of(int runs, const std::function<void()>& fn) {
  double best = 1e300;
  for (int i = 0; i < runs; ++i) {
    auto t0 = Clock::now();
    fn();
    best = std::min(best, ms_since(t0));
  }
  return best;
}

long rss_kb() {
  long pages = 0, resident = 0;
  if (FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
  }
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

long peak_rss_kb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

// The dashboard's work as plain SQL: each organisation's year figure (months summed), the town
// total per indicator, and how many figures each organisation typed.
std::string dashboard_sql(int year) {
  const std::string y = std::to_string(year);
  return "WITH y AS (SELECT org_id, indicator_id, sum(value) v FROM indicator_values WHERE year = " + y +
         " GROUP BY org_id, indicator_id) SELECT count(*), sum(t) FROM (SELECT indicator_id, sum(v) t FROM y GROUP BY indicator_id);\n"
         "WITH y AS (SELECT org_id, indicator_id FROM indicator_values WHERE year = " + y +
         " GROUP BY org_id, indicator_id) SELECT count(*) FROM (SELECT org_id, count(*) FROM y GROUP BY org_id);\n"
         "SELECT count(*) FROM targets WHERE year = " + y + ";\n";
}

std::string write_script(const std::string& path, const std::string& sql) {
  if (FILE* f = std::fopen(path.c_str(), "w")) { std::fputs(sql.c_str(), f); std::fclose(f); }
  return path;
}

// The same SQL timed by the shell itself (`.timer on`): the query alone, without process start.
double sqlite_shell_ms(const std::string& db, int year) {
  const std::string script = write_script(db + ".bench.sql", ".timer on\n" + dashboard_sql(year));
  double best = 1e300;
  for (int run = 0; run < 3; ++run) {
    std::string cmd = "sqlite3 '" + db + "' < '" + script + "' 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return -1;
    char line[512];
    double total = 0;
    bool any = false;
    while (std::fgets(line, sizeof line, p)) {
      double real = 0;
      if (std::sscanf(line, "Run Time: real %lf", &real) == 1) { total += real * 1000; any = true; }
    }
    pclose(p);
    if (any) best = std::min(best, total);
  }
  std::filesystem::remove(script);
  return best == 1e300 ? -1 : best;
}

// Whole commands against their references, process start included on both sides: the dashboard
// command against the sqlite3 shell running the dashboard's SQL, and the .docx summary.
void time_whole_commands(const std::filesystem::path& dir, const std::vector<std::string>& scales, bool quick) {
  const std::string cli = (std::filesystem::canonical("/proc/self/exe").parent_path() / "jiceng-cli").string();
  const int runs = quick ? 3 : 10;
  std::printf("\n| scale | `jiceng-cli dashboard --json` (s) | sqlite3 shell, same GROUP BY (s) | ratio | dashboard peak RSS (MB) | `jiceng-cli summary --format docx` (s) | summary peak RSS (MB) |\n|---|---|---|---|---|---|---|\n");
  for (const auto& name : scales) {
    const std::string db = (dir / (name + ".db")).string();
    const std::string script = write_script(db + ".whole.sql", dashboard_sql(2020));
    const auto dash = bench::median_run(runs, {cli, "dashboard", db, "--year", "2020", "--json"});
    const auto shell = bench::median_run(runs, {"sqlite3", db}, script);
    const auto docx = bench::median_run(runs, {cli, "summary", db, "--year", "2020", "--format", "docx", "--draft",
                                               "--out", (dir / (name + ".docx")).string()});
    std::filesystem::remove(script);
    if (!dash.ok || !shell.ok || !docx.ok) {
      std::fprintf(stderr, "whole commands: a run failed at %s scale\n", name.c_str());
      std::exit(1);
    }
    std::printf("| %s | %.3f | %.3f | %.2f | %.0f | %.3f | %.0f |\n", name.c_str(), dash.seconds, shell.seconds,
                dash.seconds / shell.seconds, dash.max_rss_mb, docx.seconds, docx.max_rss_mb);
    std::fflush(stdout);
  }
}

struct Scale {
  const char* name;
  int villages;
  bool monthly;
};

}  // namespace

int main(int argc, char** argv) {
  std::vector<Scale> scales = {{"town", 20, true}, {"county", 400, true}, {"province", 20000, false}};
  bool quick = false;
  for (int i = 1; i < argc; ++i)
    if (std::string(argv[i]) == "--quick") quick = true;  // town scale only: a smoke run for CI
  if (quick) scales.resize(1);

  const auto dir = std::filesystem::temp_directory_path() / "jiceng-bench";
  std::filesystem::create_directories(dir);
  std::printf("| scale | villages | values | insert (values/s) | dashboard (ms) | sqlite3 shell (ms) | ratio | RSS for figures (MB) | file (MB) |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|\n");
  for (const auto& sc : scales) {
    const std::string db = (dir / (std::string(sc.name) + ".db")).string();
    for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(db + ext);
    size_t n = 0;
    double insert_ms = 0;
    {
      auto store = Store::open(db);
      const SyntheticSpec spec{sc.villages, 2020, sc.monthly, 11, 7};
      write_synthetic_orgs(*store, spec);
      auto inputs = synthetic_values(*store, spec);
      // Timed: checking every value against the rules, writing it and its audit entry.
      auto t0 = Clock::now();
      n = store->set_values(inputs, Actor{"bench", "bench"});
      insert_ms = ms_since(t0);
      // A town with its admin: without one every screen is the first-admin form, and the frame
      // timings below would time that form instead of the screen.
      create_first_admin(*store, User{0, "bench", tr("synthetic.admin"), Role::Admin, true, {}}, "246810", "246810");
    }
    auto store = Store::open(db);
    long before = rss_kb();
    double dash_ms = best_of(3, [&] {
      auto f = YearFigures::compute(*store, 2020);
      auto d = build_dashboard(f);
      if (d.units.size() != size_t(sc.villages)) std::abort();
    });
    auto figures = YearFigures::compute(*store, 2020);
    long held = rss_kb();
    double shell_ms = sqlite_shell_ms(db, 2020);
    std::printf("| %s | %d | %zu | %.0f | %.1f | %.1f | %.2f | %.1f | %.1f |\n", sc.name, sc.villages, n,
                n / (insert_ms / 1000.0), dash_ms, shell_ms, shell_ms > 0 ? dash_ms / shell_ms : 0.0,
                std::max(0L, held - before) / 1024.0,
                std::filesystem::file_size(db) / 1048576.0);
    std::fflush(stdout);
  }
  std::printf("\n| scale | summary render, default template (ms) | dashboard view model rebuild (ms) | dashboard screen, ImGui CPU per frame, 1280×800 (ms, mean / max) | same, tablet 800×1280 | 组织与党员 screen, 1280×800 |\n|---|---|---|---|---|---|\n");
  for (const auto& sc : scales) {
    const std::string db = (dir / (std::string(sc.name) + ".db")).string();
    auto store = Store::open(db);
    auto figures = YearFigures::compute_with_previous(*store, 2020);
    render_default_html(figures);  // parse the template once
    const double render_ms = best_of(5, [&] { render_default_html(figures); });
    auto frames = [&](int w, int h, bool tablet, bool records = false) -> std::string {
#ifdef JICENG_HAVE_UI
      try {
        auto t = gui::time_view_frames(db, records ? gui::ViewId::Records : gui::ViewId::Dashboard, w, h, tablet, 120);
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.3f / %.3f", t.mean_ms, t.max_ms);
        return buf;
      } catch (const std::exception& e) {
        return std::string("n/a: ") + e.what();
      }
#else
      return "-";
#endif
    };
    // What a data change costs the screen: every figure, the ranking and the lists recomputed and
    // formatted (done once per change, never per frame).
    double model_ms = 0;
#ifdef JICENG_HAVE_UI
    model_ms = best_of(3, [&] {
      gui::dash::Model m;
      gui::dash::build_model(m, *store, std::make_shared<const YearReport>(build_report(*store, 2020)), 2020);
    });
#endif
    std::printf("| %s | %.2f | %.1f | %s | %s | %s |\n", sc.name, render_ms, model_ms, frames(1280, 800, false).c_str(),
                frames(800, 1280, true).c_str(), frames(1280, 800, false, true).c_str());
    std::fflush(stdout);
  }
#ifdef JICENG_HAVE_UI
  // The member roster (组织与党员): what one keystroke in the search box or a tap on a column
  // header costs, on a county's and a province's worth of members.
  std::printf("\n| roster rows | search \"乙\" (ms) | search + stage filter (ms) | sort by name (ms) | rows made from members (ms) |\n|---|---|---|---|---|\n");
  for (int n : quick ? std::vector<int>{5000} : std::vector<int>{5000, 50000}) {
    const char* marks[] = {"甲", "乙", "丙", "丁"};
    std::vector<Member> members(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
      Member& m = members[size_t(i)];
      m.name = std::string("测试") + marks[i % 4] + std::to_string(100000 + i);
      m.branch = OrgId(1 + i / 30);
      m.stage = MemberStage(i % 5);
      m.birth_date = "1980-01-01";
      m.applied_on = "2010-01-01";
    }
    std::vector<gui::RosterRow> rows;
    const double make_ms = best_of(3, [&] {
      rows.clear();
      rows.reserve(members.size());
      for (const auto& m : members) rows.push_back(gui::make_roster_row(m, "第" + std::to_string(m.branch) + "党支部"));
    });
    gui::RosterFilter search;
    search.text = "乙";
    gui::RosterFilter staged = search;
    staged.stage = MemberStage::Candidate;
    gui::RosterFilter sorted;
    sorted.sort = gui::RosterSort::Name;
    size_t kept = 0;
    const double search_ms = best_of(5, [&] { kept += gui::filter_roster(rows, search).size(); });
    const double staged_ms = best_of(5, [&] { kept += gui::filter_roster(rows, staged).size(); });
    const double sort_ms = best_of(5, [&] { kept += gui::filter_roster(rows, sorted).size(); });
    if (kept == 0) std::abort();
    std::printf("| %d | %.2f | %.2f | %.2f | %.1f |\n", n, search_ms, staged_ms, sort_ms, make_ms);
    std::fflush(stdout);
  }
#endif
  std::vector<std::string> names;
  for (const auto& sc : scales) names.push_back(sc.name);
  time_whole_commands(dir, names, quick);
  // Exchange: every village tablet of a county-sized town sends one package; the office imports all.
  std::printf("\n| packages imported at the town office | load | values | import (ms) |\n|---|---|---|---|\n");
  const int tablets = quick ? 20 : 400;
  for (auto load : {BenchLoad::Month, BenchLoad::Year}) {
    auto b = bench_import_packages(tablets, load);
    std::printf("| %zu | %s | %zu | %.1f |\n", b.packages, load == BenchLoad::Month ? "one month" : "whole year",
                b.values, b.import_ms);
    std::fflush(stdout);
  }
  std::printf("\npeak RSS: %.1f MB\n", peak_rss_kb() / 1024.0);
  return 0;
}
