#include "summary/import/Importer.hpp"

#include <cmath>
#include <map>
#include <set>
#include <nlohmann/json.hpp>

#include "base/Strings.hpp"
#include "base/Text.hpp"
#include "summary/Functions.hpp"
#include "summary/import/ImportLayout.hpp"
#include "summary/import/ImportMatch.hpp"
#include "summary/import/ImportMeaning.hpp"
#include "summary/Template.hpp"

namespace jiceng::summary {
namespace {

constexpr double kBindThreshold = 0.5;
constexpr double kTownNameMatch = 0.9;  // the town's indicator named exactly as this figure's wording
constexpr size_t kContextSide = 30;  // characters of context kept on each side of a blank

struct Piece {
  BlockKind kind = BlockKind::Paragraph;
  int level = 0;
  std::u32string text;
  size_t paragraph = 0;
};

size_t clause_start(const std::u32string& p, size_t at) {
  size_t s = at;
  while (s > 0 && !is_clause_break(p[s - 1]) && at - s < kContextSide) --s;
  return s;
}

size_t clause_end(const std::u32string& p, size_t at) {
  size_t e = at;
  while (e < p.size() && !is_clause_break(p[e]) && e - at < kContextSide) ++e;
  return e;
}

std::u32string escape_braces(std::u32string_view s) {
  std::u32string out;
  for (char32_t c : s) {
    if (c == U'{' || c == U'｛') out += U"{{";
    else if (c == U'}' || c == U'｝') out += U"}}";
    else out += c;
  }
  return out;
}

std::string kind_label(BlankKind k) { return tr("summary.import.kind." + std::string(to_string(k))); }

class Importer {
 public:
  Importer(const Catalog& catalog, const std::set<std::string>& keep)
      : keep_(keep), catalog_(catalog), rules_(ImportRules::builtin()), matcher_(catalog, rules_), guard_(catalog, rules_) {}

  ImportResult run(const SourceText& src) {
    ImportResult r;
    r.removed_lines = src.stamps;
    r.header_lines = src.stamps.size();
    std::map<std::u32string, int> repeats;
    std::vector<std::u32string> lines;
    for (const auto& p : src.paragraphs) lines.push_back(to_u32(p));
    for (const auto& l : lines) ++repeats[l];
    std::vector<Piece> pieces;
    bool have_title = false;
    for (size_t i = 0; i < lines.size(); ++i) {
      const std::u32string& line = lines[i];
      // A vendor's line is never the title, even one that reads like it ("2021年工作总结范文免费下载").
      const bool vendor = !keep_.count(src.paragraphs[i]) && vendor_score(line, repeats[line], rules_) >= rules_.vendor_threshold;
      bool title = !have_title && pieces.empty() && !vendor && looks_like_title(line, rules_);
      if (vendor) {
        r.removed_lines.push_back(src.paragraphs[i]);
        continue;
      }
      size_t para = r.paragraphs.size();
      r.paragraphs.push_back(src.paragraphs[i]);
      if (title) {
        have_title = true;
        // A 述职报告 is one person's (or the town's own) account: its figures are typed once.
        town_report_ = line.find(U"述职") != std::u32string::npos;
        pieces.push_back(Piece{BlockKind::Title, 0, line, para});
        continue;
      }
      HeadingSplit h = split_heading(line, rules_);
      // A Word heading style says what the text may not ("一、" kept in Word's list numbering).
      int styled = i < src.levels.size() ? src.levels[i] : 0;
      if (h.level == 0 && styled > 0 && line.size() <= 60) h = HeadingSplit{styled, line, {}};
      else if (h.level > 0 && styled > 0) h.level = styled;
      if (h.level == 0) {
        pieces.push_back(Piece{BlockKind::Paragraph, 0, line, para});
        continue;
      }
      pieces.push_back(Piece{BlockKind::Heading, h.level, h.heading, para});
      if (!h.rest.empty()) pieces.push_back(Piece{BlockKind::Paragraph, 0, h.rest, para});
    }
    Template t;
    for (const auto& piece : pieces) {
      if (piece.kind == BlockKind::Heading) {  // what the paragraphs under it are about
        headings_.resize(size_t(std::max(piece.level, 1)) - 1);
        headings_.push_back(piece.text);
      }
      std::u32string text = fill(piece, r);
      t.insert(t.blocks().size(), piece.kind, piece.level, to_utf8(text), catalog_);
    }
    r.template_text = t.to_text();
    return r;
  }

 private:
  // Replaces the blanks of one piece with placeholders, recording each.
  std::u32string fill(const Piece& piece, ImportResult& r) {
    const std::u32string& p = piece.text;
    std::vector<Blank> blanks = find_blanks(p, piece.kind == BlockKind::Title, rules_);
    std::u32string out;
    size_t cursor = 0;
    std::u32string headings;
    for (const auto& h : headings_) headings += h + U"\n";
    topic_ = headings + p;
    for (size_t k = 0; k < blanks.size(); ++k) {
      const Blank& b = blanks[k];
      // A new sentence: its figures may again be any indicator.
      if (k == 0 || p.substr(blanks[k - 1].unit_end, b.token_start - blanks[k - 1].unit_end).find_first_of(U"。！？；!?;") !=
                        std::u32string::npos) {
        sentence_.clear();
        sentence_stem_.clear();
      }
      constexpr std::u32string_view kStops = U"。！？；!?;";
      const size_t ss = p.find_last_of(kStops, b.token_start), se = p.find_first_of(kStops, b.unit_end);
      sentence_topic_ = headings + p.substr(ss == std::u32string::npos ? 0 : ss + 1,
                                            se == std::u32string::npos ? std::u32string::npos : se - (ss == std::u32string::npos ? 0 : ss + 1));
      size_t cs = clause_start(p, b.token_start), ce = clause_end(p, b.unit_end);
      MatchQuery q;
      q.kind = b.kind;
      q.unit = b.unit;
      // Near context stops at the neighbouring figures and at "、" (the next item of a list).
      size_t from = k > 0 ? std::max(cs, blanks[k - 1].unit_end) : cs;
      for (size_t i = b.token_start; i > from; --i)
        if (p[i - 1] == U'、') { from = i; break; }
      size_t to = k + 1 < blanks.size() ? std::min(ce, std::max(b.unit_end, blanks[k + 1].token_start)) : ce;
      for (size_t i = b.unit_end; i < to; ++i)
        if (p[i] == U'、') { to = i; break; }
      q.before = p.substr(from, b.token_start - from);
      q.after = p.substr(b.unit_end, to - b.unit_end);
      q.far_before = p.substr(cs, from - cs);
      q.far_after = to < ce ? p.substr(to, ce - to) : std::u32string();
      const ImportedBlank* prev = k > 0 && blanks[k - 1].token_start >= cs ? &r.placeholders.back() : nullptr;
      ImportedBlank ib;
      ib.index = int(r.placeholders.size());
      ib.kind = b.kind;
      ib.unit = to_utf8(b.unit);
      ib.context = to_utf8(p.substr(cs, ce - cs));
      ib.paragraph = piece.paragraph;
      naming_before_ = p.substr(from_prev(k, cs, blanks), b.token_start - from_prev(k, cs, blanks));
      naming_clause_.clear();
      for (size_t i = cs, j = 0; i < b.token_start; ++i) {  // other blanks of the clause read "X"
        while (j < k && blanks[j].unit_end <= i) ++j;
        if (j < k && i >= blanks[j].token_start && i < blanks[j].token_end) {
          if (i == blanks[j].token_start) naming_clause_ += U'X';
        } else {
          naming_clause_ += p[i];
        }
      }
      ib.expression = bind(b, q, piece, prev, ib);
      out += escape_braces(std::u32string_view(p).substr(cursor, b.span_start - cursor));
      out += U"{" + to_u32(ib.expression) + U"}";
      cursor = b.span_end;
      r.placeholders.push_back(std::move(ib));
    }
    out += escape_braces(std::u32string_view(p).substr(cursor));
    return out;
  }

  // Where the text about blank k starts: its clause, after the previous figure.
  static size_t from_prev(size_t k, size_t clause, const std::vector<Blank>& blanks) {
    return k > 0 ? std::max(clause, blanks[k - 1].unit_end) : clause;
  }

  // The placeholder's format for what the text says about the figure ("X余户" → 余).
  static std::string approx_format(const Blank& b) {
    if (!b.approx) return {};
    return b.approx_inside ? "约数" : (b.approx == U'余' ? "余" : "多");
  }

  // A town indicator for a figure no indicator means; its name unique in the catalog and import.
  // When the town already has an indicator of exactly that name, unit and kind (this template's
  // figure, accepted last year or renamed with the name kept as an alias), that one is returned.
  const Indicator* propose_new(const Blank& b, const MatchQuery& q, ImportedBlank& ib) {
    NamingInput in{b.kind, b.unit, naming_before_, q.after, naming_clause_,
                   headings_.empty() ? std::u32string() : headings_.front(), veto_rule_, approx_format(b),
                   sentence_stem_, town_report_};
    auto p = name_indicator(in, catalog_, rules_);
    if (!p) return nullptr;
    sentence_stem_ = p->stem;
    if (const Indicator* same = catalog_.find(p->name); same && same->town && same->unit == p->unit && same->kind == p->kind)
      return same;
    const std::string base = p->name;
    for (int n = 2; catalog_.find(p->name) || !proposed_names_.insert(p->name).second; ++n)
      p->name = base + std::to_string(n);  // digits, not "（2）": a name must stay one identifier
    ib.proposed = std::move(p);
    return nullptr;
  }

  // The placeholder expression for a blank, filling in the proposal fields of `ib`.
  std::string bind(const Blank& b, const MatchQuery& q, const Piece& piece, const ImportedBlank* prev,
                   ImportedBlank& ib) {
    Proposal prop = propose(q, prev, ib);
    if (b.kind == BlankKind::Year && !prop.indicator) {
      // "到X年" looks ahead: the target year, when the catalog has exactly one year figure.
      const Indicator* only = nullptr;
      int years = 0;
      for (const auto& ind : catalog_.indicators())
        if (ind.kind == IndicatorKind::Year) { only = &ind; ++years; }
      if (years == 1 && (ends_with(q.before, U"到") || ends_with(q.before, U"至"))) prop = Proposal{only, 0.6};
    }
    if (b.kind == BlankKind::Year && !prop.indicator) {
      // "20XX年" or the title's year: the year the summary is written for.
      bool digits = b.token_start < b.token_end && piece.text[b.token_start] >= U'0' && piece.text[b.token_start] <= U'9';
      if (digits || piece.kind == BlockKind::Title) {
        ib.indicator = "year";
        ib.confidence = 0.95;
        return std::string(builtin_name(Builtin::Year));
      }
    }
    if (b.kind == BlankKind::Text && b.span_end > b.token_end) {
      // "XX镇": the town the summary is about.
      ib.indicator = "town_name";
      ib.confidence = 0.8;
      return std::string(builtin_name(Builtin::TownName));
    }
    if (!prop.indicator) {
      const Indicator* town = propose_new(b, q, ib);
      if (!town) return blank_note(b, piece.text, ib);
      prop = Proposal{town, kTownNameMatch};
      ib.caution.clear();  // the town's own indicator for this very wording: nothing was set aside
    }
    const Indicator& ind = *prop.indicator;
    ib.indicator = ind.id;
    ib.confidence = prop.confidence;
    if (b.kind != BlankKind::Village) sentence_.insert(ind.id);  // a village's name is not a figure
    if (b.kind == BlankKind::Village) return "村名(" + ind.name + " > 0)";
    std::string expr = ind.name;
    std::string format;
    // The text counts in 元 where the catalog keeps 万元.
    if (b.kind == BlankKind::Money && b.unit == U"元" && ind.unit == "万元") {
      expr += " * 10000";
      format = "整数";
    }
    // "X万多人次" where the catalog counts 人次: state it in 万.
    std::u32string iu = to_u32(ind.unit);
    if (b.unit.size() > 1 && b.unit[0] == U'万' && (iu.empty() || iu[0] != U'万') && b.kind != BlankKind::Money) {
      expr += " / 10000";
      format = "一位小数";
    }
    if (b.approx) format = approx_format(b);
    return format.empty() ? expr : expr + " | " + format;
  }

  // The likeliest indicator that means what the text says. Candidates go by confidence; one this
  // sentence already bound is skipped (a total and its "其中" part are two figures), and so is one
  // the meaning rules veto. A candidate behind a skipped one must come close to it: a far weaker
  // match is more likely wrong than right, and an unbound blank only asks the user.
  Proposal propose(const MatchQuery& q, const ImportedBlank* prev, ImportedBlank& ib) {
    veto_rule_.clear();
    if (q.kind == BlankKind::Text) return {};
    std::vector<Proposal> ranked = matcher_.rank(q, 5);
    const Indicator* prev_ind = prev && !prev->indicator.empty() ? catalog_.find(prev->indicator) : nullptr;
    if (prev_ind && q.before.empty()) {  // "脱贫X户X人": the sibling of the figure just before
      Proposal sib = matcher_.sibling(*prev_ind, q);
      if (sib.indicator) {
        std::erase_if(ranked, [&](const Proposal& p) { return p.indicator == sib.indicator && p.confidence <= sib.confidence; });
        ranked.insert(std::find_if(ranked.begin(), ranked.end(), [&](const Proposal& p) { return p.confidence < sib.confidence; }), sib);
      }
    }
    if (ranked.empty() || ranked[0].confidence < kBindThreshold) return {};
    const double floor = std::max(kBindThreshold, 0.8 * ranked[0].confidence);
    for (const Proposal& p : ranked) {
      if (p.confidence < floor) break;
      std::optional<Veto> veto;
      if (sentence_.count(p.indicator->id)) veto = Veto{"repeated", {}};
      else veto = guard_.veto(*p.indicator, q, {topic_, sentence_topic_});
      if (!veto) return p;
      if (ib.caution.empty()) {
        ib.caution = MeaningGuard::explain(*veto, *p.indicator);
        veto_rule_ = veto->rule;
      }
    }
    return {};
  }

  std::string blank_note(const Blank& b, const std::u32string& p, ImportedBlank& ib) {
    size_t cs = clause_start(p, b.token_start), ce = clause_end(p, b.unit_end);
    std::u32string ctx = p.substr(cs, b.token_start - cs) + U"□" + p.substr(b.token_end, ce - b.token_end);
    // The note is a string literal inside the placeholder: drop characters that would end it.
    std::u32string clean;
    for (char32_t c : ctx) {
      if (c == U'」' || c == U'{' || c == U'}' || c == U'｛' || c == U'｝' || c == U'|' || c == U'｜') continue;
      clean += (c == U'X' || c == U'×' || c == U'Ｘ' || c == U'ｘ') ? U'□' : c;  // neighbouring blanks too
    }
    std::string note = tr(ib.caution.empty() ? "summary.import.blank_note" : "summary.import.blank_note_caution",
                          {{"index", std::to_string(ib.index + 1)}, {"kind", kind_label(b.kind)},  // counted from 1, as the review lists them
                           {"context", to_utf8(clean)}, {"caution", ib.caution}});
    return "待补(「" + note + "」)";
  }

  const std::set<std::string>& keep_;
  const Catalog& catalog_;
  const ImportRules& rules_;
  IndicatorMatcher matcher_;
  MeaningGuard guard_;
  std::vector<std::u32string> headings_;  // the headings above the current piece, by level
  std::u32string topic_;                  // those headings and the current piece's text
  std::u32string sentence_topic_;         // those headings and the current blank's sentence
  std::set<std::string> sentence_;        // indicators bound in the current sentence
  std::u32string naming_before_;          // the current blank's clause back to the previous figure
  std::u32string naming_clause_;          // the current blank's whole clause, other blanks as "X"
  std::string veto_rule_;                 // why the current blank's likeliest indicator was refused
  std::set<std::string> proposed_names_;  // names of the town indicators proposed so far
  std::u32string sentence_stem_;          // the stem of the last proposal in the current sentence
  bool town_report_ = false;              // the title says 述职: every proposal is the town's
};

}  // namespace

std::string ImportResult::to_json() const {
  nlohmann::ordered_json j;
  j["removed_lines"] = removed_lines;
  j["paragraphs"] = paragraphs.size();
  auto list = nlohmann::ordered_json::array();
  for (const auto& p : placeholders) {
    nlohmann::ordered_json x;
    x["index"] = p.index;
    x["kind"] = std::string(to_string(p.kind));
    x["unit"] = p.unit;
    x["context"] = p.context;
    x["indicator"] = p.indicator.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(p.indicator);
    x["confidence"] = std::round(p.confidence * 100) / 100;
    if (!p.caution.empty()) x["caution"] = p.caution;
    if (p.proposed) {
      const auto& n = *p.proposed;
      x["proposed"] = {{"name", n.name}, {"unit", n.unit}, {"kind", std::string(to_string(n.kind))},
                       {"level", n.level == Level::Town ? "town" : "village"},
                       {"section", n.section.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(n.section)},
                       {"section_name", n.section_name}};
      x["confidence"] = std::round(n.confidence * 100) / 100;
    }
    list.push_back(std::move(x));
  }
  j["placeholders"] = std::move(list);
  j["template"] = template_text;
  return j.dump(2);
}

ImportResult import_xtemplate(const SourceText& source, const Catalog& catalog, const std::set<std::string>& keep) {
  return Importer(catalog, keep).run(source);
}

ImportResult import_xtemplate(const std::string& path, const Catalog& catalog, const std::set<std::string>& keep) {
  return import_xtemplate(read_template_source(path), catalog, keep);
}

}  // namespace jiceng::summary
