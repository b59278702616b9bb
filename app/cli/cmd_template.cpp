// jiceng-cli template import|check|default: importing a purchased X-template into our template
// syntax, checking a template file, and writing out the built-in default template to edit.
#include <nlohmann/json.hpp>

#include "base/Assets.hpp"
#include "base/Strings.hpp"
#include "base/Text.hpp"
#include "Cli.hpp"
#include "store/Store.hpp"
#include "summary/editor/ImportReview.hpp"
#include "summary/import/Importer.hpp"
#include "summary/SummaryContext.hpp"
#include "summary/Template.hpp"

namespace jiceng::cli {
namespace {

using namespace jiceng::summary;

std::string kind_label(BlankKind k) { return tr("summary.import.kind." + std::string(to_string(k))); }

// The review's settled blanks written back into the result, so --json and the listing show what
// --accept bound.
ImportResult settled(const editor::ImportReview& review, const Catalog& catalog) {
  ImportResult r = review.result();
  for (const auto& it : review.items()) {
    ImportedBlank& b = r.placeholders.at(size_t(it.blank.index));
    b = it.blank;
    b.expression = it.expression;
    if (it.confirmed && b.proposed) b.proposed.reset();
  }
  r.template_text = review.build(catalog).to_text();
  return r;
}

int run_import(const Args& a) {
  a.allow_only({"json", "out", "db", "accept", "user"});
  const std::string file = a.positional(0, "cli.arg.template_source");
  if (a.flag("accept") && !a.has("db")) throw UsageError{tr("cli.template.import.accept_needs_db")};
  // With --db the town's own indicators bind too (a template of last year imported again).
  std::unique_ptr<Store> store = a.has("db") ? open_existing(a.get("db")) : nullptr;
  const Catalog& catalog = store ? store->catalog() : Catalog::builtin();
  ImportResult r = import_xtemplate(file, catalog);
  size_t accepted = 0;
  if (a.flag("accept")) {
    const Actor actor = acting_user(a, *store);
    editor::ImportReview review = editor::ImportReview::from(std::move(r));
    accepted = review.accept_proposals(*store, actor);
    r = settled(review, store->catalog());
  }
  if (a.has("out")) write_file(a.get("out"), r.template_text);
  if (a.flag("json")) {
    out(r.to_json());
    return kOk;
  }
  size_t bound = 0;
  for (const auto& p : r.placeholders) bound += p.indicator.empty() ? 0 : 1;
  out(tr("cli.template.import.summary", {{"file", file}, {"paragraphs", std::to_string(r.paragraphs.size())},
                                         {"removed", std::to_string(r.removed_lines.size())},
                                         {"blanks", std::to_string(r.placeholders.size())},
                                         {"bound", std::to_string(bound)},
                                         {"unbound", std::to_string(r.placeholders.size() - bound)}}));
  for (const auto& line : r.removed_lines) out(tr("cli.template.import.removed", {{"line", line}}));
  const Catalog& now = store ? store->catalog() : Catalog::builtin();
  for (const auto& p : r.placeholders) {
    const Indicator* ind = now.find(p.indicator);
    std::string target = p.proposed ? tr("cli.template.import.proposed", {{"name", p.proposed->name}, {"unit", p.proposed->unit},
                                                                            {"section", p.proposed->section_name}})
                         : p.indicator.empty() ? tr("cli.template.import.unbound")
                         : ind ? tr("cli.template.import.bound", {{"name", ind->name}, {"confidence", format_number(p.confidence, 2)}})
                               : tr("cli.template.import.bound", {{"name", p.expression}, {"confidence", format_number(p.confidence, 2)}});
    out(tr("cli.template.import.blank", {{"index", std::to_string(p.index)}, {"kind", kind_label(p.kind)},
                                         {"unit", p.unit}, {"context", p.context}, {"target", target}}));
  }
  if (a.flag("accept")) out(tr("cli.template.import.accepted", {{"count", std::to_string(accepted)}}));
  if (a.has("out")) out(tr("cli.template.written", {{"file", a.get("out")}}));
  return kOk;
}

int run_check(const Args& a) {
  a.allow_only({"json", "db"});
  const std::string file = a.positional(0, "cli.arg.template");
  // With --db the template may name the town's own indicators.
  std::unique_ptr<Store> store = a.has("db") ? open_existing(a.get("db")) : nullptr;
  Template t = Template::load(file, store ? store->catalog() : Catalog::builtin());  // throws InputError naming line and character
  size_t blanks = 0;
  for (const auto& b : t.blocks())
    for (const auto& s : b.segments)
      if (s.placeholder && s.placeholder->expr.root().kind == ExprNode::Kind::Call) {
        const FunctionInfo* f = find_function(s.placeholder->expr.root().text);
        blanks += f && f->id == "blank" ? 1 : 0;
      }
  if (a.flag("json")) {
    nlohmann::ordered_json j;
    j["ok"] = true;
    j["blocks"] = t.blocks().size();
    j["placeholders"] = t.placeholder_count();
    j["blanks"] = blanks;
    out(j.dump(2));
    return kOk;
  }
  out(tr("cli.template.check.ok", {{"file", file}, {"blocks", std::to_string(t.blocks().size())},
                                   {"placeholders", std::to_string(t.placeholder_count())},
                                   {"blanks", std::to_string(blanks)}}));
  return kOk;
}

int run_default(const Args& a) {
  a.allow_only({"out"});
  std::string_view text = asset("templates/default.tpl");
  if (!a.has("out")) {
    out(std::string(text));
    return kOk;
  }
  write_file(a.get("out"), text);
  out(tr("cli.template.written", {{"file", a.get("out")}}));
  return kOk;
}

Register reg_import{{"template import", "cli.usage.template_import", {"json", "accept"}, run_import}};
Register reg_check{{"template check", "cli.usage.template_check", {"json"}, run_check}};
Register reg_default{{"template default", "cli.usage.template_default", {}, run_default}};

}  // namespace
}  // namespace jiceng::cli
