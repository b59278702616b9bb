#pragma once
// 总结编辑: the state of the section editor, shared by its panels (one file each):
// SummaryView.cpp (screen layout, toolbar), SummaryOutline.cpp (outline, section operations,
// unresolved list), SummaryText.cpp (paragraphs beside their live preview, figure details),
// SummaryDialogs.cpp (indicator picker, save points, export, X-template import review).
// The editor edits the summary engine's Template; the town's copy lives in its database.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "Context.hpp"
#include "export/Export.hpp"
#include "model/Figures.hpp"
#include "summary/Document.hpp"
#include "summary/editor/FigureInfo.hpp"
#include "summary/editor/ImportReview.hpp"
#include "summary/editor/IndicatorSearch.hpp"
#include "summary/editor/TemplateStore.hpp"
#include "summary/Template.hpp"
#include "widgets/EditorText.hpp"

namespace jiceng::gui {
class View;
}

namespace jiceng::gui::summary_editor {

// One entry of the outline: a range of template blocks (a heading and its own paragraphs, the
// opening before the first heading, or the closing signature).
struct OutlineEntry {
  std::string label;
  int level = 1;
  size_t first = 0, end = 0;
  bool heading = false;
};

enum class Dialog { None, Picker, SavePoint, History, Export, Import, Section, DeleteSection, FigureInfo };

class Editor {
 public:
  // ---- Data -----------------------------------------------------------------------------
  Store* store = nullptr;
  std::unique_ptr<editor::TemplateStore> templates;
  std::optional<summary::Template> tpl;
  std::shared_ptr<const YearFigures> figures;
  summary::Document doc;                 // the template rendered as a draft
  std::vector<int> doc_of_block;         // template block → doc block (-1: not rendered)
  std::vector<OutlineEntry> outline;
  std::string problem;                   // why the template could not be loaded
  std::unique_ptr<editor::IndicatorSearch> search;
  // Who is signed in, set by the view every frame: only a leader or an admin changes the template
  // (core refuses anyone else too); everybody else reads, previews and exports.
  std::optional<Actor> actor;
  // Text typed before the app was killed, waiting for someone who may edit to sign in.
  std::optional<editor::PendingEdit> recovered;

  // ---- Editing --------------------------------------------------------------------------
  size_t selected = 0;                   // outline entry shown
  std::optional<size_t> editing;         // template block being edited
  std::string buffer;                    // its text as typed
  std::string saved_text;                // its text when editing started (cancel goes back)
  std::string error;                     // why the buffer does not parse (「第 N 个字符：…」)
  int error_pos = -1;                    // character of the error within the buffer
  ui::WrappedInput input;
  bool pending_dirty = false;            // typed text not yet autosaved
  double last_change = 0;
  bool session_saved = false;            // an automatic save point was made before the first change
  std::optional<size_t> scroll_to;       // template block to bring into view
  std::string notice;                    // one line above the editor (「已恢复未保存的输入」)

  // ---- Dialogs --------------------------------------------------------------------------
  Dialog dialog = Dialog::None;
  bool dialog_opened = false;            // the popup was opened this frame (focus its field)
  std::string query;                     // picker search / expression
  std::vector<editor::SearchHit> hits;
  std::string picker_error;
  int picker_error_pos = -1;
  std::optional<size_t> import_target;   // picker chooses for an import blank instead of the text
  std::optional<size_t> import_fixed;    // import blank whose fixed value is being typed
  std::string fixed_text;                // that value as typed
  std::optional<size_t> import_rename;   // import blank whose proposed indicator is being renamed
  std::string rename_text;
  std::string label;                     // save point label, section name
  int section_level = 1;
  bool section_rename = false;
  std::vector<editor::SavePoint> points;
  exporter::Format export_format = exporter::Format::Docx;
  bool export_draft = false;
  std::string export_path;
  std::string message;                   // result of the last dialog action
  bool message_error = false;
  std::string import_path;
  std::optional<editor::ImportReview> review;
  std::optional<editor::FigureExplanation> info;

  // ---- Operations (SummaryEditor.cpp) ---------------------------------------------------
  // Loads the town's template (and any text typed before the app was killed).
  void load(Store& s);
  // The template or the figures changed: render again and rebuild the outline.
  void rerender();
  bool may_edit() const { return actor && (actor->role == Role::Admin || actor->role == Role::Leader); }
  // The signed-in actor, or nobody (whom the store refuses).
  Actor who() const;
  // The signed-in person changed: what was typed is kept under the one who typed it, then the
  // editor follows the new person (read-only for a clerk or nobody). Recovered text reappears
  // for someone who may edit.
  void set_actor(const Actor* a);
  // Applies a changed template: render, keep the working copy in the database.
  void changed(bool save);
  void begin_edit(size_t block);
  // The buffer changed: parse it, show the error or update the preview; autosave later.
  void buffer_changed(double now);
  void commit_edit();                    // writes the buffer into the template and the database
  void cancel_edit();
  void autosave(double now);             // writes typed text once it rests for a second
  void select_block(size_t block);       // selects the outline entry holding it and scrolls to it
  size_t entry_of(size_t block) const;
  void before_change();                  // the automatic save point of this session
  void run_search();
};

// Panels and dialogs.
void draw_outline(Editor& e, Context& ctx);
void draw_unresolved(Editor& e, Context& ctx);
void draw_section(Editor& e, Context& ctx);
void draw_dialogs(Editor& e, Context& ctx);
void open_dialog(Editor& e, Dialog d);

// Test hook: the editor behind the summary screen (nullptr for another view).
Editor* editor_of(View& v);

}  // namespace jiceng::gui::summary_editor
