#pragma once
// Helpers shared by the headless UI tests: a fresh folder (a first start) per test case, a town's
// options, and a sign-in typed the way a person does it.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "Headless.hpp"
#include "views/CollectView.hpp"
#include "views/SignIn.hpp"

namespace jiceng::test_ui {

namespace fs = std::filesystem;

// The two screens every case walks: a landscape tablet or laptop, and a portrait tablet.
struct Size {
  int w, h;
};
inline constexpr Size kSizes[] = {{1280, 800}, {800, 1280}};
inline std::string tag(const Size& s) { return std::to_string(s.w) + "x" + std::to_string(s.h); }

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

inline gui::CollectView& collect(gui::Headless& h) {
  return dynamic_cast<gui::CollectView&>(h.app().view(gui::ViewId::Collect));
}

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

// Opens the top bar's sign-in (signing out whoever is signed in), types login and PIN into the
// popup and presses 登录. Works on every screen: the sign-in is the shell's, not the screen's.
inline void open_sign_in(gui::Headless& h) {
  if (h.visible("signin.out")) REQUIRE(h.click("signin.out"));
  REQUIRE(h.click("signin.open"));
  if (!h.visible("signin.login")) h.frame();  // the popup takes a frame to size itself
  REQUIRE(h.visible("signin.login"));
}

inline void sign_in(gui::Headless& h, const std::string& login, const std::string& pin) {
  open_sign_in(h);
  REQUIRE(h.click("signin.login"));
  h.type(login);
  REQUIRE(h.click("signin.pin"));
  h.type(pin);
  REQUIRE(h.click("signin.submit"));
  h.frame();
}

}  // namespace jiceng::test_ui
