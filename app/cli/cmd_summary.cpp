// jiceng-cli summary DB --year Y --format txt|md|html|docx|xlsx [--out FILE] [--template T] [--draft] [--json]:
// the annual summary written from the data (.docx in the official layout, .xlsx the progress table,
// core/export). A final (non-draft) export passes the unresolved gate: while any figure is missing
// it writes nothing and lists what is missing, exit 3.
#include <nlohmann/json.hpp>

#include "base/Strings.hpp"
#include "base/Text.hpp"
#include "Cli.hpp"
#include "export/Export.hpp"
#include "model/Figures.hpp"
#include "store/Store.hpp"
#include "summary/editor/TemplateStore.hpp"
#include "summary/Renderer.hpp"

namespace jiceng::cli {
namespace {

using namespace jiceng::summary;

nlohmann::ordered_json unresolved_json(const Document& doc) {
  auto list = nlohmann::ordered_json::array();
  for (const auto& u : doc.unresolved) {
    nlohmann::ordered_json x;
    x["placeholder"] = u.placeholder;
    x["paragraph"] = u.block + 1;
    x["expression"] = u.expression;
    x["missing"] = u.names;
    list.push_back(std::move(x));
  }
  return list;
}

std::string marker(const Unresolved& u) {
  std::string names;
  for (size_t i = 0; i < u.names.size(); ++i) names += (i ? tr("summary.marker.sep") : "") + u.names[i];
  return tr("summary.marker", {{"names", names}});
}

int run(const Args& a) {
  a.allow_only({"year", "format", "out", "template", "draft", "json"});
  auto store = open_existing(a.positional(0, "cli.arg.db"));
  if (!a.has("year")) throw UsageError{tr("cli.usage.missing_option", {{"option", "--year"}})};
  const int year = a.get_int("year", 0);
  exporter::Format format = exporter::Format::Text;
  const std::string format_name = a.get("format", "txt");
  if (!exporter::parse_format(format_name, format))
    throw UsageError{tr("export.cli.bad_format", {{"format", format_name}})};
  const bool binary = format == exporter::Format::Docx || format == exporter::Format::Xlsx;
  if (binary && !a.has("out")) throw UsageError{tr("export.cli.needs_out", {{"format", format_name}})};
  const bool draft = a.flag("draft");

  // A custom template is read before any figure is computed: its errors come first.
  std::optional<Template> custom;
  if (a.has("template")) custom = Template::load(a.get("template"), store->catalog());
  // Without --template: the town's own template as the editor left it, else the built-in one.
  else if (editor::TemplateStore town(*store); town.has_working()) custom = town.load();
  const Template& t = custom ? *custom : Template::builtin(store->catalog());
  YearFigures figures = YearFigures::compute_with_previous(*store, year);
  Document doc = render(t, figures, RenderOptions{draft});

  if (!draft && !doc.unresolved.empty()) {
    if (a.flag("json")) {
      nlohmann::ordered_json j;
      j["ok"] = false;
      j["unresolved"] = unresolved_json(doc);
      out(j.dump(2));
    } else {
      err(tr("cli.summary.refused", {{"count", std::to_string(doc.unresolved_names().size())}}));
      for (const auto& u : doc.unresolved)
        err(tr("cli.summary.unresolved_line", {{"paragraph", std::to_string(u.block + 1)},
                                               {"marker", marker(u)},
                                               {"expression", u.expression}}));
      err(tr("cli.summary.hint_draft"));
    }
    return kRejected;
  }

  if (!a.has("out")) {
    std::fputs(exporter::export_bytes(doc, figures, format).c_str(), stdout);
    return kOk;
  }
  exporter::export_file(doc, figures, format, a.get("out"));
  if (a.flag("json")) {
    nlohmann::ordered_json j;
    j["ok"] = true;
    j["file"] = a.get("out");
    j["format"] = format_name;
    j["draft"] = draft;
    j["figures"] = doc.figure_count();
    j["unresolved"] = unresolved_json(doc);
    out(j.dump(2));
    return kOk;
  }
  out(tr(draft ? "cli.summary.done_draft" : "cli.summary.done",
         {{"file", a.get("out")}, {"figures", std::to_string(doc.figure_count())},
          {"missing", std::to_string(doc.unresolved.size())}}));
  return kOk;
}

Register reg{{"summary", "export.cli.usage.summary", {"draft", "json"}, run}};

}  // namespace
}  // namespace jiceng::cli
