// Store: the summary template's text, its versions and the paragraph being typed (schema v5).
#include <nlohmann/json.hpp>

#include "base/Sql.hpp"
#include "store/Store.hpp"

namespace jiceng {

using sql::Stmt;

std::optional<std::string> Store::template_text(const std::string& name) const {
  Stmt q(db_, "SELECT text FROM summary_templates WHERE name = ?");
  q.bind(1, name);
  if (!q.step()) return std::nullopt;
  return q.text(0);
}

void Store::save_template_text(const std::string& name, const std::string& text, const Actor& actor) {
  require_role(actor, {Role::Leader, Role::Admin});  // as the editor checks, so no caller can skip it
  text_transaction([&] {
    Stmt(db_, "INSERT INTO summary_templates(name, text, updated_at, updated_by) VALUES(?, ?, ?, ?) "
              "ON CONFLICT(name) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at, "
              "updated_by = excluded.updated_by")
        .bind(1, name).bind(2, text).bind(3, now_iso()).bind(4, actor.user).run();
  });
}

void Store::remove_template(const std::string& name, const Actor& actor) {
  require_role(actor, {Role::Leader, Role::Admin});
  text_transaction([&] {
    Stmt(db_, "DELETE FROM summary_templates WHERE name = ?").bind(1, name).run();
    clear_template_draft(name);
    audit({0, {}, actor.user, actor.device, "summary_reset", std::nullopt, {}, {}, {}, {}, {},
           nlohmann::json{{"template", name}}.dump()});
  });
}

int64_t Store::add_template_version(const std::string& name, const std::string& text, const TemplateVersion& v,
                                    const Actor& actor) {
  require_role(actor, {Role::Leader, Role::Admin});
  int64_t id = 0;
  text_transaction([&] {
    save_template_text(name, text, actor);
    Stmt(db_, "INSERT INTO summary_template_history(name, at, user, kind, label, text, blocks, placeholders) "
              "VALUES(?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, name).bind(2, now_iso()).bind(3, actor.user).bind(4, v.kind).bind(5, v.label).bind(6, text)
        .bind(7, int64_t(v.blocks)).bind(8, int64_t(v.placeholders)).run();
    id = sql::scalar_int(db_, "SELECT last_insert_rowid()");
    // The session's automatic version is bookkeeping; the versions a person makes are history.
    if (v.kind != "auto")
      audit({0, {}, actor.user, actor.device, "summary_version", std::nullopt, {}, {}, {}, {}, {},
             nlohmann::json{{"template", name}, {"id", id}, {"kind", v.kind}, {"label", v.label}}.dump()});
  });
  return id;
}

std::vector<Store::TemplateVersion> Store::template_versions(const std::string& name) const {
  Stmt q(db_, "SELECT id, at, user, kind, label, blocks, placeholders FROM summary_template_history "
              "WHERE name = ? ORDER BY id DESC");
  q.bind(1, name);
  std::vector<TemplateVersion> out;
  while (q.step())
    out.push_back(TemplateVersion{q.int64(0), q.text(1), q.text(2), q.text(3), q.text(4), size_t(q.int64(5)),
                                  size_t(q.int64(6))});
  return out;
}

std::optional<std::string> Store::template_version_text(const std::string& name, int64_t id) const {
  Stmt q(db_, "SELECT text FROM summary_template_history WHERE name = ? AND id = ?");
  q.bind(1, name).bind(2, id);
  if (!q.step()) return std::nullopt;
  return q.text(0);
}

void Store::save_template_draft(const std::string& name, const TemplateDraft& d) {
  text_transaction([&] {
    Stmt(db_, "INSERT INTO summary_template_drafts(name, block, text, at) VALUES(?, ?, ?, ?) "
              "ON CONFLICT(name) DO UPDATE SET block = excluded.block, text = excluded.text, at = excluded.at")
        .bind(1, name).bind(2, int64_t(d.block)).bind(3, d.text).bind(4, d.at.empty() ? now_iso() : d.at).run();
  });
}

std::optional<Store::TemplateDraft> Store::template_draft(const std::string& name) const {
  Stmt q(db_, "SELECT block, text, at FROM summary_template_drafts WHERE name = ?");
  q.bind(1, name);
  if (!q.step()) return std::nullopt;
  return TemplateDraft{size_t(q.int64(0)), q.text(1), q.text(2)};
}

void Store::clear_template_draft(const std::string& name) {
  text_transaction([&] { Stmt(db_, "DELETE FROM summary_template_drafts WHERE name = ?").bind(1, name).run(); });
}

}  // namespace jiceng
