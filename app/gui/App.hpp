#pragma once
// The app shell: the open town, the year, navigation between the five screens, the town and year
// selectors and the status bar. It runs identically in a window (Run.cpp) and in the headless
// harness (Headless.cpp); neither the shell nor the screens touch the platform's window.
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "Context.hpp"
#include "Settings.hpp"
#include "Style.hpp"
#include "View.hpp"
#include "views/FirstAdmin.hpp"
#include "views/SignIn.hpp"

struct ImFontAtlas;

namespace jiceng::platform {
class FontAtlas;
}

namespace jiceng::gui {

struct AppOptions {
  std::string database;                  // --db; empty: the last town, else <data>/town.db
  std::filesystem::path data_dir;        // towns live here
  std::filesystem::path settings_file;   // empty: settings are not kept
  std::optional<bool> tablet;            // --tablet forces tablet mode
  std::optional<ViewId> view;            // the first screen
  std::optional<int> year;
  // Draw the first frame before the current screen's figures are computed, which follow on the
  // next frame. Where startup cannot compute them beside the opening window (the browser has no
  // threads) this shows the app a screen's computation sooner.
  bool figures_after_first_frame = false;
};

// What the status bar shows, recomputed when the data changes.
struct StatusModel {
  int drafts = 0;             // values of the year still 草稿: a signed-in clerk's villages, else the town's
  bool drafts_mine = false;   // counted over the signed-in clerk's villages (「我的草稿」)
  std::string last_save;      // local time of the latest write, empty when none
  std::vector<int> years;     // years the selector offers
  std::string town;
  bool demo = false;
};

class App final : public ShellActions {
 public:
  // Opens the town (a first start writes the demo town). Throws InputError when it cannot.
  // Touches no ImGui state, so it may run on a worker thread while the window opens.
  App(AppOptions options, platform::FontAtlas& fonts);
  ~App() override;
  // Clipboard and window options on the current ImGui context (main thread, after the backend).
  void install_io_hooks();
  // The work of the first prepare_frame, off the main thread, in two steps. First the layout, the
  // status bar and a font atlas built into `atlas` (not yet the context's): the runner installs it
  // and can draw. Then the current screen's view model, the slow part on a large town, while the
  // runner shows that it is computing (nothing else may touch the app meanwhile).
  void warm_up(float width, float height, float dpi_scale, bool small_screen, ImFontAtlas& atlas,
               float framebuffer_scale = 1);
  void warm_up_view();

  // Between frames: decides tablet/narrow for the coming frame, takes typed characters into the
  // font and rebuilds the atlas when it grew or sizes changed. Returns true when the atlas was
  // rebuilt (a windowed runner uploads the texture).
  // dpi_scale: sizes in window coordinates per logical pixel; framebuffer_scale: pixels per window
  // coordinate (2 on a Retina Mac), by which text is rasterised finer and drawn back down.
  bool prepare_frame(float width, float height, float dpi_scale, bool small_screen, float framebuffer_scale = 1);
  // ImGui::NewFrame, at the size the screen is laid out at (see pointer_held).
  void new_frame();
  // The whole UI; between new_frame and ImGui::Render.
  void draw();

  // False while the first frame stands in for the current screen (figures_after_first_frame).
  bool showing_view() const { return !view_deferred_; }
  ViewId current() const { return current_; }
  int year() const { return ctx_.year; }
  void set_year(int year);
  bool tablet() const { return ctx_.tablet; }
  Context& context() { return ctx_; }
  View& view(ViewId v);
  Store& store() { return *store_; }
  const StatusModel& status() const { return status_; }
  // The status bar's text as last drawn (drafts, last save, the database file).
  std::string status_line() const;
  const std::string& error() const { return error_; }
  const SignInForm& sign_in_form() const { return sign_in_; }

  // Where the idle timeout reads the time; tests pass a clock they move forward.
  using Clock = std::function<std::chrono::steady_clock::time_point()>;
  void set_clock(Clock clock);
  Settings& settings() { return settings_; }

  // ShellActions
  void navigate(ViewId v) override;
  void set_tablet_mode(TabletMode m) override;
  void set_text_scale(float s) override;
  void open_town(const std::string& path) override;
  void request_new_town() override;
  void settings_changed() override { save_settings(); }
  void open_sign_in() override { sign_in_.open_requested = true; }
  void sign_out() override { end_session(false); }
  // Makes and opens an empty town; false (with the message in error()) when the name is unusable.
  bool create_town(const std::string& name);

 private:
  void adopt(std::unique_ptr<Store> store);
  void update_layout(float width, float dpi_scale, bool small_screen);
  void refresh_status();
  void save_settings();
  void draw_top_bar();
  void draw_town_menu();
  float town_combo_width() const;
  void draw_year_menu();
  void draw_nav(bool vertical, float item_height);
  void draw_status_bar();
  void draw_new_town_popup();
  void draw_error_banner();
  void draw_placeholder();
  // Signs out after this long without input (Settings::idle_minutes), with the top bar's notice.
  void check_idle();
  // Lets every screen write what was typed, then forgets who was signed in.
  void end_session(bool timed_out);

  AppOptions options_;
  platform::FontAtlas& fonts_;
  Settings settings_;
  std::unique_ptr<Store> store_;
  Context ctx_;
  std::vector<std::unique_ptr<View>> views_;
  ViewId current_ = ViewId::Dashboard;
  ViewId scrolled_view_ = ViewId::Dashboard;  // the screen the content area's scroll belongs to
  StatusModel status_;
  const Catalog* fonts_catalog_ = nullptr;  // whose names the fonts were last given
  uint64_t status_revision_ = ~uint64_t(0), status_generation_ = 0;
  int status_year_ = 0;
  std::string error_;
  bool new_town_requested_ = false;
  bool view_deferred_ = false;     // frames draw a placeholder for the current screen
  bool placeholder_drawn_ = false;  // ... until the frame after the one that drew it
  std::string new_town_name_;
  std::string new_town_error_;
  SignInForm sign_in_;  // the top bar's one sign-in
  Clock clock_;
  std::chrono::steady_clock::time_point last_input_{};
  std::string status_actor_;  // who the status bar's draft count was made for
  FirstAdminForm first_admin_;  // a town without an admin shows 「创建管理员」 instead of the screen
  // A tap lands only if the button is still under the finger when it lifts, but ending a text
  // edit can resize the screen in between (a tablet's on-screen keyboard goes away and the
  // window grows, pulling a scrolled form down). So while a pointer is down, and in the frame
  // it lifts, the layout keeps the size it had at the press; the new size applies after.
  static bool pointer_held();
  float held_width_ = 0, held_height_ = 0;
  bool held_small_ = false;
  FontSizes built_sizes_{0, 0};
  float style_scale_ = 0;
  bool style_tablet_ = false;
};

}  // namespace jiceng::gui
