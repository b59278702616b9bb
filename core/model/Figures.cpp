#include "model/Figures.hpp"

#include <cmath>
#include <limits>

#include "base/Strings.hpp"
#include "model/ValueSource.hpp"

namespace jiceng {
namespace {

constexpr double kNone = std::numeric_limits<double>::quiet_NaN();
inline bool has(double v) { return !std::isnan(v); }

uint64_t month_key(size_t org, size_t ind, int month) { return (uint64_t(org) << 24) | (uint64_t(ind) << 4) | month; }

// Which roster members a Roster indicator counts (catalog field "roster").
bool roster_counts(std::string_view filter, const Member& m, int year) {
  const std::string y = std::to_string(year);
  auto in_year = [&](const std::string& date) { return date.rfind(y, 0) == 0; };
  if (filter == "members") return m.stage == MemberStage::Full || m.stage == MemberStage::Probationary;
  if (filter == "full") return m.stage == MemberStage::Full;
  if (filter == "probationary") return m.stage == MemberStage::Probationary;
  if (filter == "applicants") return m.stage == MemberStage::Applicant;
  if (filter == "activists") return m.stage == MemberStage::Activist;
  if (filter == "candidates") return m.stage == MemberStage::Candidate;
  if (filter == "reserve_cadres") return m.reserve_cadre;
  if (filter == "developed") return in_year(m.probationary_on);  // became 预备党员 this year
  return false;
}

}  // namespace

// Builds a YearFigures in the order the data allows: typed values, roll-ups, counts, formulas.
class FiguresBuilder {
 public:
  // `tree`: organisations already read for another year of the same command, taken instead of
  // reading them again (40 000 at province scale).
  FiguresBuilder(const ValueSource& source, int year, const std::vector<Org>* tree = nullptr)
      : source_(source), tree_(tree), f_() {
    f_.year_ = year;
    f_.catalog_ = &source.catalog();
  }

  YearFigures build() {
    load_orgs();
    const size_t n = f_.catalog_->indicators().size(), m = f_.orgs_.size();
    f_.values_.assign(n * m, kNone);
    f_.target_col_.assign(n, SIZE_MAX);
    for (size_t i = 0; i < n; ++i)
      if (f_.catalog_->indicators()[i].has_target) f_.target_col_[i] = f_.target_cols_++;
    f_.targets_.assign(f_.target_cols_ * m, kNone);
    f_.status_.assign(m, -1);
    f_.filled_.assign(m, 0);
    f_.expected_.assign(m, 0);
    load_values();
    load_targets();
    aggregate_typed();
    count_roster();
    count_orgs();
    evaluate_formulas();
    return std::move(f_);
  }

 private:
  double& at(std::vector<double>& v, size_t org, size_t ind) { return v[org * f_.catalog_->indicators().size() + ind]; }

  void load_orgs() {
    f_.orgs_ = tree_ ? *tree_ : source_.orgs();
    for (size_t i = 0; i < f_.orgs_.size(); ++i) {
      const Org& o = f_.orgs_[i];
      f_.org_index_[o.id] = i;
      if (!o.parent) f_.town_index_ = i;
      if (is_reporting_unit(o.kind)) f_.units_.push_back(o.id);
    }
    // Each organisation's chain of ancestors, for rolling counts up the tree.
    parents_.resize(f_.orgs_.size(), SIZE_MAX);
    for (size_t i = 0; i < f_.orgs_.size(); ++i)
      if (auto p = f_.orgs_[i].parent) parents_[i] = f_.org_index_.at(*p);
  }

  void load_values() {
    const Catalog& cat = *f_.catalog_;
    const size_t n = cat.indicators().size();
    std::vector<uint8_t> seen(n * f_.orgs_.size(), 0);  // typed yearly (1) or from months (2)
    std::vector<uint8_t> last_month(n * f_.orgs_.size(), 0);  // 1-12: bytes, at province 3.6 MB rather than 14
    f_.period_status_.assign(f_.orgs_.size(), {});
    for (auto& p : f_.period_status_) p.fill(-1);
    std::string last_id;
    size_t ind = SIZE_MAX;
    source_.scan_values(f_.year_, [&](const ValueSource::ValueScan& row) {
      auto oi = f_.org_index_.find(row.org);
      if (oi == f_.org_index_.end()) return;
      if (row.indicator != last_id) { ind = cat.index_of(row.indicator); last_id = row.indicator; }
      if (ind == SIZE_MAX) return;
      const Indicator& d = cat.indicators()[ind];
      const size_t org = oi->second, k = org * n + ind;
      const double v = row.value;
      const int status = int(row.status), month = row.month;
      f_.status_[org] = f_.status_[org] < 0 ? status : std::min(f_.status_[org], status);
      int8_t& period_status = f_.period_status_[org][size_t(month)];
      period_status = int8_t(period_status < 0 ? status : std::min<int>(period_status, status));
      if (month == 0) {  // a yearly value wins over months rolled up
        f_.values_[k] = v;
        seen[k] = 1;
        return;
      }
      f_.months_[month_key(org, ind, month)] = v;
      f_.last_month_ = std::max(f_.last_month_, month);
      if (seen[k] == 1) return;
      double& cur = f_.values_[k];
      if (seen[k] == 0) { cur = v; seen[k] = 2; last_month[k] = uint8_t(month); return; }
      switch (d.rollup) {
        case Rollup::Sum: cur += v; break;
        case Rollup::Max: cur = std::max(cur, v); break;
        case Rollup::Last: if (month > last_month[k]) { cur = v; last_month[k] = uint8_t(month); } break;
      }
    });
    // Completeness: what each organisation is expected to type and has typed.
    for (size_t o = 0; o < f_.orgs_.size(); ++o) {
      for (size_t i = 0; i < n; ++i) {
        const Indicator& d = cat.indicators()[i];
        if (!d.retired && d.typed_by(f_.orgs_[o].kind)) {
          ++f_.expected_[o];
          if (seen[o * n + i]) ++f_.filled_[o];
        }
      }
    }
  }

  void load_targets() {
    const Catalog& cat = *f_.catalog_;
    source_.scan_targets(f_.year_, [&](const ValueSource::TargetScan& t) {
      auto oi = f_.org_index_.find(t.org);
      const size_t ind = cat.index_of(t.indicator);
      // A target kept for an indicator that no longer takes one (a town indicator redefined) is
      // not a target: it is neither shown nor counted.
      if (oi == f_.org_index_.end() || ind == SIZE_MAX || f_.target_col_[ind] == SIZE_MAX) return;
      f_.targets_[oi->second * f_.target_cols_ + f_.target_col_[ind]] = t.value;
    });
    // A town target not set explicitly is the sum of its villages' targets.
    const size_t cols = f_.target_cols_;
    for (size_t i = 0; i < cat.indicators().size(); ++i) {
      const size_t c = f_.target_col_[i];
      if (c == SIZE_MAX) continue;
      double& town = f_.targets_[f_.town_index_ * cols + c];
      if (has(town) || cat.indicators()[i].level != Level::Village) continue;
      for (OrgId u : f_.units_) {
        double t = f_.targets_[f_.org_index_.at(u) * cols + c];
        if (has(t)) town = has(town) ? town + t : t;
      }
    }
  }

  // Village-level typed figures: the town's is the sum (or max) over its reporting units.
  void aggregate_typed() {
    const Catalog& cat = *f_.catalog_;
    for (size_t i = 0; i < cat.indicators().size(); ++i) {
      const Indicator& d = cat.indicators()[i];
      if (!d.typed() || d.level != Level::Village) continue;
      double total = kNone;
      for (OrgId u : f_.units_) {
        double v = at(f_.values_, f_.org_index_.at(u), i);
        if (!has(v)) continue;
        total = !has(total) ? v : d.aggregate == Aggregate::Max ? std::max(total, v) : total + v;
      }
      at(f_.values_, f_.town_index_, i) = total;
    }
  }

  // Adds `amount` to an organisation and each of its ancestors.
  void roll_up(size_t org, size_t ind, double amount) {
    for (size_t o = org; o != SIZE_MAX; o = parents_[o]) {
      double& v = at(f_.values_, o, ind);
      v = has(v) ? v + amount : amount;
    }
  }

  void count_roster() {
    const Catalog& cat = *f_.catalog_;
    std::vector<size_t> roster;
    for (size_t i = 0; i < cat.indicators().size(); ++i)
      if (cat.indicators()[i].aggregate == Aggregate::Roster) roster.push_back(i);
    if (roster.empty()) return;
    auto members = source_.members();
    if (members.empty() && !source_.roster_kept()) return;  // no roster kept: the figure is missing, not zero
    for (size_t i : roster)
      for (size_t o = 0; o < f_.orgs_.size(); ++o) at(f_.values_, o, i) = 0;
    for (const auto& m : members) {
      auto oi = f_.org_index_.find(m.branch);
      if (oi == f_.org_index_.end()) continue;
      for (size_t i : roster)
        if (roster_counts(cat.indicators()[i].roster, m, f_.year_))
          for (size_t o = oi->second; o != SIZE_MAX; o = parents_[o]) at(f_.values_, o, i) += 1;
    }
  }

  void count_orgs() {
    const Catalog& cat = *f_.catalog_;
    for (size_t i = 0; i < cat.indicators().size(); ++i) {
      const Indicator& d = cat.indicators()[i];
      if (d.aggregate != Aggregate::OrgCount) continue;
      for (size_t o = 0; o < f_.orgs_.size(); ++o) at(f_.values_, o, i) = 0;
      auto kind = parse_org_kind(d.org_kind);
      for (size_t o = 0; o < f_.orgs_.size(); ++o)
        if (kind && f_.orgs_[o].kind == *kind && parents_[o] != SIZE_MAX) roll_up(parents_[o], i, 1);
    }
  }

  void evaluate_formulas() {
    const Catalog& cat = *f_.catalog_;
    std::vector<std::pair<size_t, Expr>> formulas;
    for (size_t i : cat.evaluation_order())
      if (cat.indicators()[i].aggregate == Aggregate::Formula) formulas.emplace_back(i, Expr::parse(cat.indicators()[i].formula));
    if (formulas.empty()) return;
    std::vector<size_t> orgs(f_.units_.size());
    for (size_t k = 0; k < f_.units_.size(); ++k) orgs[k] = f_.org_index_.at(f_.units_[k]);
    orgs.push_back(f_.town_index_);
    for (size_t o : orgs) {
      FiguresContext ctx(f_, f_.orgs_[o].id);
      for (const auto& [i, e] : formulas) {
        ExprValue r = e.eval(ctx);
        at(f_.values_, o, i) = r.is_number() ? r.number : kNone;
      }
    }
  }

  const ValueSource& source_;
  const std::vector<Org>* tree_;
  YearFigures f_;
  std::vector<size_t> parents_;
};

YearFigures YearFigures::compute(const ValueSource& source, int year) { return FiguresBuilder(source, year).build(); }

YearFigures YearFigures::compute_with_previous(const ValueSource& source, int year) {
  YearFigures f = compute(source, year);
  f.previous_ = std::make_shared<YearFigures>(FiguresBuilder(source, year - 1, &f.orgs_).build());
  return f;
}

const Org* YearFigures::org(OrgId id) const {
  auto it = org_index_.find(id);
  return it == org_index_.end() ? nullptr : &orgs_[it->second];
}

static std::optional<double> cell(const std::vector<double>& v, const std::unordered_map<OrgId, size_t>& idx,
                                  size_t n, OrgId org, size_t ind) {
  auto it = idx.find(org);
  if (it == idx.end() || ind == SIZE_MAX) return std::nullopt;
  double x = v[it->second * n + ind];
  return has(x) ? std::optional(x) : std::nullopt;
}

std::optional<double> YearFigures::value(OrgId org, std::string_view indicator) const {
  return cell(values_, org_index_, catalog_->indicators().size(), org, catalog_->index_of(indicator));
}
std::optional<double> YearFigures::town_value(std::string_view indicator) const { return value(town().id, indicator); }
std::optional<double> YearFigures::target(OrgId org, std::string_view indicator) const {
  const size_t ind = catalog_->index_of(indicator);
  return cell(targets_, org_index_, target_cols_, org, ind == SIZE_MAX ? SIZE_MAX : target_col_[ind]);
}
std::optional<double> YearFigures::town_target(std::string_view indicator) const { return target(town().id, indicator); }

std::optional<double> YearFigures::month_value(OrgId org, std::string_view indicator, int month) const {
  auto it = org_index_.find(org);
  size_t ind = catalog_->index_of(indicator);
  if (it == org_index_.end() || ind == SIZE_MAX) return std::nullopt;
  auto m = months_.find(month_key(it->second, ind, month));
  return m == months_.end() ? std::nullopt : std::optional(m->second);
}

std::optional<ValueStatus> YearFigures::period_status(OrgId org, int month) const {
  auto it = org_index_.find(org);
  if (it == org_index_.end() || month < 0 || month > 12) return std::nullopt;
  const int8_t s = period_status_[it->second][size_t(month)];
  return s < 0 ? std::nullopt : std::optional(ValueStatus(s));
}

std::optional<ValueStatus> YearFigures::status(OrgId org) const {
  auto it = org_index_.find(org);
  if (it == org_index_.end() || status_[it->second] < 0) return std::nullopt;
  return ValueStatus(status_[it->second]);
}

int YearFigures::filled(OrgId org) const { auto it = org_index_.find(org); return it == org_index_.end() ? 0 : filled_[it->second]; }
int YearFigures::expected(OrgId org) const { auto it = org_index_.find(org); return it == org_index_.end() ? 0 : expected_[it->second]; }

ExprValue YearFigures::evaluate(const Expr& e, OrgId org) const {
  return e.eval(FiguresContext(*this, org == 0 ? town().id : org));
}

// ---- FiguresContext -------------------------------------------------------------------------

const Indicator& FiguresContext::indicator(std::string_view name, int position) const {
  if (const Indicator* ind = figures_.catalog().find(name)) return *ind;
  throw ExprError(tr("expr.unknown_identifier", {{"name", std::string(name)}, {"pos", std::to_string(position + 1)}}),
                  position);
}

ExprValue FiguresContext::lookup(const ExprNode& ident) const {
  const Indicator& ind = indicator(ident.text, ident.position);
  if (auto v = figures_.value(org_, ind.id)) return ExprValue::num(*v);
  return ExprValue::absent({ind.id});
}

}  // namespace jiceng
