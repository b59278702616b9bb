#include "summary/editor/TemplateStore.hpp"

#include <nlohmann/json.hpp>

#include "base/Sql.hpp"
#include "base/Strings.hpp"

namespace jiceng::editor {
namespace {

constexpr std::string_view kKinds[] = {"manual", "auto", "import", "restore"};

SaveKind parse_kind(std::string_view s) {
  for (size_t i = 0; i < std::size(kKinds); ++i)
    if (kKinds[i] == s) return SaveKind(i);
  return SaveKind::Manual;
}

// A savepoint transaction that works inside or outside the store's own transaction, and does not
// bump the store's revision (a template is not figure data).
template <class F>
void atomically(sqlite3* db, F&& fn) {
  sql::exec(db, "SAVEPOINT jiceng_template");
  try {
    fn();
  } catch (...) {
    sql::exec(db, "ROLLBACK TO jiceng_template");
    sql::exec(db, "RELEASE jiceng_template");
    throw;
  }
  sql::exec(db, "RELEASE jiceng_template");
}

}  // namespace

void TemplateStore::require_editor(const Actor& actor) {
  if (actor.role != Role::Leader && actor.role != Role::Admin)
    throw InputError(tr("editor.store.refused", {{"user", actor.user}, {"role", label(actor.role)}}));
}

std::string_view to_string(SaveKind k) { return kKinds[size_t(k)]; }

TemplateStore::TemplateStore(Store& store, std::string name) : store_(store), name_(std::move(name)) {}

bool TemplateStore::has_working() const {
  sql::Stmt q(store_.handle(), "SELECT 1 FROM summary_templates WHERE name = ?");
  q.bind(1, name_);
  return q.step();
}

std::string TemplateStore::working_text() const {
  sql::Stmt q(store_.handle(), "SELECT text FROM summary_templates WHERE name = ?");
  q.bind(1, name_);
  if (q.step()) return q.text(0);
  return summary::Template::builtin(store_.catalog()).to_text();
}

summary::Template TemplateStore::load() const {
  if (!has_working()) return summary::Template::builtin(store_.catalog());
  return summary::Template::parse(working_text(), tr("editor.store.source"), store_.catalog());
}

void TemplateStore::save_working(const summary::Template& t, const Actor& actor) {
  require_editor(actor);
  sql::Stmt q(store_.handle(),
              "INSERT INTO summary_templates(name, text, updated_at, updated_by) VALUES(?, ?, ?, ?) "
              "ON CONFLICT(name) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at, "
              "updated_by = excluded.updated_by");
  q.bind(1, name_).bind(2, t.to_text()).bind(3, now_iso()).bind(4, actor.user);
  q.run();
}

void TemplateStore::reset_to_default(const Actor& actor) {
  require_editor(actor);
  atomically(store_.handle(), [&] {
    if (has_working()) add_save_point(load(), SaveKind::Restore, tr("editor.history.before_reset"), actor);
    sql::Stmt q(store_.handle(), "DELETE FROM summary_templates WHERE name = ?");
    q.bind(1, name_);
    q.run();
    clear_pending();
    store_.record_audit({0, {}, actor.user, actor.device, "summary_reset", std::nullopt, {}, {}, {}, {}, {},
                         nlohmann::json{{"template", name_}}.dump()});
  });
}

int64_t TemplateStore::add_save_point(const summary::Template& t, SaveKind kind, const std::string& label,
                                      const Actor& actor) {
  require_editor(actor);
  int64_t id = 0;
  atomically(store_.handle(), [&] {
    save_working(t, actor);
    sql::Stmt q(store_.handle(),
                "INSERT INTO summary_template_history(name, at, user, kind, label, text, blocks, placeholders) "
                "VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, name_).bind(2, now_iso()).bind(3, actor.user).bind(4, to_string(kind)).bind(5, label).bind(6, t.to_text());
    q.bind(7, int64_t(t.blocks().size())).bind(8, int64_t(t.placeholder_count()));
    q.run();
    id = sql::scalar_int(store_.handle(), "SELECT last_insert_rowid()");
    // The session's automatic point is bookkeeping; the versions a person makes are history.
    if (kind != SaveKind::Auto)
      store_.record_audit({0, {}, actor.user, actor.device, "summary_version", std::nullopt, {}, {}, {}, {}, {},
                           nlohmann::json{{"template", name_}, {"id", id}, {"kind", to_string(kind)}, {"label", label}}.dump()});
  });
  return id;
}

std::vector<SavePoint> TemplateStore::save_points() const {
  sql::Stmt q(store_.handle(),
              "SELECT id, at, user, kind, label, blocks, placeholders FROM summary_template_history "
              "WHERE name = ? ORDER BY id DESC");
  q.bind(1, name_);
  std::vector<SavePoint> out;
  while (q.step())
    out.push_back(SavePoint{q.int64(0), q.text(1), q.text(2), parse_kind(q.text(3)), q.text(4), size_t(q.int64(5)),
                            size_t(q.int64(6))});
  return out;
}

std::string TemplateStore::save_point_text(int64_t id) const {
  sql::Stmt q(store_.handle(), "SELECT text FROM summary_template_history WHERE name = ? AND id = ?");
  q.bind(1, name_).bind(2, id);
  if (!q.step()) throw InputError(tr("editor.history.no_such", {{"id", std::to_string(id)}}));
  return q.text(0);
}

summary::Template TemplateStore::restore(int64_t id, const Actor& actor) {
  require_editor(actor);
  const std::string text = save_point_text(id);
  // Parse first: a save point that no longer fits the catalog changes nothing.
  summary::Template t = summary::Template::parse(text, tr("editor.history.source", {{"id", std::to_string(id)}}),
                                                 store_.catalog());
  atomically(store_.handle(), [&] {
    add_save_point(load(), SaveKind::Restore, tr("editor.history.before_restore", {{"id", std::to_string(id)}}), actor);
    save_working(t, actor);
    clear_pending();
  });
  return t;
}

void TemplateStore::save_pending(const PendingEdit& e) {
  sql::Stmt q(store_.handle(),
              "INSERT INTO summary_template_drafts(name, block, text, at) VALUES(?, ?, ?, ?) "
              "ON CONFLICT(name) DO UPDATE SET block = excluded.block, text = excluded.text, at = excluded.at");
  q.bind(1, name_).bind(2, int64_t(e.block)).bind(3, e.text).bind(4, e.at.empty() ? now_iso() : e.at);
  q.run();
}

std::optional<PendingEdit> TemplateStore::pending() const {
  sql::Stmt q(store_.handle(), "SELECT block, text, at FROM summary_template_drafts WHERE name = ?");
  q.bind(1, name_);
  if (!q.step()) return std::nullopt;
  return PendingEdit{size_t(q.int64(0)), q.text(1), q.text(2)};
}

void TemplateStore::clear_pending() {
  sql::Stmt q(store_.handle(), "DELETE FROM summary_template_drafts WHERE name = ?");
  q.bind(1, name_);
  q.run();
}

}  // namespace jiceng::editor
