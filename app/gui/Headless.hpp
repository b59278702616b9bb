#pragma once
// The headless harness: the real shell and screens in an ImGui context with no window, driven by
// simulated mouse and keyboard the way a person uses them (press and release on separate frames).
// UI tests and jiceng-bench use it.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "App.hpp"

struct ImGuiContext;

namespace jiceng::platform {
class FontAtlas;
}

namespace jiceng::gui {

struct HeadlessOptions {
  std::string database;             // created with the demo town when absent
  std::filesystem::path data_dir;   // empty: the database's folder
  int width = 1280;
  int height = 800;
  std::optional<bool> tablet;       // force tablet mode on/off; default: automatic
  std::optional<ViewId> view;
  std::optional<int> year;
};

class Headless {
 public:
  // Throws platform::PlatformError when no Chinese font is installed, InputError for a bad database.
  explicit Headless(const HeadlessOptions& options);
  ~Headless();
  Headless(const Headless&) = delete;
  Headless& operator=(const Headless&) = delete;

  void frame();
  void frames(int n);
  // Clicks the widget drawn under `mark` (see ui::mark): move, press, release on separate frames,
  // then one more frame so that what the click opened is on screen.
  // False when no such widget was visible in the last frame.
  bool click(std::string_view mark);
  void click_at(float x, float y);
  // Turns the mouse wheel over (x, y) by `lines` notches down (negative: up), as a desktop user scrolls.
  void wheel(float x, float y, float lines);
  // Presses at one point, moves to another over `steps` frames, releases (a finger's drag).
  void drag(float x0, float y0, float x1, float y1, int steps = 6);
  // Types text into the focused field (characters queued as a keyboard would), one frame.
  void type(std::string_view utf8);
  void press_enter();
  void resize(int width, int height);
  bool visible(std::string_view mark) const;

  App& app() { return *app_; }
  platform::FontAtlas& fonts() { return *fonts_; }
  // Whether the body font as built now draws c (not the fallback box).
  bool font_has(uint32_t c) const;
  double last_frame_ms() const { return last_ms_; }

 private:
  ImGuiContext* ctx_ = nullptr;
  std::unique_ptr<platform::FontAtlas> fonts_;
  std::unique_ptr<App> app_;
  int width_, height_;
  double last_ms_ = 0;
};

// ImGui CPU time per frame (NewFrame to Render) of one screen, for jiceng-bench.
struct FrameTiming {
  double first_ms = 0;  // the first frame, view model included
  double mean_ms = 0;   // the frames after it
  double max_ms = 0;
  int frames = 0;
};
FrameTiming time_view_frames(const std::string& database, ViewId view, int width, int height, bool tablet,
                             int frames);

}  // namespace jiceng::gui
