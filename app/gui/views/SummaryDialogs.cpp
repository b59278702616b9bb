// The editor's dialogs: the indicator picker (name, section, pinyin initials, or an expression
// with its error shown where it is), save points and their history, export to every format,
// section add/rename/delete, and a figure's details (its indicator, the value by village and where
// each came from). The X-template import has its own file (SummaryImport.cpp).
#include <imgui.h>

#include "base/Error.hpp"
#include <imgui_stdlib.h>

#include <filesystem>

#include "base/Strings.hpp"
#include "base/Text.hpp"
#include "platform/Files.hpp"
#include "summary/Renderer.hpp"
#include "views/SummaryDialogs.hpp"
#include "views/SummaryEditor.hpp"
#include "widgets/RichText.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui::summary_editor {
namespace dialog {

namespace fs = std::filesystem;

fs::path from_utf8(const std::string& s) { return fs::path(std::u8string(s.begin(), s.end())); }
std::string to_utf8(const fs::path& p) {
  const std::u8string s = p.u8string();
  return std::string(s.begin(), s.end());
}

static float button_h(const Context& ctx) { return ui::em(ctx.tablet ? 2.2f : 1.6f); }

bool button(const std::string& text, const char* mark, const Context& ctx, bool enabled) {
  if (!enabled) ImGui::BeginDisabled();
  const bool pressed = ImGui::Button(text.c_str(), ImVec2(0, button_h(ctx)));
  ui::mark(mark);
  if (!enabled) ImGui::EndDisabled();
  return pressed && enabled;
}

void close(Editor& e) {
  e.dialog = Dialog::None;
  e.import_target.reset();
  e.import_fixed.reset();
  e.import_rename.reset();
  ImGui::CloseCurrentPopup();
}

void show_message(const Editor& e) {
  if (!e.message.empty()) {
    ui::paragraph(e.message, e.message_error ? ui::color::accent : ui::color::ok);
    ui::mark("dialog.message");
  }
}

bool attempt(Editor& e, Context& ctx, const std::function<std::string()>& fn) {
  bool done = false;
  try {
    e.message = fn();
    e.message_error = false;
    done = true;
  } catch (const std::exception& err) {
    e.message = failure_text(err, true);
    e.message_error = true;
  }
  ctx.need_text(e.message);
  return done;
}

std::string value_text(const std::optional<double>& v, const Indicator* ind) {
  if (!v) return tr("editor.info.none");
  return format_number(*v, ind ? ind->decimals : 2) + (ind ? ind->unit : std::string());
}

const Indicator* search_list(Editor& e, Context& ctx, float height) {
  if (e.dialog_opened) ImGui::SetKeyboardFocusHere();
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (ImGui::InputTextWithHint("##q", tr("editor.picker.hint").c_str(), &e.query)) e.run_search();
  ui::mark("picker.search");
  const Indicator* chosen = nullptr;
  ImGui::BeginChild("##hits", ImVec2(0, height), true);
  ImGuiListClipper clip;
  clip.Begin(int(e.hits.size()));
  while (clip.Step())
    for (int k = clip.DisplayStart; k < clip.DisplayEnd; ++k) {
      const editor::SearchHit& h = e.hits[size_t(k)];
      const Indicator& ind = *h.indicator;
      std::string line = tr("editor.picker.item", {{"name", ind.name},
                                                   {"section", h.section ? h.section->name : std::string()},
                                                   {"value", e.figures ? value_text(e.figures->town_value(ind.id), &ind)
                                                                       : std::string()}});
      ImGui::PushID(k);
      if (ImGui::Selectable(line.c_str(), false, 0, ImVec2(0, ui::em(ctx.tablet ? 1.9f : 1.3f)))) chosen = &ind;
      ui::mark("picker.item." + ind.id);
      ImGui::PopID();
    }
  ui::drag_to_scroll();
  ImGui::EndChild();
  return chosen;
}

}  // namespace dialog

namespace {

using namespace dialog;

using summary::BlockKind;

const char* popup_id(Dialog d) {
  switch (d) {
    case Dialog::Picker: return "##dlg.picker";
    case Dialog::SavePoint: return "##dlg.savepoint";
    case Dialog::History: return "##dlg.history";
    case Dialog::Export: return "##dlg.export";
    case Dialog::Import: return "##dlg.import";
    case Dialog::Section: return "##dlg.section";
    case Dialog::DeleteSection: return "##dlg.delete";
    case Dialog::FigureInfo: return "##dlg.info";
    default: return "##dlg.none";
  }
}


void picker(Editor& e, Context& ctx) {
  ui::paragraph(tr("editor.picker.title"));
  const Indicator* chosen = search_list(e, ctx, ui::em(14));
  const std::string q = trim(e.query);
  // The error only when the person is writing an expression, not searching.
  const bool expression_like = e.hits.empty() || q.find_first_of("()|+-*/<>=,") != std::string::npos ||
                               q.find("（") != std::string::npos;
  if (!e.picker_error.empty() && !q.empty() && expression_like) {
    // Not an indicator list query only: say where the expression goes wrong and why.
    const size_t at = [&] {
      size_t i = 0;
      for (int k = 0; k < e.picker_error_pos && i < q.size(); ++k) i += utf8_seq_len(static_cast<unsigned char>(q[i]));
      return std::min(i, q.size());
    }();
    const size_t next = at < q.size() ? at + utf8_seq_len(static_cast<unsigned char>(q[at])) : at;
    const std::string_view v(q);
    ui::rich_text("where", {{v.substr(0, at)}, {next > at ? v.substr(at, next - at) : std::string_view("▲"),
                                                 IM_COL32_WHITE, ui::color::accent}, {v.substr(next)}});
    ui::paragraph(e.picker_error, ui::color::accent);
    ui::mark("picker.error");
  }
  if (button(tr("editor.picker.insert_expression", {{"expression", q}}), "picker.expression", ctx,
             !q.empty() && e.picker_error.empty())) {
    ui::insert_at_cursor(e.buffer, e.input, "{" + q + "}");
    e.buffer_changed(ImGui::GetTime());
    e.input.focus = true;
    close(e);
    return;
  }
  ImGui::SameLine();
  if (button(tr("editor.dialog.cancel"), "picker.cancel", ctx)) close(e);
  if (chosen) {
    ui::insert_at_cursor(e.buffer, e.input, "{" + chosen->name + "}");
    e.buffer_changed(ImGui::GetTime());
    e.input.focus = true;
    close(e);
  }
}

void save_point(Editor& e, Context& ctx) {
  ui::paragraph(tr("editor.savepoint.prompt"));
  if (e.dialog_opened) ImGui::SetKeyboardFocusHere();
  ImGui::SetNextItemWidth(-FLT_MIN);
  ImGui::InputTextWithHint("##label", tr("editor.savepoint.hint").c_str(), &e.label);
  ui::mark("savepoint.label");
  if (button(tr("editor.savepoint.save"), "savepoint.save", ctx)) {
    e.commit_edit();
    const std::string label = trim(e.label).empty() ? tr("editor.savepoint.default") : trim(e.label);
    try {
      e.templates->add_save_point(*e.tpl, editor::SaveKind::Manual, label, e.who());
      e.session_saved = true;
      e.message = tr("editor.savepoint.done", {{"label", label}});
      e.message_error = false;
    } catch (const std::exception& err) {
      e.message = failure_text(err, true);
      e.message_error = true;
    }
    close(e);
  }
  ImGui::SameLine();
  if (button(tr("editor.dialog.cancel"), "savepoint.cancel", ctx)) close(e);
}

void history(Editor& e, Context& ctx) {
  ui::paragraph(tr("editor.history.title"));
  ImGui::BeginChild("##points", ImVec2(0, ui::em(16)), true);
  if (e.points.empty()) ui::muted(tr("editor.history.empty"));
  std::optional<int64_t> restore;
  ImGuiListClipper clip;
  clip.Begin(int(e.points.size()));
  while (clip.Step())
    for (int k = clip.DisplayStart; k < clip.DisplayEnd; ++k) {
      const editor::SavePoint& p = e.points[size_t(k)];
      ImGui::PushID(k);
      const std::string at = p.at.size() >= 16 ? p.at.substr(0, 10) + " " + p.at.substr(11, 5) : p.at;
      ctx.need_text(p.label);
      // Versions saved before names were recorded carry a device id or nothing: say so.
      const bool named = !p.user.empty() && (!e.store || p.user != e.store->device_id());
      const std::string by = named ? p.user : tr("editor.history.by_unknown");
      ctx.need_text(by);
      ui::paragraph(tr("editor.history.item_by", {{"at", at},
                                                  {"user", by},
                                                  {"kind", tr("editor.history.kind." + std::string(editor::to_string(p.kind)))},
                                                  {"label", p.label},
                                                  {"blocks", std::to_string(p.blocks)},
                                                  {"figures", std::to_string(p.placeholders)}}));
      ui::mark("history.item." + std::to_string(p.id));
      if (button(tr("editor.history.restore"), ("history.restore." + std::to_string(p.id)).c_str(), ctx, e.may_edit()))
        restore = p.id;
      ImGui::Separator();
      ImGui::PopID();
    }
  ui::drag_to_scroll();
  ImGui::EndChild();
  if (restore) {
    e.editing.reset();
    try {
      e.tpl = e.templates->restore(*restore, e.who());
      e.session_saved = true;
      e.changed(false);
      e.message = tr("editor.history.restored");
      e.message_error = false;
    } catch (const std::exception& err) {
      e.message = failure_text(err, true);
      e.message_error = true;
    }
    close(e);
    return;
  }
  if (button(tr("editor.history.builtin"), "history.builtin", ctx, e.may_edit())) {
    e.editing.reset();
    try {
      e.templates->reset_to_default(e.who());
      e.tpl = e.templates->load();
      e.changed(false);
      e.message = tr("editor.history.restored");
      e.message_error = false;
    } catch (const std::exception& err) {
      e.message = failure_text(err, true);
      e.message_error = true;
    }
    close(e);
    return;
  }
  ImGui::SameLine();
  if (button(tr("editor.dialog.close"), "history.close", ctx)) close(e);
  if (!e.may_edit()) ui::muted(tr("editor.history.read_only"));
}

std::string default_path(const Editor& e, const Context& ctx, exporter::Format f) {
  std::string name = tr("editor.export.file", {{"town", e.doc.town}, {"year", std::to_string(e.doc.year)}}) +
                     std::string(exporter::extension(f));
  // In the browser the file is written to scratch storage and handed over as a download.
  fs::path dir = platform::files_through_browser() ? from_utf8(platform::scratch_dir())
                 : ctx.data_dir.empty()            ? fs::current_path()
                                                   : from_utf8(ctx.data_dir);
  return to_utf8(dir / from_utf8(name));
}

void export_dialog(Editor& e, Context& ctx) {
  if (e.dialog_opened || e.export_path.empty()) e.export_path = default_path(e, ctx, e.export_format);
  ui::paragraph(tr("editor.export.title"));
  for (exporter::Format f : exporter::kAllFormats) {
    const std::string id(exporter::format_id(f));
    if (ImGui::RadioButton(tr("editor.export.format." + id).c_str(), e.export_format == f)) {
      e.export_format = f;
      // The extension follows the format.
      fs::path p = from_utf8(e.export_path);
      p.replace_extension(std::string(exporter::extension(f)));
      e.export_path = to_utf8(p);
    }
    ui::mark("export.format." + id);
  }
  ImGui::Checkbox(tr("editor.export.draft").c_str(), &e.export_draft);
  ui::mark("export.draft");
  ui::muted(e.export_draft ? tr("editor.export.draft_note") : tr("editor.export.final_note"));
  if (!platform::files_through_browser()) {  // the browser downloads; there is no path to choose
    ImGui::SetNextItemWidth(-FLT_MIN);
    ImGui::InputText("##path", &e.export_path);
    ui::mark("export.path");
  }
  show_message(e);
  if (button(tr("editor.export.go"), "export.go", ctx)) {
    e.commit_edit();
    try {
      summary::Document doc = summary::render(*e.tpl, *e.figures, summary::RenderOptions{e.export_draft});
      exporter::export_file(doc, *e.figures, e.export_format, e.export_path);
      if (platform::files_through_browser()) {
        const std::string name = to_utf8(from_utf8(e.export_path).filename());
        platform::offer_download(e.export_path, name);
        e.message = tr("editor.export.downloaded", {{"file", name}});
      } else {
        e.message = tr("editor.export.done", {{"path", e.export_path}});
      }
      e.message_error = false;
    } catch (const std::exception& err) {
      e.message = failure_text(err, true);
      e.message_error = true;
    }
    ctx.need_text(e.message);
  }
  ImGui::SameLine();
  if (button(tr("editor.dialog.close"), "export.close", ctx)) close(e);
}

void section_dialog(Editor& e, Context& ctx) {
  ui::paragraph(tr(e.section_rename ? "editor.section.rename" : "editor.section.add"));
  if (e.dialog_opened) ImGui::SetKeyboardFocusHere();
  ImGui::SetNextItemWidth(-FLT_MIN);
  ImGui::InputTextWithHint("##name", tr("editor.section.hint").c_str(), &e.label);
  ui::mark("outline.name");
  if (!e.section_rename)
    for (int lv = 1; lv <= 4; ++lv) {
      if (lv > 1) ImGui::SameLine();
      if (ImGui::RadioButton(tr("editor.kind.heading" + std::to_string(lv)).c_str(), e.section_level == lv)) e.section_level = lv;
      ui::mark("outline.level." + std::to_string(lv));
    }
  show_message(e);
  if (button(tr("editor.dialog.ok"), "outline.ok", ctx)) {
    const std::string name = trim(e.label);
    if (name.empty()) {
      e.message = tr("editor.section.empty");
      e.message_error = true;
      return;
    }
    const OutlineEntry sel = e.outline.at(e.selected);
    e.commit_edit();
    e.editing.reset();
    try {
      summary::Template t = *e.tpl;
      size_t at = sel.first;
      if (e.section_rename) {
        t.set_text(sel.first, name, e.store->catalog());
      } else {
        if (!sel.heading) at = sel.first == 0 && e.tpl->blocks()[0].kind != BlockKind::Signature ? sel.end : sel.first;
        else at = e.section_level > sel.level ? sel.end : t.section_end(sel.first);
        t.insert(at, BlockKind::Heading, e.section_level, name, e.store->catalog());
      }
      e.before_change();
      e.tpl = std::move(t);
      e.changed(true);
      e.select_block(at);
      e.message.clear();
      close(e);
    } catch (const ExprError& err) {
      e.message = tr("editor.error.at", {{"column", std::to_string(err.position + 1)}, {"reason", err.what()}});
      e.message_error = true;
    }
  }
  ImGui::SameLine();
  if (button(tr("editor.dialog.cancel"), "outline.cancel", ctx)) close(e);
}

void delete_dialog(Editor& e, Context& ctx) {
  const OutlineEntry sel = e.outline.at(e.selected);
  const size_t n = e.tpl->section_end(sel.first) - sel.first;
  ui::paragraph(tr("editor.section.delete_prompt", {{"name", sel.label}, {"blocks", std::to_string(n)}}));
  if (button(tr("editor.section.delete"), "outline.delete.ok", ctx)) {
    e.editing.reset();
    e.before_change();
    e.tpl->remove_section(sel.first);
    e.changed(true);
    close(e);
  }
  ImGui::SameLine();
  if (button(tr("editor.dialog.cancel"), "outline.delete.cancel", ctx)) close(e);
}

void figure_info(Editor& e, Context& ctx) {
  if (!e.info) {
    close(e);
    return;
  }
  const editor::FigureExplanation& x = *e.info;
  ui::paragraph(tr("editor.info.figure", {{"shown", x.shown}, {"expression", x.expression}}));
  ImGui::BeginChild("##info", ImVec2(0, ui::em(ctx.narrow ? 26 : 18)), true);
  for (const auto& ind : x.indicators) {
    ui::heading(ind.indicator->name);
    ui::muted(tr("editor.info.section", {{"section", ind.section}, {"how", ind.how}}));
    ui::label_value(tr("editor.info.town"), value_text(ind.town_value, ind.indicator));
    if (ind.target) ui::label_value(tr("editor.info.target"), value_text(ind.target, ind.indicator));
    if (!ind.units.empty() && ImGui::BeginTable("##units", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
      ImGui::TableSetupColumn(tr("editor.info.col.org").c_str(), ImGuiTableColumnFlags_WidthFixed, ui::em(6));
      ImGui::TableSetupColumn(tr("editor.info.col.value").c_str(), ImGuiTableColumnFlags_WidthFixed, ui::em(5));
      ImGui::TableSetupColumn(tr("editor.info.col.source").c_str(), ImGuiTableColumnFlags_WidthStretch);
      ImGui::TableHeadersRow();
      for (const auto& u : ind.units) {
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(u.org.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(value_text(u.value, ind.indicator).c_str());
        ImGui::TableNextColumn();
        ui::paragraph(u.source, ui::color::muted);
      }
      ImGui::EndTable();
    }
    ImGui::Spacing();
  }
  ui::drag_to_scroll();
  ImGui::EndChild();
  if (button(tr("editor.dialog.close"), "info.close", ctx)) close(e);
}

}  // namespace

void open_dialog(Editor& e, Dialog d) {
  e.dialog = d;
  e.dialog_opened = true;
  e.message.clear();
  if (d == Dialog::Picker) {
    e.query.clear();
    e.run_search();
  } else if (d == Dialog::SavePoint || (d == Dialog::Section && !e.section_rename)) {
    e.label.clear();
  } else if (d == Dialog::History && e.templates) {
    e.points = e.templates->save_points();
  }
}

void draw_dialogs(Editor& e, Context& ctx) {
  if (e.dialog == Dialog::None || !e.tpl) return;
  const char* id = popup_id(e.dialog);
  if (e.dialog_opened) ImGui::OpenPopup(id);
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float w = ctx.narrow ? display.x * 0.94f : std::min(display.x * 0.9f, ui::em(44));
  ImGui::SetNextWindowSize(ImVec2(w, 0), ImGuiCond_Always);
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal(id, nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoTitleBar)) {
    e.dialog = Dialog::None;  // closed from outside
    return;
  }
  switch (e.dialog) {
    case Dialog::Picker: picker(e, ctx); break;
    case Dialog::SavePoint: save_point(e, ctx); break;
    case Dialog::History: history(e, ctx); break;
    case Dialog::Export: export_dialog(e, ctx); break;
    case Dialog::Import: dialog::import_dialog(e, ctx); break;
    case Dialog::Section: section_dialog(e, ctx); break;
    case Dialog::DeleteSection: delete_dialog(e, ctx); break;
    case Dialog::FigureInfo: figure_info(e, ctx); break;
    default: break;
  }
  e.dialog_opened = false;
  ImGui::EndPopup();
}

}  // namespace jiceng::gui::summary_editor
