#pragma once
// Helpers shared by the headless UI tests: a fresh folder (a first start) per test case, a town's
// options, and a sign-in typed the way a person does it.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "Headless.hpp"
#include "views/SignIn.hpp"

namespace jiceng::test_ui {

namespace fs = std::filesystem;

inline fs::path fresh_dir(const std::string& name) {
  fs::path d = fs::path(JICENG_UI_TEST_DIR) / name;
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

inline gui::HeadlessOptions town_options(const fs::path& dir, gui::ViewId view, int w = 1280, int h = 800) {
  gui::HeadlessOptions o;
  o.database = (dir / "town.db").string();
  o.data_dir = dir;
  o.width = w;
  o.height = h;
  o.view = view;
  o.year = 2020;
  return o;
}

// Types login and PIN into the sign-in strip of the current screen and presses 登录.
inline void sign_in(gui::Headless& h, const std::string& login, const std::string& pin) {
  if (h.visible("signin.out")) REQUIRE(h.click("signin.out"));
  REQUIRE(h.click("signin.login"));
  h.type(login);
  REQUIRE(h.click("signin.pin"));
  h.type(pin);
  REQUIRE(h.click("signin.submit"));
  h.frame();
}

}  // namespace jiceng::test_ui
