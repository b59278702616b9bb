#pragma once
// 设置 → 用户: the town's accounts. An admin adds users (name, login, role, PIN), changes a role,
// gives a clerk their villages and units, resets a PIN and disables or re-enables an account; the
// rules and the audit entries are core's (core/store/Users.hpp). Leaders and clerks see the list
// read-only with the reason; signed out, only the sign-in.
#include <cstdint>
#include <string>
#include <vector>

#include "Context.hpp"
#include "store/Users.hpp"
#include "views/SignIn.hpp"

namespace jiceng::gui {

struct UsersForm {
  enum class Mode { None, Add, Edit, Pin };
  uint64_t loaded_revision = ~uint64_t(0);
  uint64_t loaded_generation = 0;
  std::vector<User> users;
  std::vector<Org> units;  // what a clerk can be given: villages, communities, units (tree order)
  Mode mode = Mode::None;
  User draft;              // the user being added or edited
  std::string pin, confirm;
  std::string error;       // why the open form was refused (shown in it)
  std::string notice;      // the last change done (shown above the list)
  bool notice_error = false;
  // One frame's request to bring the form (just opened) or its refusal into view: on a portrait
  // tablet a long list of villages pushes them below the screen's edge.
  bool scroll_to_form = false, scroll_to_error = false;
};

// Marks: users.add, users.row.<login>, users.edit.<login>, users.pin.<login>, users.disable.<login>,
// users.enable.<login>, users.form.{name,login,pin,pin2,save,cancel,error}, users.form.role.<role>,
// users.form.org.<code>, users.notice, users.read_only.
void draw_users_settings(Context& ctx, UsersForm& form);

class View;
// Test hook: the users tab's state behind the settings screen (nullptr for another view).
UsersForm* users_form_of(View& v);

}  // namespace jiceng::gui
