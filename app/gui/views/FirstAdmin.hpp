#pragma once
// 「创建管理员」: a town without an active admin (a new blank town, one made by the CLI) can be
// used by nobody, so its first start asks for the administrator instead of showing the screen:
// name, login, a PIN typed twice. The rules are core's (core/store/Users.hpp); the new admin is signed
// in and taken to 设置 → 用户 to add the town's clerks and leaders.
#include <cstdint>
#include <string>

#include "Context.hpp"

namespace jiceng::gui {

struct FirstAdminForm {
  std::string name, login, pin, confirm, error;
  uint64_t checked_generation = 0, checked_revision = ~uint64_t(0);
  bool needed = false;
};

// Whether the open town needs its administrator (checked again only when the data changed).
bool first_admin_needed(Context& ctx, FirstAdminForm& form);
// Draws the step in the content area. Marks: setup.name, setup.login, setup.pin, setup.pin2,
// setup.create, setup.error.
void draw_first_admin(Context& ctx, FirstAdminForm& form);

}  // namespace jiceng::gui
