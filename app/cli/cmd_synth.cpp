// jiceng-cli synth DB --villages N [--years 2019-2020] [--annual] [--months M] [--seed S] [--force]:
// a synthetic town of any size (core/demo/Synthetic.hpp), so that anyone can rebuild the county
// and province databases the benchmark and docs/PERFORMANCE.md speak of.
#include <charconv>
#include <cmath>
#include <chrono>
#include <filesystem>

#include "base/Error.hpp"
#include "base/Numbers.hpp"
#include "base/Strings.hpp"
#include "Cli.hpp"
#include "demo/Synthetic.hpp"
#include "store/DatabaseFile.hpp"
#include "store/Store.hpp"

namespace jiceng::cli {
namespace {

constexpr int kMaxVillages = 50000;  // a large province; more would only fill the disk
constexpr int kMaxYears = 10;

// "2020", "2019-2020" or "2018,2020".
std::vector<int> parse_years(const std::string& text) {
  auto bad = [&] { return UsageError{tr("cli.synth.bad_years", {{"value", text}})}; };
  auto year = [&](const std::string& s) {
    int v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || v < 2000 || v > 2100) throw bad();
    return v;
  };
  std::vector<int> out;
  if (auto dash = text.find('-'); dash != std::string::npos) {
    const int from = year(text.substr(0, dash)), to = year(text.substr(dash + 1));
    if (to < from || to - from >= kMaxYears) throw bad();
    for (int y = from; y <= to; ++y) out.push_back(y);
    return out;
  }
  size_t start = 0;
  while (start <= text.size()) {
    const size_t comma = text.find(',', start);
    const int y = year(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (!out.empty() && y <= out.back()) throw bad();  // ascending, each once
    out.push_back(y);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (out.empty() || out.size() > size_t(kMaxYears)) throw bad();
  return out;
}

// "2020", "2019–2020" for a run of years, "2018、2020" otherwise.
std::string years_text(const std::vector<int>& years) {
  if (years.size() > 1 && years.back() - years.front() == int(years.size()) - 1)
    return std::to_string(years.front()) + "–" + std::to_string(years.back());
  std::string out;
  for (int y : years) out += (out.empty() ? "" : "、") + std::to_string(y);
  return out;
}

int run(const Args& a) {
  a.allow_only({"villages", "years", "annual", "months", "seed", "force"});
  const std::string path = a.positional(0, "cli.arg.db");
  SyntheticSpec spec;
  spec.villages = a.get_int("villages", 0);
  if (spec.villages < 1 || spec.villages > kMaxVillages)
    throw UsageError{tr("cli.synth.bad_villages", {{"value", a.get("villages")}, {"max", std::to_string(kMaxVillages)}})};
  spec.monthly = !a.flag("annual");
  spec.months = a.get_int("months", 11);
  if (spec.months < 1 || spec.months > 12)
    throw UsageError{tr("cli.synth.bad_months", {{"value", a.get("months")}})};
  spec.seed = uint32_t(a.get_int("seed", 1));
  const std::vector<int> years = parse_years(a.get("years", "2020"));
  if (std::filesystem::exists(path) && !a.flag("force")) throw InputError(tr("cli.demo.exists"), Location{path});

  const auto start = std::chrono::steady_clock::now();
  size_t values = 0;
  build_database(path, [&](Store& s) { values = write_synthetic_years(s, spec, years); });
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  out(tr("cli.synth.done", {{"file", path},
                            {"villages", std::to_string(spec.villages)},
                            {"years", years_text(years)},
                            {"values", std::to_string(values)},
                            {"seconds", shortest_number(std::round(seconds * 10) / 10)}}));
  return kOk;
}

Register reg{{"synth", "cli.usage.synth", {"annual", "force"}, run}};

}  // namespace
}  // namespace jiceng::cli
