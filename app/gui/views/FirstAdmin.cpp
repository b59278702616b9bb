#include "views/FirstAdmin.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "store/Users.hpp"
#include "Towns.hpp"
#include "views/SignIn.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui {

bool first_admin_needed(Context& ctx, FirstAdminForm& f) {
  if (!ctx.store) return false;
  if (f.checked_generation != ctx.generation) {
    f = FirstAdminForm{};  // another town: nothing typed for the last one carries over
    f.checked_generation = ctx.generation;
  }
  if (f.checked_revision != ctx.store->revision()) {
    f.checked_revision = ctx.store->revision();
    f.needed = needs_first_admin(*ctx.store);
  }
  return f.needed;
}

void draw_first_admin(Context& ctx, FirstAdminForm& f) {
  // One column as wide as a phone's form at most: long lines are hard to read on a desktop.
  const float width = std::min(ImGui::GetContentRegionAvail().x, ui::em(ctx.narrow ? 40 : 30));
  ImGui::BeginChild("##first_admin", ImVec2(width, 0), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
  ui::begin_card("first_admin", tr("setup.title"));
  ui::mark("setup.title");
  ui::paragraph(tr("setup.explain", {{"town", town_name(*ctx.store)}}));
  ImGui::Spacing();
  const ImGuiInputTextFlags text = ImGuiInputTextFlags_None;
  const ImGuiInputTextFlags pin = ImGuiInputTextFlags_Password | ImGuiInputTextFlags_CharsDecimal;
  auto field = [&](const char* label, const char* id, std::string* value, const char* hint, ImGuiInputTextFlags flags,
                   const char* mark) {
    ImGui::TextUnformatted(tr(label).c_str());
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - ui::em(0.6f));  // inside the card's edge
    const bool enter = ImGui::InputTextWithHint(id, hint ? tr(hint).c_str() : "", value,
                                                flags | ImGuiInputTextFlags_EnterReturnsTrue);
    if (flags & ImGuiInputTextFlags_CharsDecimal) ui::numeric_keyboard();
    ui::mark(mark);
    return enter;
  };
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  field("setup.name", "##name", &f.name, "setup.name_hint", text, "setup.name");
  field("setup.login", "##login", &f.login, "setup.login_hint", ImGuiInputTextFlags_CharsNoBlank, "setup.login");
  field("setup.pin", "##pin", &f.pin, nullptr, pin, "setup.pin");
  const bool enter = field("setup.pin_confirm", "##pin2", &f.confirm, nullptr, pin, "setup.pin2");
  ui::muted(tr("setup.pin_rules"));
  if (!f.error.empty()) {
    ui::paragraph(f.error, ui::color::accent);
    ui::mark("setup.error");
  }
  ImGui::Spacing();
  const float h = ui::em(ctx.tablet ? 2.6f : 1.9f);
  if (ImGui::Button(tr("setup.create").c_str(), ImVec2(ImGui::GetContentRegionAvail().x - ui::em(0.6f), h)) || enter) {
    try {
      User u;
      u.name = f.name;
      u.login = f.login;
      const int64_t id = create_first_admin(*ctx.store, u, f.pin, f.confirm);
      const User made = *user_by_id(*ctx.store, id);  // as stored: trimmed
      // The person who just chose the PIN is signed in with it; then they add the town's users.
      sign_in(ctx, made.login, f.pin, nullptr);
      f = FirstAdminForm{};
      f.checked_generation = ctx.generation;
      ctx.users_notice = tr("setup.done", {{"name", made.name}});
      ctx.need_text(ctx.users_notice);
      ctx.shell->navigate(ViewId::Settings);
    } catch (const std::exception& e) {
      f.error = failure_text(e);  // the message names the field itself
      f.pin.clear();
      f.confirm.clear();  // a PIN refused is typed again from scratch, both times
      ctx.need_text(f.error);
    }
  }
  ui::mark("setup.create");
  ui::end_card();
  ImGui::EndChild();
}

}  // namespace jiceng::gui
