#include "summary/Renderer.hpp"

#include <algorithm>

#include "base/Strings.hpp"
#include "summary/Format.hpp"
#include "summary/SummaryContext.hpp"
#include "summary/Writers.hpp"

namespace jiceng::summary {
namespace {

std::string join_with(const std::vector<std::string>& items, const std::string& sep) {
  std::string s;
  for (size_t i = 0; i < items.size(); ++i) s += (i ? sep : "") + items[i];
  return s;
}

Run fill(const Placeholder& p, const SummaryContext& ctx, int index) {
  const Catalog& catalog = ctx.figures().catalog();
  Run r;
  r.placeholder = index;
  r.expression = p.source;
  r.indicators = expression_indicators(p.expr, catalog);
  ExprValue v;
  try {
    v = p.expr.eval(ctx);
  } catch (const ExprError& e) {
    // A template that cannot be evaluated on this data (text where a number is needed) is not a
    // figure either: it is shown and gated like a missing one, with the reason.
    v = ExprValue::absent({tr("summary.render.error", {{"reason", e.what()}})});
  }
  if (v.is_missing()) {
    r.kind = RunKind::Missing;
    for (const auto& m : v.missing) {
      std::string name = display_name(m, catalog);
      bool seen = false;
      for (const auto& x : r.missing) seen = seen || x == name;
      if (!seen) r.missing.push_back(name);
    }
    if (r.missing.empty()) r.missing.push_back(p.expression);
    r.text = tr("summary.marker", {{"names", join_with(r.missing, tr("summary.marker.sep"))}});
    return r;
  }
  r.kind = RunKind::Figure;
  r.format = p.format;
  if (v.is_number()) r.value = v.number;
  r.text = v.is_number() ? format_figure(v.number, p.format, auto_decimals(p.expr, catalog, v.number)) : v.text;
  return r;
}

}  // namespace

std::string heading_number(int level, int counter) {
  switch (level) {
    case 1: return chinese_numeral(counter) + "、";
    case 2: return "（" + chinese_numeral(counter) + "）";
    case 3: return std::to_string(counter) + ".";
    default: return "（" + std::to_string(counter) + "）";
  }
}

Document render(const Template& t, const YearFigures& figures, const RenderOptions& options) {
  Document doc;
  doc.draft = options.draft;
  doc.year = figures.year();
  doc.town = figures.town().name;
  SummaryContext ctx(figures);
  int counters[5] = {0, 0, 0, 0, 0};
  int index = 0;
  for (size_t i = 0; i < t.blocks().size(); ++i) {
    const TemplateBlock& tb = t.blocks()[i];
    if (tb.kind == BlockKind::Note) continue;
    Block b;
    b.kind = tb.kind;
    b.level = tb.level;
    b.source = i;
    if (tb.kind == BlockKind::Heading) {
      int level = std::clamp(tb.level, 1, 4);
      ++counters[level];
      for (int k = level + 1; k <= 4; ++k) counters[k] = 0;
      b.number = heading_number(level, counters[level]);
    }
    for (const auto& seg : tb.segments) {
      if (!seg.placeholder) {
        Run text;
        text.text = seg.text;
        b.runs.push_back(std::move(text));
        continue;
      }
      Run r = fill(*seg.placeholder, ctx, index++);
      if (r.kind == RunKind::Missing)
        doc.unresolved.push_back(Unresolved{r.placeholder, doc.blocks.size(), r.expression, r.missing});
      b.runs.push_back(std::move(r));
    }
    doc.blocks.push_back(std::move(b));
  }
  return doc;
}

void require_resolved(const Document& doc) {
  if (doc.draft || doc.unresolved.empty()) return;
  std::vector<std::string> names = doc.unresolved_names();
  throw UnresolvedError(tr("summary.gate.refused", {{"count", std::to_string(names.size())},
                                                    {"names", join_with(names, tr("summary.marker.sep"))}}),
                        names);
}

}  // namespace jiceng::summary
