#include "views/SignIn.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "Error.hpp"
#include "Strings.hpp"
#include "Users.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui {

const Actor* signed_in(const Context& ctx) {
  if (!ctx.actor || ctx.actor_generation != ctx.generation) return nullptr;
  return &*ctx.actor;
}

bool sign_in(Context& ctx, const std::string& login, const std::string& pin, std::string* error) {
  try {
    ctx.actor = jiceng::sign_in(*ctx.store, login, pin);
    ctx.actor_generation = ctx.generation;
    ctx.need_text(ctx.actor->user);  // names may hold rare characters (王娜's 娜)
    return true;
  } catch (const std::exception& e) {
    const std::string text = failure_text(e);
    if (error) *error = text;
    ctx.need_text(text);
    return false;
  }
}

void sign_out(Context& ctx) {
  ctx.actor.reset();
  ctx.actor_generation = 0;
}

void draw_sign_in(Context& ctx, SignInForm& form, const std::string& why) {
  ImGui::PushID("signin");
  if (const Actor* a = signed_in(ctx)) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr("signin.as", {{"user", a->user}, {"role", label(a->role)}}).c_str());
    ui::mark("signin.user");
    ImGui::SameLine();
    if (ImGui::Button(tr("signin.out").c_str())) {
      sign_out(ctx);
      form = {};
    }
    ui::mark("signin.out");
    ImGui::PopID();
    return;
  }
  ui::muted(why);
  const float field = ui::em(ctx.narrow ? 8 : 7);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("signin.login").c_str());
  ImGui::SameLine();
  ImGui::SetNextItemWidth(field);
  ImGui::InputText("##login", &form.login, ImGuiInputTextFlags_CharsNoBlank | ImGuiInputTextFlags_AutoSelectAll);
  ui::mark("signin.login");
  ImGui::SameLine(0, ui::em(1));
  ImGui::TextUnformatted(tr("signin.pin").c_str());
  ImGui::SameLine();
  ImGui::SetNextItemWidth(field);
  const bool enter = ImGui::InputText("##pin", &form.pin,
                                      ImGuiInputTextFlags_Password | ImGuiInputTextFlags_CharsDecimal |
                                          ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll);
  ui::numeric_keyboard();
  ui::mark("signin.pin");
  ImGui::SameLine(0, ui::em(1));
  if (ImGui::Button(tr("signin.submit").c_str()) || enter) {
    form.error.clear();
    if (sign_in(ctx, form.login, form.pin, &form.error)) form = {};
    else form.pin.clear();  // a wrong PIN is typed again from scratch
  }
  ui::mark("signin.submit");
  if (!form.error.empty()) ui::paragraph(form.error, ui::color::accent);
  ImGui::PopID();
}

}  // namespace jiceng::gui
