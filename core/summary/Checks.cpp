#include "summary/Checks.hpp"

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "base/Strings.hpp"
#include "model/Rules.hpp"
#include "store/Devices.hpp"
#include "summary/import/ImportMatch.hpp"
#include "summary/Renderer.hpp"
#include "summary/SummaryContext.hpp"

namespace jiceng::summary {
namespace {

std::string num(double v, int decimals = 2) { return format_number(v, decimals); }

bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

class Checker {
 public:
  Checker(const Store& store, const YearFigures& f, const Template& t)
      : store_(store), f_(f), t_(t), catalog_(f.catalog()), devices_(device_names(store)) {}

  CheckReport run() {
    r_.year = f_.year();
    Document doc = render(t_, f_, RenderOptions{true});
    unresolved(doc);
    restated(doc);
    literals();
    town_sums();
    month_sums();
    rates();
    rules();
    return std::move(r_);
  }

 private:
  void add(FindingKind kind, const std::string& indicator, const std::string& org, std::string message,
           std::string where) {
    r_.findings.push_back(Finding{kind, indicator, org, std::move(message), std::move(where)});
  }
  std::string org_name(OrgId id) const {
    const Org* o = f_.org(id);
    return o ? o->name : std::to_string(id);
  }
  std::string template_place(const Document& doc, size_t block) const {
    const TemplateBlock& tb = t_.blocks()[doc.blocks[block].source];
    return tr("check.where.template", {{"paragraph", std::to_string(block + 1)}, {"line", std::to_string(tb.line)}});
  }

  void unresolved(const Document& doc) {
    for (const auto& u : doc.unresolved)
      for (const auto& name : u.names)
        add(FindingKind::Unresolved, {}, {}, tr("check.unresolved", {{"name", name}, {"expression", u.expression}}),
            template_place(doc, u.block));
  }

  // The same figure written twice must read the same (approximate wording aside).
  void restated(const Document& doc) {
    struct Statement { std::string text; size_t block; };
    std::map<std::string, std::vector<Statement>> by_indicator;
    // Placeholders in the order the renderer numbers them (notes are not rendered).
    std::vector<const Placeholder*> placeholders;
    for (const auto& tb : t_.blocks())
      if (tb.kind != BlockKind::Note)
        for (const auto& seg : tb.segments)
          if (seg.placeholder) placeholders.push_back(&*seg.placeholder);
    for (size_t b = 0; b < doc.blocks.size(); ++b)
      for (const auto& run : doc.blocks[b].runs) {
        if (run.kind != RunKind::Figure) continue;
        ++r_.figures_checked;
        const Placeholder* ph = run.placeholder >= 0 && size_t(run.placeholder) < placeholders.size()
                                    ? placeholders[size_t(run.placeholder)] : nullptr;
        if (!ph || ph->expr.root().kind != ExprNode::Kind::Ident) continue;
        FormatKind k = run.format;
        if (k == FormatKind::Approx || k == FormatKind::ApproxYu || k == FormatKind::ApproxDuo || k == FormatKind::Chinese) continue;
        const Indicator* ind = catalog_.find(ph->expr.root().text);
        if (!ind) continue;
        std::string shown = run.text;
        if (k == FormatKind::Percent && !shown.empty() && shown.back() == '%') shown.pop_back();
        by_indicator[ind->id].push_back(Statement{shown, b});
      }
    for (const auto& [id, list] : by_indicator)
      for (size_t i = 1; i < list.size(); ++i)
        if (list[i].text != list[0].text) {
          add(FindingKind::Restated, id, {},
              tr("check.restated", {{"name", catalog_.at(id).name}, {"first", list[0].text}, {"second", list[i].text},
                                    {"p1", std::to_string(list[0].block + 1)}, {"p2", std::to_string(list[i].block + 1)}}),
              template_place(doc, list[i].block));
          break;
        }
  }

  // Numbers typed into the template by hand ("发展党员15名") against the data.
  void literals() {
    const ImportRules& rules = ImportRules::builtin();
    IndicatorMatcher matcher(catalog_, rules);
    for (const auto& tb : t_.blocks()) {
      if (tb.kind != BlockKind::Paragraph && tb.kind != BlockKind::Heading) continue;
      std::u32string text;
      for (const auto& seg : tb.segments) text += seg.placeholder ? std::u32string(U"□") : to_u32(seg.text);
      for (size_t i = 0; i < text.size();) {
        if (!is_digit(text[i]) || (i > 0 && (is_digit(text[i - 1]) || text[i - 1] == U'.'))) { ++i; continue; }
        size_t j = i;
        while (j < text.size() && (is_digit(text[j]) || (text[j] == U'.' && j + 1 < text.size() && is_digit(text[j + 1])))) ++j;
        double value = std::stod(to_utf8(text.substr(i, j - i)));
        size_t decimals = text.substr(i, j - i).find(U'.') == std::u32string::npos ? 0 : j - i - 1 - text.substr(i, j - i).find(U'.');
        size_t u = j;
        char32_t approx = u < text.size() && (text[u] == U'余' || text[u] == U'多') ? text[u++] : 0;
        std::u32string unit;
        if (u < text.size() && (text[u] == U'%' || text[u] == U'％')) unit = U"%";
        else for (const auto& w : rules.units) if (text.compare(u, w.size(), w) == 0) { unit = w; break; }
        size_t start = i;
        i = j;
        if (unit.empty() || unit == U"年" || unit == U"月" || unit == U"日") continue;
        MatchQuery q;
        q.unit = unit;
        q.kind = unit == U"%" ? BlankKind::Percent : unit.back() == U'元' ? BlankKind::Money : BlankKind::Number;
        size_t cs = start;
        while (cs > 0 && !is_clause_break(text[cs - 1]) && text[cs - 1] != U'□' && text[cs - 1] != U'、') --cs;
        size_t ce = u + unit.size();
        while (ce < text.size() && !is_clause_break(text[ce]) && text[ce] != U'□' && text[ce] != U'、') ++ce;
        q.before = text.substr(cs, start - cs);
        q.after = text.substr(u + unit.size(), ce - u - unit.size());
        Proposal p = matcher.propose(q, 0.7);
        if (!p.indicator) continue;
        std::optional<double> data = f_.town_value(p.indicator->id);
        if (!data) continue;
        double tolerance = 0.5 * std::pow(10.0, -double(decimals)) + 1e-9;
        bool agrees = approx ? value <= *data + 1e-9 : std::fabs(value - *data) <= tolerance;
        if (agrees) continue;
        add(FindingKind::Literal, p.indicator->id, {},
            tr("check.literal", {{"text", to_utf8(text.substr(start, ce - start))}, {"name", p.indicator->name},
                                 {"value", num(*data, p.indicator->decimals) + p.indicator->unit}}),
            tr("check.where.template_line", {{"line", std::to_string(tb.line)}}));
      }
    }
  }

  // Town figures typed per village are the villages' sum.
  void town_sums() {
    for (const auto& ind : catalog_.indicators()) {
      if (ind.aggregate != Aggregate::Sum || ind.level != Level::Village) continue;
      std::optional<double> town = f_.town_value(ind.id);
      double sum = 0;
      bool any = false;
      for (OrgId u : f_.reporting_units())
        if (auto v = f_.value(u, ind.id)) { sum += *v; any = true; }
      if (!any && !town) continue;
      if (any && town && std::fabs(sum - *town) <= 1e-6 * std::max(1.0, std::fabs(sum))) continue;
      add(FindingKind::TownSum, ind.id, {},
          tr("check.town_sum", {{"name", ind.name}, {"town", town ? num(*town, ind.decimals) : tr("check.none")},
                                {"sum", any ? num(sum, ind.decimals) : tr("check.none")}}),
          tr("check.where.aggregate"));
    }
  }

  // A yearly value typed beside monthly ones must equal their sum (or the last month for stocks).
  void month_sums() {
    std::map<std::pair<OrgId, std::string>, std::map<int, const ValueRecord*>> by_key;
    values_ = store_.values(f_.year());
    for (const auto& v : values_) by_key[{v.org, v.indicator}][v.period.month] = &v;
    for (const auto& [key, months] : by_key) {
      auto year_it = months.find(0);
      if (year_it == months.end() || months.size() < 2) continue;
      const Indicator* ind = catalog_.find(key.second);
      if (!ind || ind->frequency != Frequency::Monthly) continue;
      double rolled = 0;
      int last = 0;
      for (const auto& [m, rec] : months) {
        if (m == 0) continue;
        if (ind->rollup == Rollup::Sum) rolled += rec->value;
        else if (ind->rollup == Rollup::Max) rolled = std::max(rolled, rec->value);
        else if (m > last) { rolled = rec->value; last = m; }
      }
      const ValueRecord& y = *year_it->second;
      if (std::fabs(y.value - rolled) <= 1e-6 * std::max(1.0, std::fabs(rolled))) continue;
      add(FindingKind::MonthSum, ind->id, org_name(key.first),
          tr("check.month_sum", {{"name", ind->name}, {"org", org_name(key.first)}, {"year_value", num(y.value, ind->decimals)},
                                 {"months", num(rolled, ind->decimals)}}),
          record_place(y));
    }
  }

  // Percentages computed from formulas, recomputed from their parts at every level.
  void rates() {
    std::vector<OrgId> orgs = f_.reporting_units();
    orgs.push_back(f_.town().id);
    for (const auto& ind : catalog_.indicators()) {
      if (ind.aggregate != Aggregate::Formula || ind.kind != IndicatorKind::Percent) continue;
      Expr formula = Expr::parse(ind.formula);
      for (OrgId o : orgs) {
        std::optional<double> stated = f_.value(o, ind.id);
        ExprValue again = formula.eval(SummaryContext(f_, o));
        if (!stated && again.is_missing()) continue;
        bool same = stated && again.is_number() && std::fabs(*stated - again.number) <= 1e-6;
        if (same) continue;
        std::string org = o == f_.town().id ? std::string() : org_name(o);
        add(FindingKind::Rate, ind.id, org,
            tr("check.rate", {{"name", ind.name}, {"org", org.empty() ? f_.town().name : org},
                              {"stated", stated ? num(*stated, ind.decimals) : tr("check.none")},
                              {"again", again.is_number() ? num(again.number, ind.decimals) : tr("check.none")},
                              {"formula", ind.formula}}),
            tr("check.where.formula", {{"formula", ind.formula}}));
      }
    }
  }

  std::string record_place(const ValueRecord& v) const {
    return tr("check.where.record", {{"org", org_name(v.org)}, {"period", v.period.str()},
                                     {"user", v.updated_by.empty() ? tr("check.unknown") : v.updated_by},
                                     {"at", v.updated_at}, {"device", v.device.empty() ? tr("check.unknown") : device_label(devices_, v.device)},
                                     {"status", label(v.status)}});
  }

  // Every typed value against its own and its cross-field rules; computed figures against theirs.
  void rules() {
    std::map<std::tuple<OrgId, int, std::string>, double> same_period;
    for (const auto& v : values_) same_period[{v.org, v.period.month, v.indicator}] = v.value;
    for (const auto& v : values_) {
      const Indicator* ind = catalog_.find(v.indicator);
      if (!ind) continue;
      ++r_.values_checked;
      try {
        check_value(*ind, v.value, Location{});
      } catch (const InputError& e) {
        add(FindingKind::Rule, ind->id, org_name(v.org), e.what(), record_place(v));
      }
      // The other side of a cross rule: typed in the same period, or for a yearly value a figure
      // computed for the year (党员数 from the roster).
      auto others = [&](const std::string& other) -> std::optional<double> {
        auto it = same_period.find({v.org, v.period.month, other});
        if (it != same_period.end()) return it->second;
        const Indicator* o = catalog_.find(other);
        if (v.period.month == 0 && o && o->derived()) return f_.value(v.org, other);
        return std::nullopt;
      };
      for (const auto& violation : check_cross(catalog_, *ind, v.value, others))
        if (violation.indicator == ind->id) add(FindingKind::Rule, ind->id, org_name(v.org), violation.message, record_place(v));
    }
    std::vector<OrgId> orgs = f_.reporting_units();
    orgs.push_back(f_.town().id);
    for (const auto& ind : catalog_.indicators()) {
      if (!ind.derived()) continue;
      for (OrgId o : orgs) {
        std::optional<double> v = f_.value(o, ind.id);
        if (!v) continue;
        try {
          check_value(ind, *v, Location{});
        } catch (const InputError& e) {
          std::string where = ind.aggregate == Aggregate::Formula ? tr("check.where.formula", {{"formula", ind.formula}})
                                                                  : tr("check.where.counted");
          add(FindingKind::Rule, ind.id, o == f_.town().id ? std::string() : org_name(o), e.what(), where);
        }
      }
    }
  }

  const Store& store_;
  const YearFigures& f_;
  const Template& t_;
  const Catalog& catalog_;
  DeviceNames devices_;  // where a figure came from names the device (core/store/Devices.hpp)
  std::vector<ValueRecord> values_;
  CheckReport r_;
};

}  // namespace

std::string_view to_string(FindingKind k) {
  switch (k) {
    case FindingKind::Unresolved: return "unresolved";
    case FindingKind::Restated: return "restated";
    case FindingKind::Literal: return "literal";
    case FindingKind::TownSum: return "town_sum";
    case FindingKind::MonthSum: return "month_sum";
    case FindingKind::Rate: return "rate";
    case FindingKind::Rule: return "rule";
  }
  return "rule";
}

std::string CheckReport::to_json() const {
  nlohmann::ordered_json j;
  j["year"] = year;
  j["ok"] = ok();
  j["values_checked"] = values_checked;
  j["figures_checked"] = figures_checked;
  auto list = nlohmann::ordered_json::array();
  for (const auto& f : findings) {
    nlohmann::ordered_json x;
    x["kind"] = std::string(to_string(f.kind));
    x["indicator"] = f.indicator.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(f.indicator);
    x["org"] = f.org.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(f.org);
    x["message"] = f.message;
    x["where"] = f.where;
    list.push_back(std::move(x));
  }
  j["findings"] = std::move(list);
  return j.dump(2);
}

CheckReport check_summary(const Store& store, const YearFigures& figures, const Template& t) {
  return Checker(store, figures, t).run();
}

}  // namespace jiceng::summary
