#pragma once
// The local sign-in (login + PIN) that tells the store who acts. Both data screens show it above
// their editing controls; the person stays signed in across screens until they sign out or another
// town is opened.
#include <string>

#include "Context.hpp"

namespace jiceng::gui {

// The signed-in person for the open database, or nullptr.
const Actor* signed_in(const Context& ctx);
// Checks login and PIN against the store's users; false (with the message in `error`) when wrong.
bool sign_in(Context& ctx, const std::string& login, const std::string& pin, std::string* error);
void sign_out(Context& ctx);

// What a screen's sign-in strip remembers between frames.
struct SignInForm {
  std::string login, pin, error;
};

// Who is signed in (with 退出), or the login and PIN fields. `why` says what signing in allows.
// Marks: signin.login, signin.pin, signin.submit, signin.out, signin.user.
void draw_sign_in(Context& ctx, SignInForm& form, const std::string& why);

}  // namespace jiceng::gui
