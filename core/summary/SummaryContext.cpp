#include "summary/SummaryContext.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "base/Strings.hpp"
#include "summary/Format.hpp"

namespace jiceng::summary {
namespace {

using Kind = ExprNode::Kind;

bool truthy(const ExprValue& v) {
  return v.is_number() ? v.number != 0 : v.type == ExprValue::Type::Text && !v.text.empty();
}

std::string pos_text(const ExprNode& n) { return std::to_string(n.position + 1); }

// Missing figures gathered over villages, reported per indicator with the villages lacking it.
class MissingByVillage {
 public:
  void add(const ExprValue& v, const std::string& village) {
    for (const auto& m : v.missing) {
      auto& list = by_name_[m];
      if (list.empty()) order_.push_back(m);
      list.push_back(village);
    }
  }
  bool empty() const { return order_.empty(); }
  ExprValue result(const Catalog& catalog) const {
    std::vector<std::string> out;
    for (const auto& m : order_) {
      const auto& list = by_name_.at(m);
      std::string where = list.size() <= 2
                              ? join_names(list)
                              : tr("summary.missing.villages_more",
                                   {{"first", list.front()}, {"count", std::to_string(list.size())}});
      out.push_back(tr("summary.missing.in_org", {{"name", display_name(m, catalog)}, {"org", where}}));
    }
    return ExprValue::absent(std::move(out));
  }

 private:
  std::vector<std::string> order_;
  std::map<std::string, std::vector<std::string>> by_name_;
};

int auto_decimals_node(const ExprNode& n, const Catalog& catalog, double value) {
  if (n.kind == Kind::Ident) {
    if (find_builtin(n.text)) return 0;
    if (const Indicator* ind = catalog.find(n.text)) return ind->decimals;
  }
  if (n.kind == Kind::Call) {
    const FunctionInfo* f = find_function(n.text);
    if (f && (f->id == "rate" || f->id == "growth")) return 1;
    if (f && f->id == "count_villages") return 0;
    if (f && (f->id == "prev" || f->id == "sum_villages" || f->id == "target") && !n.args.empty())
      return auto_decimals_node(*n.args[0], catalog, value);
  }
  // A computed figure: as precise as its most precise kind of input.
  bool percent = false, money = false;
  std::vector<const ExprNode*> stack{&n};
  while (!stack.empty()) {
    const ExprNode* x = stack.back();
    stack.pop_back();
    if (x->kind == Kind::Ident)
      if (const Indicator* ind = catalog.find(x->text)) {
        percent = percent || ind->kind == IndicatorKind::Percent;
        money = money || ind->kind == IndicatorKind::Money;
      }
    for (const auto& a : x->args) stack.push_back(a.get());
  }
  if (percent) return 1;
  if (money) return 2;
  return std::fabs(value - std::round(value)) < 1e-9 ? 0 : 2;
}

}  // namespace

void validate_expression(const Expr& e, const Catalog& catalog) {
  std::vector<const ExprNode*> stack{&e.root()};
  while (!stack.empty()) {
    const ExprNode* n = stack.back();
    stack.pop_back();
    if (n->kind == Kind::Ident && !find_builtin(n->text) && !catalog.find(n->text))
      throw ExprError(tr("expr.unknown_identifier", {{"pos", pos_text(*n)}, {"name", n->text}}), n->position);
    if (n->kind == Kind::Call) {
      const FunctionInfo* f = find_function(n->text);
      if (!f) throw ExprError(tr("expr.unknown_function", {{"pos", pos_text(*n)}, {"name", n->text}}), n->position);
      int argc = static_cast<int>(n->args.size());
      if (argc < f->min_args || argc > f->max_args) {
        std::string count = f->min_args == f->max_args
                                ? std::to_string(f->min_args)
                                : std::to_string(f->min_args) + "–" + std::to_string(f->max_args);
        throw ExprError(tr("expr.wrong_arity", {{"pos", pos_text(*n)}, {"name", n->text}, {"count", count}}),
                        n->position);
      }
      if (f->id == "blank" && n->args[0]->kind != Kind::String)
        throw ExprError(tr("summary.expr.blank_needs_text", {{"pos", pos_text(*n)}}), n->position);
      if (f->id == "target" && n->args[0]->kind != Kind::Ident)
        throw ExprError(tr("summary.expr.target_needs_indicator", {{"pos", pos_text(*n)}}), n->position);
    }
    for (const auto& a : n->args) stack.push_back(a.get());
  }
}

std::vector<std::string> expression_indicators(const Expr& e, const Catalog& catalog) {
  std::vector<std::string> out;
  for (const auto& name : e.identifiers())
    if (const Indicator* ind = catalog.find(name)) {
      bool seen = false;
      for (const auto& o : out) seen = seen || o == ind->id;
      if (!seen) out.push_back(ind->id);
    }
  return out;
}

int auto_decimals(const Expr& e, const Catalog& catalog, double value) {
  return auto_decimals_node(e.root(), catalog, value);
}

std::string display_name(std::string_view key, const Catalog& catalog) {
  if (const Indicator* ind = catalog.find(key)) return ind->name;
  return std::string(key);
}

// ---- Evaluation -----------------------------------------------------------------------------

SummaryContext::SummaryContext(const YearFigures& figures, OrgId org)
    : FiguresContext(figures, org == 0 ? figures.town().id : org) {}

std::vector<OrgId> SummaryContext::villages() const {
  std::vector<OrgId> out;
  for (OrgId id : figures().reporting_units()) {
    const Org* o = figures().org(id);
    if (o && (o->kind == OrgKind::Village || o->kind == OrgKind::Community)) out.push_back(id);
  }
  return out;
}

ExprValue SummaryContext::lookup(const ExprNode& ident) const {
  if (auto b = find_builtin(ident.text)) {
    switch (*b) {
      case Builtin::Year: return ExprValue::num(figures().year());
      case Builtin::NextYear: return ExprValue::num(figures().year() + 1);
      case Builtin::TownName: return ExprValue::str(figures().town().name);
    }
  }
  return FiguresContext::lookup(ident);
}

ExprValue SummaryContext::call(const ExprNode& n) const {
  const FunctionInfo* f = find_function(n.text);
  if (!f) return ExprContext::call(n);
  int argc = static_cast<int>(n.args.size());
  if (argc < f->min_args || argc > f->max_args)
    throw ExprError(tr("expr.wrong_arity", {{"pos", pos_text(n)}, {"name", n.text},
                                            {"count", std::to_string(f->min_args)}}), n.position);
  const std::string_view id = f->id;
  if (id == "rate") {
    ExprValue a = eval(*n.args[0]);
    ExprValue b = eval(*n.args[1]);
    if (a.is_missing() || b.is_missing()) {
      std::vector<std::string> m = a.missing;
      for (const auto& x : b.missing) m.push_back(x);
      return ExprValue::absent(std::move(m));
    }
    if (!a.is_number() || !b.is_number())
      throw ExprError(tr("expr.not_a_number", {{"pos", pos_text(n)}}), n.position);
    if (b.number == 0) return ExprValue::absent({tr("expr.division_by_zero")});
    return ExprValue::num(a.number / b.number * 100);
  }
  if (id == "prev") return call_prev(n);
  if (id == "change") return call_change(n, false);
  if (id == "growth") return call_change(n, true);
  if (id == "sum_villages" || id == "count_villages" || id == "villages") return over_villages(n, id);
  if (id == "target") return call_target(n);
  if (id == "blank") return ExprValue::absent({n.args[0]->text});
  return call_math(n, id);  // round, min, max, abs: the rest of the table
}

ExprValue SummaryContext::call_prev(const ExprNode& n) const {
  const Catalog& catalog = figures().catalog();
  if (!figures().previous())
    return ExprValue::absent({tr("summary.missing.prev", {{"name", n.args[0]->kind == Kind::Ident
                                                                       ? display_name(n.args[0]->text, catalog)
                                                                       : tr("summary.missing.figures")}})});
  SummaryContext prev(*figures().previous(), org());
  ExprValue v = prev.eval(*n.args[0]);
  if (!v.is_missing()) return v;
  std::vector<std::string> names;
  for (const auto& m : v.missing) names.push_back(tr("summary.missing.prev", {{"name", display_name(m, catalog)}}));
  return ExprValue::absent(std::move(names));
}

ExprValue SummaryContext::call_change(const ExprNode& n, bool as_rate) const {
  ExprValue cur = eval(*n.args[0]);
  ExprValue old = call_prev(n);
  if (cur.is_missing() || old.is_missing()) {
    std::vector<std::string> m = cur.missing;
    for (const auto& x : old.missing) m.push_back(x);
    return ExprValue::absent(std::move(m));
  }
  if (!cur.is_number() || !old.is_number())
    throw ExprError(tr("expr.not_a_number", {{"pos", pos_text(n)}}), n.position);
  if (as_rate) {
    if (old.number == 0) return ExprValue::absent({tr("expr.division_by_zero")});
    return ExprValue::num((cur.number - old.number) / old.number * 100);
  }
  const Catalog& catalog = figures().catalog();
  const Indicator* ind = n.args[0]->kind == Kind::Ident ? catalog.find(n.args[0]->text) : nullptr;
  std::string unit = ind ? ind->unit : std::string();
  if (n.args.size() > 1) {
    ExprValue u = eval(*n.args[1]);
    if (u.type == ExprValue::Type::Text) unit = u.text;
  }
  double diff = cur.number - old.number;
  int decimals = auto_decimals_node(*n.args[0], catalog, diff);
  std::string amount = format_number(std::fabs(diff), decimals);
  if (amount == "0") return ExprValue::str(tr("summary.change.same"));
  bool points = (ind && ind->kind == IndicatorKind::Percent) || unit == "%";
  std::string key = points ? (diff > 0 ? "summary.change.rise_points" : "summary.change.fall_points")
                           : (diff > 0 ? "summary.change.increase" : "summary.change.decrease");
  return ExprValue::str(tr(key, {{"value", amount}, {"unit", unit}}));
}

ExprValue SummaryContext::over_villages(const ExprNode& n, std::string_view fn) const {
  const ExprNode* value_node = fn == "sum_villages" ? n.args[0].get() : nullptr;
  const ExprNode* cond_node = fn == "sum_villages" ? (n.args.size() > 1 ? n.args[1].get() : nullptr) : n.args[0].get();
  MissingByVillage missing;
  double sum = 0;
  int count = 0;
  std::vector<std::string> names;
  for (OrgId v : villages()) {
    SummaryContext here(figures(), v);
    const std::string& vname = figures().org(v)->name;
    if (cond_node) {
      ExprValue c = here.eval(*cond_node);
      if (c.is_missing()) { missing.add(c, vname); continue; }
      if (!truthy(c)) continue;
    }
    if (value_node) {
      ExprValue x = here.eval(*value_node);
      if (x.is_missing()) { missing.add(x, vname); continue; }
      if (!x.is_number()) throw ExprError(tr("expr.not_a_number", {{"pos", pos_text(*value_node)}}), value_node->position);
      sum += x.number;
    }
    ++count;
    names.push_back(vname);
  }
  if (!missing.empty()) return missing.result(figures().catalog());
  if (fn == "sum_villages") return ExprValue::num(sum);
  if (fn == "count_villages") return ExprValue::num(count);
  if (names.empty()) return ExprValue::str(tr("summary.list.none"));
  return ExprValue::str(join_names(names));
}

ExprValue SummaryContext::call_target(const ExprNode& n) const {
  const Catalog& catalog = figures().catalog();
  const ExprNode& a = *n.args[0];
  const Indicator* ind = a.kind == Kind::Ident ? catalog.find(a.text) : nullptr;
  if (!ind) throw ExprError(tr("summary.expr.target_needs_indicator", {{"pos", pos_text(n)}}), n.position);
  std::optional<double> t = figures().target(org(), ind->id);
  if (!t) return ExprValue::absent({tr("summary.missing.target", {{"name", ind->name}})});
  return ExprValue::num(*t);
}

ExprValue SummaryContext::call_math(const ExprNode& n, std::string_view fn) const {
  std::vector<double> xs;
  std::vector<std::string> missing;
  for (const auto& a : n.args) {
    ExprValue v = eval(*a);
    if (v.is_missing()) { missing.insert(missing.end(), v.missing.begin(), v.missing.end()); continue; }
    if (!v.is_number()) throw ExprError(tr("expr.not_a_number", {{"pos", pos_text(*a)}}), a->position);
    xs.push_back(v.number);
  }
  if (!missing.empty()) return ExprValue::absent(std::move(missing));
  if (fn == "abs") return ExprValue::num(std::fabs(xs[0]));
  if (fn == "min") return ExprValue::num(std::min(xs[0], xs[1]));
  if (fn == "max") return ExprValue::num(std::max(xs[0], xs[1]));
  double scale = std::pow(10.0, xs.size() > 1 ? xs[1] : 0);
  return ExprValue::num(std::round(xs[0] * scale) / scale);
}

}  // namespace jiceng::summary
