#pragma once
// The town's summary template, kept by the store (store/Templates.cpp): the working copy the editor
// changes, save points to go back to, and the paragraph being typed, saved as it is typed so that
// nothing is lost when the app is killed. Without a working copy the town uses the built-in
// default template. These writes are not figures: they leave the store's revision alone, so no
// screen recomputes its figures because a sentence changed. Changing the template needs a leader or
// an admin (checked here, not only in the editor); each save point records who made it, and the
// ones a person names (save, import, restore, back to the default) leave an audit entry.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/Store.hpp"
#include "summary/Template.hpp"

namespace jiceng::editor {

enum class SaveKind { Manual, Auto, Import, Restore };
std::string_view to_string(SaveKind k);  // "manual", "auto", "import", "restore"

struct SavePoint {
  int64_t id = 0;
  std::string at;    // ISO 8601 UTC
  std::string user;
  SaveKind kind = SaveKind::Manual;
  std::string label;
  size_t blocks = 0;        // blocks of the template (headings, paragraphs, …)
  size_t placeholders = 0;
};

// Text typed into one block and not yet applied to the template.
struct PendingEdit {
  size_t block = 0;
  std::string text;
  std::string at;
};

class TemplateStore {
 public:
  explicit TemplateStore(Store& store, std::string name = "town");

  // The working template (the built-in default when the town has none). A stored text that no
  // longer parses (the catalog lost an indicator) throws InputError naming the line.
  summary::Template load() const;
  bool has_working() const;
  std::string working_text() const;
  // Throws InputError unless the actor is a leader or an admin.
  static void require_editor(const Actor& actor);
  // Replaces the working copy.
  void save_working(const summary::Template& t, const Actor& actor);
  // Drops the town's own template: the built-in default applies again (a save point keeps it).
  void reset_to_default(const Actor& actor);

  // A save point of `t` (also written as the working copy); returns its id.
  int64_t add_save_point(const summary::Template& t, SaveKind kind, const std::string& label, const Actor& actor);
  std::vector<SavePoint> save_points() const;  // newest first
  std::string save_point_text(int64_t id) const;  // throws InputError when there is no such point
  // Makes a save point the working copy again; the copy it replaces is kept as a save point first,
  // so a restore can itself be undone. Returns the restored template.
  summary::Template restore(int64_t id, const Actor& actor);

  void save_pending(const PendingEdit& e);
  std::optional<PendingEdit> pending() const;
  void clear_pending();

 private:
  Store& store_;
  std::string name_;
};

}  // namespace jiceng::editor
