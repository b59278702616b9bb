#include "views/SignIn.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "store/Authentication.hpp"
#include "store/Users.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui {

namespace {
const char* kPopup = "###signin.popup";

std::string status_text(const Context& ctx) {
  if (const Actor* a = signed_in(ctx)) return tr("signin.as", {{"user", a->user}, {"role", label(a->role)}});
  return tr("signin.nobody");
}
std::string button_text(const Context& ctx) { return tr(signed_in(ctx) ? "signin.out" : "signin.open"); }
}  // namespace

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

float sign_in_status_width(const Context& ctx) {
  const ImGuiStyle& st = ImGui::GetStyle();
  return ImGui::CalcTextSize(status_text(ctx).c_str()).x + st.ItemSpacing.x +
         ImGui::CalcTextSize(button_text(ctx).c_str()).x + 2 * st.FramePadding.x;
}

bool draw_sign_in_status(Context& ctx, SignInForm& form) {
  ImGui::PushID("signin");
  const bool in = signed_in(ctx) != nullptr;
  ctx.need_text(status_text(ctx));
  ImGui::AlignTextToFramePadding();
  if (!in) ImGui::PushStyleColor(ImGuiCol_Text, ui::color::muted);  // one line: ui::muted would wrap
  ImGui::TextUnformatted(status_text(ctx).c_str());
  if (!in) ImGui::PopStyleColor();
  ui::mark(in ? "signin.user" : "signin.state");
  ImGui::SameLine();
  bool out = false;
  if (ImGui::Button(button_text(ctx).c_str())) {
    if (in) out = true;
    else form.open_requested = true;
  }
  ui::mark(in ? "signin.out" : "signin.open");
  ImGui::PopID();
  return out;
}

void draw_sign_in_notice(SignInForm& form) {
  if (form.notice.empty()) return;
  ImGui::AlignTextToFramePadding();
  ImGui::PushStyleColor(ImGuiCol_Text, ui::color::accent);
  ImGui::TextUnformatted(form.notice.c_str());
  ImGui::PopStyleColor();
  ui::mark("signin.notice");
  ImGui::SameLine();
  if (ImGui::Button(tr("app.action.dismiss").c_str())) form.notice.clear();
  ui::mark("signin.notice.close");
}

void draw_sign_in_popup(Context& ctx, SignInForm& form) {
  const std::string title = tr("signin.title") + kPopup;
  if (form.open_requested) {
    form.open_requested = false;
    form.login.clear();
    form.pin.clear();
    form.error.clear();
    ImGui::OpenPopup(title.c_str());
  }
  // Wide enough for the fields and two finger-sized buttons, never wider than the screen.
  const float width = std::min(ui::em(ctx.tablet ? 22 : 20), ImGui::GetMainViewport()->WorkSize.x - ui::em(2));
  ImGui::SetNextWindowSize(ImVec2(width, 0));
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal(title.c_str(), nullptr, ImGuiWindowFlags_NoMove)) return;
  ImGui::PushID("signin");
  if (!form.notice.empty()) ui::paragraph(form.notice, ui::color::accent);
  ImGui::TextUnformatted(tr("signin.login").c_str());
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  ImGui::InputText("##login", &form.login, ImGuiInputTextFlags_CharsNoBlank | ImGuiInputTextFlags_AutoSelectAll);
  ui::mark("signin.login");
  ImGui::TextUnformatted(tr("signin.pin").c_str());
  ImGui::SetNextItemWidth(-FLT_MIN);
  const bool enter = ImGui::InputText("##pin", &form.pin,
                                      ImGuiInputTextFlags_Password | ImGuiInputTextFlags_CharsDecimal |
                                          ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll);
  ui::numeric_keyboard();
  ui::mark("signin.pin");
  if (!form.error.empty()) {
    ui::paragraph(form.error, ui::color::accent);
    ui::mark("signin.error");
  }
  ImGui::Spacing();
  const ImGuiStyle& st = ImGui::GetStyle();
  const ImVec2 button((ImGui::GetContentRegionAvail().x - st.ItemSpacing.x) * 0.5f,
                      ctx.tablet ? ui::em(2.6f) : 0.0f);
  if (ImGui::Button(tr("signin.submit").c_str(), button) || enter) {
    form.error.clear();
    if (sign_in(ctx, form.login, form.pin, &form.error)) {
      form.login.clear();
      form.pin.clear();
      form.notice.clear();
      ImGui::CloseCurrentPopup();
    } else {
      form.pin.clear();  // a wrong PIN is typed again from scratch
    }
  }
  ui::mark("signin.submit");
  ImGui::SameLine();
  if (ImGui::Button(tr("app.action.cancel").c_str(), button)) {
    form.pin.clear();
    form.error.clear();
    ImGui::CloseCurrentPopup();
  }
  ui::mark("signin.cancel");
  ImGui::PopID();
  ImGui::EndPopup();
}

void sign_in_prompt(Context& ctx, const std::string& why) {
  if (signed_in(ctx)) return;
  ImGui::PushID("signin.prompt");
  ui::muted(why);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("signin.prompt").c_str());
  ImGui::SameLine();
  if (ImGui::Button(tr("signin.open").c_str()) && ctx.shell) ctx.shell->open_sign_in();
  ui::mark("signin.prompt");
  ImGui::PopID();
}

}  // namespace jiceng::gui
