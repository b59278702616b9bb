// jiceng-cli template import|check|default: importing a purchased X-template into our template
// syntax, checking a template file, and writing out the built-in default template to edit.
#include <nlohmann/json.hpp>

#include "Assets.hpp"
#include "Cli.hpp"
#include "Strings.hpp"
#include "Text.hpp"
#include "summary/Importer.hpp"
#include "summary/SummaryContext.hpp"
#include "summary/Template.hpp"

namespace jiceng::cli {
namespace {

using namespace jiceng::summary;

std::string kind_label(BlankKind k) { return tr("summary.import.kind." + std::string(to_string(k))); }

int run_import(const Args& a) {
  a.allow_only({"json", "out"});
  const std::string file = a.positional(0, "cli.arg.template_source");
  ImportResult r = import_xtemplate(file, Catalog::builtin());
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
  for (const auto& p : r.placeholders) {
    const Indicator* ind = Catalog::builtin().find(p.indicator);
    std::string target = p.indicator.empty() ? tr("cli.template.import.unbound")
                         : ind ? tr("cli.template.import.bound", {{"name", ind->name}, {"confidence", format_number(p.confidence, 2)}})
                               : tr("cli.template.import.bound", {{"name", p.expression}, {"confidence", format_number(p.confidence, 2)}});
    out(tr("cli.template.import.blank", {{"index", std::to_string(p.index)}, {"kind", kind_label(p.kind)},
                                         {"unit", p.unit}, {"context", p.context}, {"target", target}}));
  }
  if (a.has("out")) out(tr("cli.template.written", {{"file", a.get("out")}}));
  return kOk;
}

int run_check(const Args& a) {
  a.allow_only({"json"});
  const std::string file = a.positional(0, "cli.arg.template");
  Template t = Template::load(file, Catalog::builtin());  // throws InputError naming line and character
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

Register reg_import{{"template import", "cli.usage.template_import", {"json"}, run_import}};
Register reg_check{{"template check", "cli.usage.template_check", {"json"}, run_check}};
Register reg_default{{"template default", "cli.usage.template_default", {}, run_default}};

}  // namespace
}  // namespace jiceng::cli
