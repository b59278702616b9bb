// The X-template import dialog: a purchased template's blanks, each with what it was read as and
// the indicator proposed for it; the admin confirms, renames or fixes them, then the template is
// bound (summary/editor/ImportReview holds the review; this file draws it).
#include <imgui.h>
#include <imgui_stdlib.h>

#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "base/Text.hpp"
#include "platform/Files.hpp"
#include "views/SummaryDialogs.hpp"
#include "views/SummaryEditor.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui::summary_editor::dialog {
namespace {

// A blank that is not data gets its value typed once: a number, or the words that were blanked
// (a village's name chosen from the town's list).
void fixed_value_form(Editor& e, Context& ctx, size_t k) {
  editor::ImportReview& r = *e.review;
  const summary::ImportedBlank& b = r.items()[k].blank;
  const bool words = b.kind == summary::BlankKind::Text || b.kind == summary::BlankKind::Village;
  ui::paragraph(tr(words ? "editor.import.fixed_text" : "editor.import.fixed_number", {{"index", std::to_string(b.index + 1)}}));
  ImGui::SetNextItemWidth(ctx.narrow ? -FLT_MIN : ui::em(16));
  ImGui::InputText("##fixed", &e.fixed_text, words ? 0 : ImGuiInputTextFlags_CharsDecimal);
  ui::mark("import.fixed.input");
  if (b.kind == summary::BlankKind::Village) {
    ui::muted(tr("editor.import.fixed_villages"));
    for (const Org& o : e.store->orgs()) {
      if (o.kind != OrgKind::Village) continue;
      ImGui::SameLine();
      if (ImGui::GetContentRegionAvail().x < ui::em(5)) ImGui::NewLine();
      if (button(o.name, ("import.village." + o.code).c_str(), ctx)) e.fixed_text = o.name;
    }
  }
  if (button(tr("editor.import.fixed_ok"), "import.fixed.ok", ctx))
    attempt(e, ctx, [&] {
      r.set_fixed(k, e.fixed_text, e.store->catalog());
      e.import_fixed.reset();
      return std::string();
    });
}

// A proposed town indicator of one blank: what it would be, and a new name for it.
void proposal_lines(Editor& e, Context& ctx, size_t k) {
  editor::ImportReview& r = *e.review;
  const summary::ProposedIndicator& p = *r.items()[k].blank.proposed;
  const std::string text = tr("editor.import.proposed", {{"name", p.name}, {"unit", p.unit},
                                                         {"level", tr(p.level == Level::Town ? "editor.import.level_town" : "editor.import.level_village")},
                                                         {"section", p.section_name}});
  ctx.need_text(text);
  ui::paragraph(text, ui::color::warn);
  if (e.import_rename != k) {
    if (button(tr("editor.import.rename"), ("import.rename." + std::to_string(k)).c_str(), ctx)) {
      e.import_rename = k;
      e.rename_text = p.name;
    }
    return;
  }
  ImGui::SetNextItemWidth(ctx.narrow ? -FLT_MIN : ui::em(16));
  ImGui::InputText("##rename", &e.rename_text);
  ui::mark("import.rename.input");
  if (button(tr("editor.import.fixed_ok"), "import.rename.ok", ctx))
    attempt(e, ctx, [&] {
      r.rename_proposal(k, e.rename_text, e.store->catalog());
      e.import_rename.reset();
      return std::string();
    });
}

// One step for every proposal: the town's new indicators are defined (admins only) and bound.
void accept_all(Editor& e, Context& ctx) {
  editor::ImportReview& r = *e.review;
  const size_t open = r.open_proposals();
  if (open == 0) return;
  if (!e.actor || e.actor->role != Role::Admin) {
    ui::muted(tr("editor.import.accept_admin_only", {{"count", std::to_string(open)}}));
    return;
  }
  if (!button(tr("editor.import.accept_all", {{"count", std::to_string(open)}}), "import.accept_all", ctx)) return;
  attempt(e, ctx, [&] {
    const size_t bound = r.accept_proposals(*e.store, *e.actor);
    for (const auto& it : r.items()) ctx.need_text(it.expression);
    return tr("editor.import.accepted", {{"count", std::to_string(bound)}});
  });
}

}  // namespace

void import_dialog(Editor& e, Context& ctx) {
  ui::paragraph(tr("editor.import.title"));
  bool read = false;
  if (platform::files_through_browser()) {
    // The browser: the picker copies the chosen file into the app's storage; it is read at once.
    if (button(tr("editor.import.pick"), "import.pick", ctx)) platform::pick_files(".docx,.txt");
    for (const std::string& path : platform::take_picked_files()) {
      e.import_path = path;
      read = true;
    }
  } else {
    ImGui::SetNextItemWidth(-FLT_MIN);
    ImGui::InputTextWithHint("##path", tr("editor.import.hint").c_str(), &e.import_path);
    ui::mark("import.path");
    read = button(tr("editor.import.read"), "import.read", ctx);
  }
  if (read) {
    try {
      e.review = editor::ImportReview::open(trim(e.import_path), e.store->catalog());
      e.message = tr("editor.import.read_done", {{"blanks", std::to_string(e.review->items().size())},
                                                 {"removed", std::to_string(e.review->result().removed_lines.size())}});
      e.message_error = false;
      for (const auto& it : e.review->items()) ctx.need_text(it.blank.context + it.expression + it.blank.caution);
      for (const auto& l : e.review->result().removed_lines) ctx.need_text(l);
    } catch (const std::exception& err) {
      e.review.reset();
      e.message = failure_text(err, true);
      e.message_error = true;
    }
    ctx.need_text(e.message);
  }
  show_message(e);
  if (!e.review) {
    if (button(tr("editor.dialog.cancel"), "import.cancel", ctx)) close(e);
    return;
  }
  editor::ImportReview& r = *e.review;
  const bool removed_open = ImGui::TreeNode(tr("editor.import.removed", {{"count", std::to_string(r.result().removed_lines.size())}}).c_str());
  ui::mark("import.removed");
  if (removed_open) {
    // A line taken for the vendor's that is content after all: one tap keeps it.
    std::optional<size_t> keep;
    for (size_t i = 0; i < r.result().removed_lines.size(); ++i) {
      // The button first: the line wraps to the dialog's width and would push it out of sight.
      if (r.can_keep(i)) {
        ImGui::PushID(int(i));  // every button says 保留: the line's number tells them apart
        if (button(tr("editor.import.keep"), ("import.keep." + std::to_string(i)).c_str(), ctx)) keep = i;
        ImGui::PopID();
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
      }
      ui::muted(r.result().removed_lines[i]);
    }
    ImGui::TreePop();
    if (keep) {
      const std::string line = r.result().removed_lines[*keep];
      r.keep_line(*keep, e.store->catalog());
      e.message = tr("editor.import.kept", {{"line", line}});
      e.message_error = false;
      for (const auto& it : r.items()) ctx.need_text(it.blank.context + it.expression + it.blank.caution);
      ctx.need_text(e.message);
    }
  }
  accept_all(e, ctx);
  if (e.import_target && *e.import_target < r.items().size()) {
    // Choosing the indicator of one blank: the search above the list, always in view.
    const size_t k = *e.import_target;
    ui::paragraph(tr("editor.import.choose", {{"index", std::to_string(r.items()[k].blank.index + 1)}}), ui::color::warn);
    if (const Indicator* ind = search_list(e, ctx, ui::em(7))) {
      r.choose(k, *ind);
      e.import_target.reset();
    }
  }
  // As many blanks in view as the screen allows beside the rest of the dialog (path, search, buttons).
  const float list_h = std::max(ui::em(ctx.narrow ? 20 : 13), ImGui::GetMainViewport()->WorkSize.y - ui::em(e.import_target ? 26 : 18));
  ImGui::BeginChild("##blanks", ImVec2(0, list_h), true);
  for (size_t k = 0; k < r.items().size(); ++k) {
    const editor::ReviewItem& it = r.items()[k];
    ImGui::PushID(int(k));
    ui::paragraph(tr("editor.import.blank", {{"index", std::to_string(it.blank.index + 1)},
                                             {"kind", tr("summary.import.kind." + std::string(summary::to_string(it.blank.kind)))},
                                             {"context", it.blank.context}}));
    const std::string proposal = tr("editor.import.proposal", {{"expression", it.expression},
                                                               {"confidence", format_number(it.blank.confidence * 100, 0)}});
    ui::paragraph(proposal, it.confirmed ? ui::color::ok : ui::color::warn);
    // An unbound blank's note already says why; a bound one says why the likelier one was not taken.
    if (!it.blank.caution.empty() && !it.blank.indicator.empty()) ui::paragraph(tr("editor.import.caution", {{"caution", it.blank.caution}}), ui::color::warn);
    if (it.blank.proposed && !it.confirmed) proposal_lines(e, ctx, k);
    if (button(it.confirmed ? tr("editor.import.confirmed") : tr("editor.import.confirm"),
               ("import.confirm." + std::to_string(k)).c_str(), ctx))
      r.confirm(k, !it.confirmed);
    ImGui::SameLine();
    if (button(tr("editor.import.change"), ("import.change." + std::to_string(k)).c_str(), ctx)) {
      e.import_target = e.import_target == k ? std::nullopt : std::optional<size_t>(k);
      e.query.clear();
      e.run_search();
    }
    if (!ctx.narrow) ImGui::SameLine();
    if (button(tr("editor.import.fixed"), ("import.fixed." + std::to_string(k)).c_str(), ctx)) {
      e.import_fixed = e.import_fixed == k ? std::nullopt : std::optional<size_t>(k);
      e.fixed_text.clear();
    }
    if (e.import_fixed == k) fixed_value_form(e, ctx, k);
    ImGui::Separator();
    ImGui::PopID();
  }
  ui::drag_to_scroll();
  ImGui::EndChild();
  ui::muted(tr("editor.import.count", {{"confirmed", std::to_string(r.confirmed())}, {"total", std::to_string(r.items().size())}}));
  if (button(tr("editor.import.apply"), "import.apply", ctx)) {
    try {
      summary::Template t = r.build(e.store->catalog());
      e.editing.reset();
      const std::string label = to_utf8(from_utf8(trim(e.import_path)).filename());
      e.templates->add_save_point(t, editor::SaveKind::Import, label, e.who());
      e.tpl = std::move(t);
      e.session_saved = true;
      e.selected = 0;
      e.changed(false);
      e.message = tr("editor.import.applied", {{"file", label}});
      e.message_error = false;
      e.review.reset();
      close(e);
      return;
    } catch (const std::exception& err) {
      e.message = failure_text(err, true);
      e.message_error = true;
    }
  }
  ImGui::SameLine();
  if (button(tr("editor.dialog.cancel"), "import.cancel", ctx)) {
    e.review.reset();
    close(e);
  }
}

}  // namespace jiceng::gui::summary_editor::dialog
