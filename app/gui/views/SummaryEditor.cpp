// The section editor's operations: loading the town's template, rendering the live preview,
// editing one paragraph at a time with autosave, and the outline it is navigated by.
#include <imgui.h>

#include "base/Strings.hpp"
#include "base/Text.hpp"
#include "summary/Renderer.hpp"
#include "summary/SummaryContext.hpp"
#include "views/SummaryEditor.hpp"

namespace jiceng::gui::summary_editor {

using summary::BlockKind;

void Editor::load(Store& s) {
  store = &s;
  templates = std::make_unique<editor::TemplateStore>(s);
  search = std::make_unique<editor::IndicatorSearch>(s.catalog());
  tpl.reset();
  problem.clear();
  editing.reset();
  session_saved = false;
  selected = 0;
  notice.clear();
  recovered.reset();
  actor.reset();  // another town: its own people; the view tells who is signed in on the next frame
  try {
    tpl = templates->load();
  } catch (const InputError& e) {
    problem = e.describe();
    return;
  }
  // Text typed before the app was killed comes back into its paragraph, still being edited, once
  // someone who may edit is signed in.
  if (auto p = templates->pending(); p && p->block < tpl->blocks().size()) {
    recovered = p;
    notice = tr("editor.notice.recovered_later", {{"at", p->at}});
  }
}

Actor Editor::who() const {
  if (actor) return *actor;
  return Actor{tr("editor.nobody"), {}, Role::Clerk, {}};
}

void Editor::set_actor(const Actor* a) {
  const bool same = (!a && !actor) || (a && actor && a->user == actor->user && a->role == actor->role);
  if (!same) {
    if (editing && may_edit()) commit_edit();  // under the one who typed it
    editing.reset();
    error.clear();
    pending_dirty = false;
    session_saved = false;  // the next person's first change gets its own automatic point
    if (a) actor = *a;
    else actor.reset();
  }
  if (recovered && may_edit()) {
    const editor::PendingEdit p = *recovered;
    recovered.reset();
    begin_edit(p.block);
    buffer = p.text;
    buffer_changed(0);
    pending_dirty = false;
    notice = tr("editor.notice.recovered", {{"at", p.at}});
  } else if (recovered) {
    notice = tr("editor.notice.recovered_later", {{"at", recovered->at}});
  }
}

void Editor::rerender() {
  doc = {};
  doc_of_block.clear();
  outline.clear();
  if (!tpl || !figures) return;
  doc = summary::render(*tpl, *figures, summary::RenderOptions{true});
  doc_of_block.assign(tpl->blocks().size(), -1);
  for (size_t i = 0; i < doc.blocks.size(); ++i) doc_of_block[doc.blocks[i].source] = int(i);

  const auto& blocks = tpl->blocks();
  auto is_heading = [&](size_t i) { return blocks[i].kind == BlockKind::Heading; };
  auto is_signature = [&](size_t i) { return blocks[i].kind == BlockKind::Signature; };
  size_t i = 0;
  while (i < blocks.size() && !is_heading(i) && !is_signature(i)) ++i;
  if (i > 0) {
    const std::string title = doc.title();
    outline.push_back(OutlineEntry{title.empty() ? tr("editor.outline.opening") : title, 1, 0, i, false});
  }
  while (i < blocks.size()) {
    size_t end = i + 1;
    if (is_signature(i)) {
      while (end < blocks.size() && !is_heading(end)) ++end;
      outline.push_back(OutlineEntry{tr("editor.outline.closing"), 1, i, end, false});
    } else {
      while (end < blocks.size() && !is_heading(end) && !is_signature(end)) ++end;
      const int d = doc_of_block[i];
      std::string label = d >= 0 ? doc.blocks[size_t(d)].text() : blocks[i].text;
      outline.push_back(OutlineEntry{label, blocks[i].level, i, end, true});
    }
    i = end;
  }
  if (selected >= outline.size()) selected = outline.empty() ? 0 : outline.size() - 1;
}

size_t Editor::entry_of(size_t block) const {
  for (size_t k = 0; k < outline.size(); ++k)
    if (block >= outline[k].first && block < outline[k].end) return k;
  return 0;
}

void Editor::select_block(size_t block) {
  selected = entry_of(block);
  scroll_to = block;
}

void Editor::before_change() {
  if (session_saved || !tpl || !may_edit()) return;
  templates->add_save_point(*tpl, editor::SaveKind::Auto, tr("editor.history.session"), who());
  session_saved = true;
}

void Editor::changed(bool save) {
  rerender();
  if (save && tpl && may_edit()) templates->save_working(*tpl, who());
}

void Editor::begin_edit(size_t block) {
  if (editing && *editing != block) commit_edit();
  if (!tpl || block >= tpl->blocks().size() || !may_edit()) return;
  editing = block;
  buffer = saved_text = tpl->blocks()[block].text;
  error.clear();
  error_pos = -1;
  input = ui::WrappedInput{};
  input.cursor = buffer.size();
  input.focus = true;
  select_block(block);
}

void Editor::buffer_changed(double now) {
  if (!editing || !tpl) return;
  pending_dirty = true;
  last_change = now;
  try {
    summary::parse_segments(buffer, store->catalog());
  } catch (const ExprError& e) {
    error_pos = e.position;
    error = tr("editor.error.at", {{"column", std::to_string(e.position + 1)}, {"reason", e.what()}});
    return;
  }
  error.clear();
  error_pos = -1;
  // Live preview: the template in memory follows every valid keystroke.
  tpl->set_text(*editing, buffer, store->catalog());
  rerender();
}

void Editor::autosave(double now) {
  if (!pending_dirty || !editing || now - last_change < 1.0) return;
  templates->save_pending(editor::PendingEdit{*editing, buffer, {}});
  pending_dirty = false;
}

void Editor::commit_edit() {
  if (!editing || !tpl || !may_edit()) return;
  if (error.empty() && buffer != saved_text) {
    // The template holds saved_text's replacement already; the save point keeps the old one.
    summary::Template before = *tpl;
    before.set_text(*editing, saved_text, store->catalog());
    if (!session_saved) {
      templates->add_save_point(before, editor::SaveKind::Auto, tr("editor.history.session"), who());
      session_saved = true;
    }
    tpl->set_text(*editing, buffer, store->catalog());
    templates->save_working(*tpl, who());
    saved_text = buffer;
  }
  if (error.empty()) templates->clear_pending();
  else templates->save_pending(editor::PendingEdit{*editing, buffer, {}});
  pending_dirty = false;
  rerender();
}

void Editor::cancel_edit() {
  if (!editing || !tpl) return;
  tpl->set_text(*editing, saved_text, store->catalog());
  templates->clear_pending();
  editing.reset();
  error.clear();
  pending_dirty = false;
  rerender();
}

void Editor::run_search() {
  hits = search ? search->search(trim(query), 200) : std::vector<editor::SearchHit>{};
  picker_error.clear();
  picker_error_pos = -1;
  // What is typed may also be an expression: say where and why it does not parse.
  const std::string q = trim(query);
  if (q.empty() || !store) return;
  size_t bar = q.find('|');
  if (bar == std::string::npos) bar = q.find("｜");
  const std::string expr = trim(q.substr(0, bar));
  try {
    if (expr.empty()) throw ExprError(tr("editor.error.empty_expression"), 0);
    summary::validate_expression(Expr::parse(expr), store->catalog());
  } catch (const ExprError& e) {
    picker_error_pos = e.position + int(utf8_length(q.substr(0, q.find(expr))));
    picker_error = tr("editor.error.at", {{"column", std::to_string(picker_error_pos + 1)}, {"reason", e.what()}});
    return;
  }
  if (bar != std::string::npos) {
    const size_t skip = q.compare(bar, 1, "|") == 0 ? 1 : std::string("｜").size();
    const std::string fmt = trim(q.substr(bar + skip));
    if (!summary::parse_format_name(fmt)) {
      std::string known;
      for (const auto& n : summary::format_names()) known += (known.empty() ? "" : tr("editor.list_sep")) + n;
      picker_error_pos = int(utf8_length(q.substr(0, bar))) + 1;
      picker_error = tr("editor.error.at", {{"column", std::to_string(picker_error_pos + 1)},
                                            {"reason", tr("editor.error.format", {{"name", fmt}, {"known", known}})}});
    }
  }
}

}  // namespace jiceng::gui::summary_editor
