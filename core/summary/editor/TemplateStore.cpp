#include "summary/editor/TemplateStore.hpp"

#include "base/Strings.hpp"

namespace jiceng::editor {
namespace {

constexpr std::string_view kKinds[] = {"manual", "auto", "import", "restore"};

SaveKind parse_kind(std::string_view s) {
  for (size_t i = 0; i < std::size(kKinds); ++i)
    if (kKinds[i] == s) return SaveKind(i);
  return SaveKind::Manual;
}

}  // namespace

void TemplateStore::require_editor(const Actor& actor) {
  if (actor.role != Role::Leader && actor.role != Role::Admin)
    throw InputError(tr("editor.store.refused", {{"user", actor.user}, {"role", label(actor.role)}}));
}

std::string_view to_string(SaveKind k) { return kKinds[size_t(k)]; }

TemplateStore::TemplateStore(Store& store, std::string name) : store_(store), name_(std::move(name)) {}

bool TemplateStore::has_working() const { return store_.template_text(name_).has_value(); }

std::string TemplateStore::working_text() const {
  if (auto text = store_.template_text(name_)) return *text;
  return summary::Template::builtin(store_.catalog()).to_text();
}

summary::Template TemplateStore::load() const {
  auto text = store_.template_text(name_);
  if (!text) return summary::Template::builtin(store_.catalog());
  return summary::Template::parse(*text, tr("editor.store.source"), store_.catalog());
}

void TemplateStore::save_working(const summary::Template& t, const Actor& actor) {
  require_editor(actor);
  store_.save_template_text(name_, t.to_text(), actor);
}

void TemplateStore::reset_to_default(const Actor& actor) {
  require_editor(actor);
  store_.text_transaction([&] {
    if (has_working()) add_save_point(load(), SaveKind::Restore, tr("editor.history.before_reset"), actor);
    store_.remove_template(name_, actor);
  });
}

int64_t TemplateStore::add_save_point(const summary::Template& t, SaveKind kind, const std::string& label,
                                      const Actor& actor) {
  require_editor(actor);
  Store::TemplateVersion v;
  v.kind = std::string(to_string(kind));
  v.label = label;
  v.blocks = t.blocks().size();
  v.placeholders = t.placeholder_count();
  return store_.add_template_version(name_, t.to_text(), v, actor);
}

std::vector<SavePoint> TemplateStore::save_points() const {
  std::vector<SavePoint> out;
  for (auto& v : store_.template_versions(name_))
    out.push_back(SavePoint{v.id, v.at, v.user, parse_kind(v.kind), v.label, v.blocks, v.placeholders});
  return out;
}

std::string TemplateStore::save_point_text(int64_t id) const {
  auto text = store_.template_version_text(name_, id);
  if (!text) throw InputError(tr("editor.history.no_such", {{"id", std::to_string(id)}}));
  return *text;
}

summary::Template TemplateStore::restore(int64_t id, const Actor& actor) {
  require_editor(actor);
  const std::string text = save_point_text(id);
  // Parse first: a save point that no longer fits the catalog changes nothing.
  summary::Template t = summary::Template::parse(text, tr("editor.history.source", {{"id", std::to_string(id)}}),
                                                 store_.catalog());
  store_.text_transaction([&] {
    add_save_point(load(), SaveKind::Restore, tr("editor.history.before_restore", {{"id", std::to_string(id)}}), actor);
    save_working(t, actor);
    clear_pending();
  });
  return t;
}

void TemplateStore::save_pending(const PendingEdit& e) { store_.save_template_draft(name_, {e.block, e.text, e.at}); }

std::optional<PendingEdit> TemplateStore::pending() const {
  auto d = store_.template_draft(name_);
  if (!d) return std::nullopt;
  return PendingEdit{d->block, d->text, d->at};
}

void TemplateStore::clear_pending() { store_.clear_template_draft(name_); }

}  // namespace jiceng::editor
