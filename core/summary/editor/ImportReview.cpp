#include "summary/editor/ImportReview.hpp"

#include <algorithm>
#include <tuple>

#include <nlohmann/json.hpp>

#include "base/Error.hpp"
#include "base/Numbers.hpp"
#include "base/Strings.hpp"
#include "base/Text.hpp"
#include "store/Store.hpp"

namespace jiceng::editor {
namespace {

std::string format_part(const std::string& expression) {
  size_t bar = expression.find('|');
  if (bar == std::string::npos) bar = expression.find("｜");
  return bar == std::string::npos ? std::string() : expression.substr(bar);
}

}  // namespace

ImportReview ImportReview::open(const std::string& path, const Catalog& catalog) {
  ImportReview r = from(summary::import_xtemplate(path, catalog));
  r.path_ = path;
  return r;
}

bool ImportReview::can_keep(size_t removed_line) const {
  return !path_.empty() && removed_line >= result_.header_lines && removed_line < result_.removed_lines.size();
}

void ImportReview::keep_line(size_t removed_line, const Catalog& catalog) {
  if (!can_keep(removed_line)) return;
  std::set<std::string> keep = keep_;
  keep.insert(result_.removed_lines[removed_line]);
  ImportReview next = from(summary::import_xtemplate(path_, catalog, keep));
  // What a person settled stays settled where the same sentence holds the same kind of blank.
  for (auto& it : next.items_)
    for (const auto& old : items_)
      if (old.confirmed && old.blank.context == it.blank.context && old.blank.kind == it.blank.kind &&
          old.blank.unit == it.blank.unit) {
        it.expression = old.expression;
        it.blank.indicator = old.blank.indicator;
        it.blank.proposed = old.blank.proposed;
        it.confirmed = true;
      }
  next.path_ = path_;
  next.keep_ = std::move(keep);
  *this = std::move(next);
}

ImportReview ImportReview::from(summary::ImportResult result) {
  ImportReview r;
  r.result_ = std::move(result);
  for (const auto& b : r.result_.placeholders) r.items_.push_back(ReviewItem{b, b.expression, false});
  // What needs a person most comes first: blanks left unbound, then those where the likeliest
  // indicator was set aside (ImportedBlank::caution), then the weakest proposals.
  std::stable_sort(r.items_.begin(), r.items_.end(), [](const ReviewItem& a, const ReviewItem& b) {
    auto rank = [](const ReviewItem& i) { return std::tuple(!i.blank.indicator.empty(), i.blank.caution.empty(), i.blank.confidence); };
    return rank(a) < rank(b);
  });
  return r;
}

size_t ImportReview::confirmed() const {
  size_t n = 0;
  for (const auto& i : items_) n += i.confirmed;
  return n;
}

void ImportReview::confirm(size_t item, bool yes) { items_.at(item).confirmed = yes; }

void ImportReview::choose(size_t item, const Indicator& indicator) {
  ReviewItem& it = items_.at(item);
  const std::string fmt = format_part(it.expression);
  it.expression = fmt.empty() ? indicator.name : indicator.name + " " + fmt;
  it.confirmed = true;
}

void ImportReview::set_expression(size_t item, const std::string& text, const Catalog& catalog) {
  // Parsed as a placeholder would be; the braces shift positions by one.
  try {
    summary::parse_segments("{" + text + "}", catalog);
  } catch (const ExprError& e) {
    throw ExprError(e.what(), std::max(0, e.position - 1));
  }
  ReviewItem& it = items_.at(item);
  it.expression = trim(text);
  it.confirmed = true;
}

void ImportReview::set_fixed(size_t item, const std::string& value, const Catalog& catalog) {
  const ReviewItem& it = items_.at(item);
  const std::string v = trim(value);
  if (v.empty()) throw InputError(tr("editor.import.fixed_empty"));
  const summary::BlankKind kind = it.blank.kind;
  if (kind == summary::BlankKind::Text || kind == summary::BlankKind::Village) {
    for (const char* bad : {"」", "{", "}", "｛", "｝", "|", "｜", "\n"})
      if (v.find(bad) != std::string::npos) throw InputError(tr("editor.import.fixed_bad_char"));
    set_expression(item, "「" + v + "」", catalog);
    return;
  }
  // A number exactly as typed (no thousands separators, no words): it is printed as it stands.
  const NumberPrefix n = read_number(v);
  if (!n.ok || n.length != v.size() || !(n.value >= 0)) throw InputError(tr("editor.import.fixed_not_number", {{"text", v}}));
  set_expression(item, shortest_number(n.value), catalog);
}

size_t ImportReview::open_proposals() const {
  return size_t(std::count_if(items_.begin(), items_.end(), [](const ReviewItem& i) { return i.blank.proposed && !i.confirmed; }));
}

void ImportReview::rename_proposal(size_t item, const std::string& name, const Catalog& catalog) {
  ReviewItem& it = items_.at(item);
  if (!it.blank.proposed) return;
  const std::string n = trim(name);
  if (n.empty()) throw InputError(tr("editor.import.proposal_empty"));
  for (const auto& other : items_)
    if (&other != &it && other.blank.proposed && !other.confirmed && other.blank.proposed->name == n)
      throw InputError(tr("editor.import.proposal_taken", {{"name", n}}));
  if (const Indicator* ind = catalog.find(n);
      ind && (ind->unit != it.blank.proposed->unit || ind->kind != it.blank.proposed->kind))
    throw InputError(tr("editor.import.proposal_taken", {{"name", n}}));
  if (it.blank.proposed->suggested.empty()) it.blank.proposed->suggested = it.blank.proposed->name;
  it.blank.proposed->name = n;
}

size_t ImportReview::accept_proposals(Store& store, const Actor& actor) {
  std::vector<ReviewItem> items = items_;  // committed to items_ only when the store committed
  size_t bound = 0;
  store.transaction([&] {
    for (ReviewItem& it : items) {
      if (!it.blank.proposed || it.confirmed) continue;
      const summary::ProposedIndicator& p = *it.blank.proposed;
      const Indicator* same = store.catalog().find(p.name);
      std::string name = p.name;
      for (int n = 2; same && (same->unit != p.unit || same->kind != p.kind); ++n) {
        name = p.name + std::to_string(n);
        same = store.catalog().find(name);
      }
      std::string id = same ? same->id : std::string();
      if (!same) {
        const std::string section = p.section.empty() ? store.add_section(p.section_name, actor) : p.section;
        nlohmann::json def = {{"name", name}, {"section", section}, {"unit", p.unit},
                              {"kind", std::string(to_string(p.kind))}, {"level", p.level == Level::Town ? "town" : "village"},
                              {"note", tr("editor.import.proposal_note", {{"context", it.blank.context}})}};
        // The importer's own name stays an alias, so next year's template binds to what was renamed.
        if (!p.suggested.empty() && p.suggested != name && !store.catalog().find(p.suggested)) def["aliases"] = {p.suggested};
        id = store.define_indicator(def.dump(), actor, tr("editor.import.proposal_reason"));
      }
      it.blank.indicator = id;
      it.expression = p.format.empty() ? name : name + " | " + p.format;
      it.confirmed = true;
      ++bound;
    }
  });
  items_ = std::move(items);
  return bound;
}

size_t ImportReview::unresolved_numeric() const {
  return size_t(std::count_if(items_.begin(), items_.end(), [](const ReviewItem& i) {
    using K = summary::BlankKind;
    const bool numeric = i.blank.kind == K::Number || i.blank.kind == K::Money || i.blank.kind == K::Percent;
    return numeric && i.expression.rfind("待补", 0) == 0;
  }));
}

summary::Template ImportReview::build(const Catalog& catalog) const {
  summary::Template t = summary::Template::parse(result_.template_text, tr("editor.import.source"), catalog);
  // Placeholders appear in the template in blank order: the k-th placeholder is blank k, which
  // the review may list elsewhere.
  std::vector<const ReviewItem*> by_blank(items_.size());
  for (const auto& it : items_)
    if (size_t(it.blank.index) < by_blank.size()) by_blank[size_t(it.blank.index)] = &it;
  size_t k = 0;
  for (size_t b = 0; b < t.blocks().size(); ++b) {
    const summary::TemplateBlock& block = t.blocks()[b];
    std::vector<char32_t> text = utf8_decode(block.text);
    struct Edit { size_t at, len; std::string with; };
    std::vector<Edit> edits;
    for (const auto& seg : block.segments) {
      if (!seg.placeholder) continue;
      const size_t len = 2 + utf8_length(seg.placeholder->source);
      if (k < by_blank.size() && by_blank[k] && by_blank[k]->expression != seg.placeholder->source)
        edits.push_back(Edit{size_t(seg.placeholder->column), len, "{" + by_blank[k]->expression + "}"});
      ++k;
    }
    if (edits.empty()) continue;
    std::string out;
    size_t cursor = 0;
    for (const Edit& e : edits) {
      out += utf8_encode(std::u32string(text.begin() + long(cursor), text.begin() + long(e.at)));
      out += e.with;
      cursor = e.at + e.len;
    }
    out += utf8_encode(std::u32string(text.begin() + long(cursor), text.end()));
    t.set_text(b, out, catalog);
  }
  return t;
}

}  // namespace jiceng::editor
