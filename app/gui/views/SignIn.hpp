#pragma once
// The one sign-in of the app (login + PIN) that tells the store who acts. It lives in the shell's
// top bar: 「未登录」 with 登录, or who is signed in with 退出. 登录 opens a popup; a screen that
// needs someone signed in says why and offers a button that opens the same popup. The person
// stays signed in across screens until they sign out, the device is left idle (App's timeout), or
// another town is opened (docs/USERS.md).
#include <string>

#include "Context.hpp"

namespace jiceng::gui {

// The signed-in person for the open database, or nullptr.
const Actor* signed_in(const Context& ctx);
// Checks login and PIN against the store's users; false (with the message in `error`) when wrong.
bool sign_in(Context& ctx, const std::string& login, const std::string& pin, std::string* error);
// Forgets who is signed in. The shell's sign-out (ShellActions::sign_out) lets screens write what
// was typed first; call that one from a screen.
void sign_out(Context& ctx);

// What the shell's sign-in remembers between frames.
struct SignInForm {
  std::string login, pin, error;
  bool open_requested = false;  // open the popup on the next draw
  std::string notice;           // why the last person was signed out (the idle timeout), until the next sign-in
};

// The top bar's part: 「未登录」 + 登录, or 「name（role）」 + 退出. `width` is what it takes
// (sign_in_status_width), so the shell can place it. Returns true when 退出 was tapped.
// Marks: signin.state, signin.open, signin.user, signin.out.
float sign_in_status_width(const Context& ctx);
bool draw_sign_in_status(Context& ctx, SignInForm& form);
// The notice under the top bar after a timeout, with 关闭. Marks: signin.notice, signin.notice.close.
void draw_sign_in_notice(SignInForm& form);
// The popup (login, PIN on a numeric keyboard, 登录 / 取消). Call once per frame at the shell level.
// Marks: signin.login, signin.pin, signin.submit, signin.cancel, signin.error.
void draw_sign_in_popup(Context& ctx, SignInForm& form);
// What a screen shows while nobody is signed in: why signing in matters here, and a button that
// opens the top bar's sign-in. Draws nothing when someone is signed in. Mark: signin.prompt.
void sign_in_prompt(Context& ctx, const std::string& why);

}  // namespace jiceng::gui
