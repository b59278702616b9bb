#include "views/SettingsUsers.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "store/Store.hpp"
#include "widgets/SettingsForm.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui {
namespace {

using Mode = UsersForm::Mode;

void load(Context& ctx, UsersForm& f) {
  f.loaded_revision = ctx.store->revision();
  f.loaded_generation = ctx.generation;
  f.users = list_users(*ctx.store);
  f.units.clear();
  for (const auto& o : ctx.store->orgs())
    if (is_reporting_unit(o.kind)) f.units.push_back(o);
  for (const auto& u : f.users) {
    ctx.need_text(u.name);
    ctx.need_text(u.login);
  }
}

std::string org_names(const Context& ctx, const User& u) {
  if (u.role != Role::Clerk) return tr("users.all_orgs");
  if (u.orgs.empty()) return tr("users.no_orgs");
  std::string out;
  for (OrgId id : u.orgs)
    if (auto o = ctx.store->org(id)) out += (out.empty() ? "" : tr("cli.user.sep")) + o->name;
  return out;
}

bool last_active_admin(const UsersForm& f, const User& u) {
  if (u.role != Role::Admin || !u.active) return false;
  return std::count_if(f.users.begin(), f.users.end(), [](const User& x) { return x.role == Role::Admin && x.active; }) == 1;
}

void done(Context& ctx, UsersForm& f, const std::string& notice) {
  f.mode = Mode::None;
  f.pin.clear();
  f.confirm.clear();
  f.error.clear();
  f.notice = notice;
  f.notice_error = false;
  ctx.need_text(notice);
  load(ctx, f);
}

void refused(Context& ctx, UsersForm& f, const std::exception& e) {
  f.error = failure_text(e);  // the message names the field; nothing was written, the form keeps what was typed
  f.scroll_to_error = true;
  ctx.need_text(f.error);
}

void show_error(UsersForm& f) {
  if (f.error.empty()) return;
  ui::paragraph(f.error, ui::color::accent);
  ui::mark("users.form.error");
  if (f.scroll_to_error) ImGui::SetScrollHereY(0.5f);
  f.scroll_to_error = false;
}

void pin_fields(UsersForm& f) {
  const ImGuiInputTextFlags pin = ImGuiInputTextFlags_Password | ImGuiInputTextFlags_CharsDecimal;
  ui::text_field("users.new_pin", "##pin", &f.pin, pin, "users.form.pin");
  ui::text_field("users.new_pin_confirm", "##pin2", &f.confirm, pin, "users.form.pin2");
  ui::muted(tr("setup.pin_rules"));
}

// The form of a user being added or edited: name, login (new users only), role, a clerk's units,
// the PIN (new users only).
void draw_form(Context& ctx, UsersForm& f, const Actor& actor) {
  ImGui::PushID("form");
  ImGui::Indent(ui::em(0.8f));
  const bool adding = f.mode == Mode::Add;
  ui::heading(adding ? tr("users.add_title") : tr("users.edit_title", {{"name", f.draft.name}, {"login", f.draft.login}}));
  if (f.scroll_to_form) ImGui::SetScrollHereY(0.0f);
  f.scroll_to_form = false;
  ui::text_field("users.col.name", "##name", &f.draft.name, 0, "users.form.name");
  if (adding) ui::text_field("users.col.login", "##login", &f.draft.login, ImGuiInputTextFlags_CharsNoBlank, "users.form.login");
  ImGui::TextUnformatted(tr("users.role").c_str());
  bool first = true;
  for (Role r : {Role::Clerk, Role::Leader, Role::Admin}) {
    const std::string key = std::string(to_string(r));
    if (!first) ImGui::SameLine(0, ui::em(1));
    if (!first && ImGui::GetContentRegionAvail().x < ui::em(6)) ImGui::NewLine();
    first = false;
    if (ImGui::RadioButton(tr("users.role." + key).c_str(), f.draft.role == r)) f.draft.role = r;
    ui::mark("users.form.role." + key);
  }
  if (f.draft.role == Role::Clerk) {
    ImGui::TextUnformatted(tr("users.orgs_pick").c_str());
    // Finger-sized check boxes in as many columns as the longest name allows, in the tree's order.
    float widest = ui::em(4);
    for (const auto& o : f.units) widest = std::max(widest, ImGui::CalcTextSize(o.name.c_str()).x);
    const ImGuiStyle& st = ImGui::GetStyle();
    const float cell = widest + ImGui::GetFrameHeight() + st.ItemInnerSpacing.x + st.CellPadding.x * 2 + ui::em(0.5f);
    const float avail = ImGui::GetContentRegionAvail().x - ui::em(0.6f);  // inside the card's edge
    const int cols = std::clamp(int(avail / cell), 1, 6);
    if (ImGui::BeginTable("##units", cols, ImGuiTableFlags_None, ImVec2(avail, 0))) {
      for (const auto& o : f.units) {
        ImGui::TableNextColumn();
        bool on = std::find(f.draft.orgs.begin(), f.draft.orgs.end(), o.id) != f.draft.orgs.end();
        if (ImGui::Checkbox(o.name.c_str(), &on)) {
          if (on) f.draft.orgs.push_back(o.id);
          else f.draft.orgs.erase(std::remove(f.draft.orgs.begin(), f.draft.orgs.end(), o.id), f.draft.orgs.end());
        }
        ui::mark("users.form.org." + o.code);
      }
      ImGui::EndTable();
    }
  } else {
    ui::muted(tr("users.orgs_only_clerk"));
  }
  if (adding) pin_fields(f);
  show_error(f);
  if (ui::form_button(tr("users.save"), "users.form.save", ctx)) {
    try {
      if (adding) {
        check_new_pin(f.pin, f.confirm, f.draft.role);
        add_user(*ctx.store, f.draft, f.pin, actor);
        const auto made = find_user(*ctx.store, f.draft.login);  // trimmed as stored
        const User& u = made ? *made : f.draft;
        done(ctx, f, tr("users.added", {{"name", u.name}, {"role", label(u.role)}, {"login", u.login}}));
      } else {
        update_user(*ctx.store, f.draft, actor);
        done(ctx, f, tr("users.saved", {{"name", f.draft.name}}));
      }
    } catch (const std::exception& e) {
      refused(ctx, f, e);
      f.pin.clear();
      f.confirm.clear();
    }
  }
  ImGui::SameLine();
  if (ui::form_button(tr("users.cancel"), "users.form.cancel", ctx)) f.mode = Mode::None;
  ImGui::Unindent(ui::em(0.8f));
  ImGui::PopID();
}

void draw_pin_form(Context& ctx, UsersForm& f, const Actor& actor) {
  ImGui::PushID("pin_form");
  ImGui::Indent(ui::em(0.8f));
  ui::paragraph(tr("users.reset_pin_title", {{"name", f.draft.name}}));
  if (f.scroll_to_form) ImGui::SetScrollHereY(0.0f);
  f.scroll_to_form = false;
  pin_fields(f);
  show_error(f);
  if (ui::form_button(tr("users.reset_pin_save"), "users.form.save", ctx)) {
    try {
      check_new_pin(f.pin, f.confirm, f.draft.role);
      set_user_pin(*ctx.store, f.draft.id, f.pin, actor);
      done(ctx, f, tr("users.pin_reset_done", {{"name", f.draft.name}}));
    } catch (const std::exception& e) {
      refused(ctx, f, e);
      f.pin.clear();
      f.confirm.clear();
    }
  }
  ImGui::SameLine();
  if (ui::form_button(tr("users.cancel"), "users.form.cancel", ctx)) f.mode = Mode::None;
  ImGui::Unindent(ui::em(0.8f));
  ImGui::PopID();
}

void open(UsersForm& f, Mode m, const User& u) {
  f.mode = m;
  f.draft = u;
  f.pin.clear();
  f.confirm.clear();
  f.error.clear();
  f.notice.clear();
  f.scroll_to_form = true;
}

void draw_user(Context& ctx, UsersForm& f, const User& u, const Actor* admin, const Actor& viewer) {
  ImGui::PushID(int(u.id));
  const bool you = viewer.user == u.name && viewer.role == u.role;
  const std::string head = tr("users.row", {{"name", u.name}, {"you", you ? tr("users.you") : std::string()}, {"login", u.login}});
  ImGui::TextUnformatted(head.c_str());
  ui::mark("users.row." + u.login);
  ImGui::SameLine(0, ui::em(0.6f));
  ui::badge(label(u.role), u.role == Role::Admin ? ui::color::accent : ui::color::muted);
  if (!u.active) {
    ImGui::SameLine(0, ui::em(0.4f));
    ui::badge(tr("users.state.disabled"), ui::color::warn);
  }
  ui::muted(tr("users.orgs_line", {{"orgs", org_names(ctx, u)}}));
  if (admin) {
    const bool last = last_active_admin(f, u);
    bool first = true;
    if (ui::flow_button(tr("users.edit"), "users.edit." + u.login, ctx, first)) open(f, Mode::Edit, u);
    first = false;
    if (ui::flow_button(tr("users.reset_pin"), "users.pin." + u.login, ctx, first)) open(f, Mode::Pin, u);
    if (u.active) {
      // The last admin's button is off, with the reason beside it rather than a refusal later.
      if (ui::flow_button(tr("users.disable"), "users.disable." + u.login, ctx, first, !last)) {
        try {
          User changed = u;
          changed.active = false;
          update_user(*ctx.store, changed, *admin);
          done(ctx, f, tr("users.disabled_done", {{"name", u.name}}));
        } catch (const std::exception& e) {
          f.notice = failure_text(e);
          f.notice_error = true;
          ctx.need_text(f.notice);
        }
      }
    } else if (ui::flow_button(tr("users.enable"), "users.enable." + u.login, ctx, first)) {
      try {
        User changed = u;
        changed.active = true;
        update_user(*ctx.store, changed, *admin);
        done(ctx, f, tr("users.enabled_done", {{"name", u.name}}));
      } catch (const std::exception& e) {
        f.notice = failure_text(e);
        f.notice_error = true;
        ctx.need_text(f.notice);
      }
    }
    if (last) ui::muted(tr("users.last_admin_hint"));
    if (f.draft.id == u.id && f.mode == Mode::Edit) draw_form(ctx, f, *admin);
    if (f.draft.id == u.id && f.mode == Mode::Pin) draw_pin_form(ctx, f, *admin);
  }
  ImGui::PopID();
}

}  // namespace

void draw_users_settings(Context& ctx, UsersForm& f) {
  if (f.loaded_generation != ctx.generation) {
    f = UsersForm{};  // another town: its own people; nothing typed for the last one carries over
  }
  if (f.loaded_revision != ctx.store->revision() || f.loaded_generation != ctx.generation) load(ctx, f);
  ui::begin_card("users", tr("users.title"));
  ui::muted(tr("users.explain"));
  sign_in_prompt(ctx, tr("users.sign_in_why"));
  const Actor* actor = signed_in(ctx);
  if (!ctx.users_notice.empty()) {  // from the first-admin step
    f.notice = ctx.users_notice;
    f.notice_error = false;
    ctx.users_notice.clear();
  }
  if (!f.notice.empty()) {
    ui::paragraph(f.notice, f.notice_error ? ui::color::accent : ui::color::ok);
    ui::mark("users.notice");
  }
  if (!actor) {
    ui::muted(tr("users.signed_out"));
    ui::mark("users.read_only");
    f.mode = Mode::None;
    ui::end_card();
    return;
  }
  const Actor* admin = actor->role == Role::Admin ? actor : nullptr;
  if (!admin) {
    ui::paragraph(tr("users.read_only", {{"user", actor->user}, {"role", label(actor->role)}}), ui::color::warn);
    ui::mark("users.read_only");
    f.mode = Mode::None;
  }
  ImGui::Spacing();
  if (admin) {
    if (ui::form_button(tr("users.add"), "users.add", ctx)) {
      User fresh;
      fresh.id = 0;
      fresh.role = Role::Clerk;
      open(f, Mode::Add, fresh);
    }
    if (f.mode == Mode::Add) draw_form(ctx, f, *admin);
  }
  ui::card_rule();
  // A copy: a change reloads the list while it is drawn.
  const std::vector<User> users = f.users;
  for (const auto& u : users) {
    draw_user(ctx, f, u, admin, *actor);
    ui::card_rule();
  }
  ui::end_card();
}

}  // namespace jiceng::gui
