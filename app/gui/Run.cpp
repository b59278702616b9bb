#include "Run.hpp"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>

#include "Error.hpp"
#include "Strings.hpp"
#include "platform/Backend.hpp"
#include "platform/Fonts.hpp"

namespace jiceng::gui {
namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

// After input ImGui needs a few frames to settle (hover, popups opening, layout of new content).
constexpr int kFramesAfterInput = 3;
// Asleep, wake this often anyway (status bar time); faster while a text cursor blinks.
constexpr double kIdleWait = 10.0, kTextCursorWait = 0.5;

std::string platform_message(const platform::PlatformError& e) {
  switch (e.code) {
    case platform::PlatformError::Code::NoDisplay: return tr("app.error.no_display", {{"detail", e.what()}});
    case platform::PlatformError::Code::NoOpenGL: return tr("app.error.no_opengl", {{"detail", e.what()}});
    case platform::PlatformError::Code::NoFont: return tr("app.error.no_font");
    case platform::PlatformError::Code::FontUnreadable: return tr("app.error.font_unreadable", {{"file", e.what()}});
    case platform::PlatformError::Code::ImageWrite: return tr("app.error.image_write", {{"file", e.what()}});
  }
  return e.what();
}

class Runner {
 public:
  explicit Runner(const RunOptions& o) : o_(o) {}
  ~Runner() {
    // The backend's shutdown needs the ImGui context: tear down in this order.
    app_.reset();
    backend_.reset();
    fonts_.reset();
    if (ctx_) ImGui::DestroyContext(ctx_);
  }

  int run() {
    const auto start = Clock::now();
    IMGUI_CHECKVERSION();
    ctx_ = ImGui::CreateContext();

    auto t = Clock::now();
    platform::WindowConfig wc;
    wc.width = o_.width;
    wc.height = o_.height;
    wc.title = tr("app.window_title");
    wc.resizable = o_.screenshot.empty();
    backend_ = platform::create_desktop_backend(wc);
    const double window_ms = ms_since(t);

    t = Clock::now();
    auto file = platform::find_cjk_font();
    if (!file) throw platform::PlatformError(platform::PlatformError::Code::NoFont, "");
    fonts_ = std::make_unique<platform::FontAtlas>(*file);
    double font_ms = ms_since(t);

    t = Clock::now();
    app_ = std::make_unique<App>(o_.app, *fonts_);
    const double database_ms = ms_since(t);
    touch_ = backend_->touch_screen();

    t = Clock::now();
    prepare();  // the first view model and the atlas
    const double prepare_ms = ms_since(t);
    font_ms += fonts_->last_build_ms() + upload_ms_;
    const double views_ms = prepare_ms - fonts_->last_build_ms() - upload_ms_;

    t = Clock::now();
    double imgui_ms = draw_frame(true);
    const double frame_ms = ms_since(t);
    const double total_ms = ms_since(start);

    if (o_.stats) {
      std::printf("%s\n", tr("app.stats.startup", {{"total", fmt(total_ms)}}).c_str());
      std::printf("  %s\n", tr("app.stats.window", {{"ms", fmt(window_ms)}}).c_str());
      std::printf("  %s\n", tr("app.stats.font", {{"ms", fmt(font_ms)},
                                                  {"glyphs", std::to_string(fonts_->glyph_count())},
                                                  {"width", std::to_string(fonts_->texture_width())},
                                                  {"height", std::to_string(fonts_->texture_height())}}).c_str());
      std::printf("  %s\n", tr("app.stats.database", {{"ms", fmt(database_ms + views_ms)}}).c_str());
      std::printf("  %s\n", tr("app.stats.first_frame", {{"ms", fmt(frame_ms)}, {"imgui", fmt(imgui_ms)}}).c_str());
      print_frame_times();
      return 0;
    }
    if (!o_.screenshot.empty()) return screenshot();
    loop();
    return 0;
  }

 private:
  static std::string fmt(double ms) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", ms);
    return buf;
  }

  void prepare() {
    const platform::Size w = backend_->window_size();
    const platform::Size screen = backend_->screen_size();
    const bool small = touch_ || screen.width < 1000 || screen.height < 600;
    // Window size is in screen units; on macOS those are points, so the scale is the
    // framebuffer's (handled by ImGui) and text is rasterised at that density.
    if (app_->prepare_frame(float(w.width), float(w.height), backend_->content_scale(), small)) {
      auto t = Clock::now();
      backend_->upload_fonts();
      upload_ms_ = ms_since(t);
    }
  }

  // One frame; returns the ImGui CPU time (NewFrame to Render).
  double draw_frame(bool show) {
    backend_->begin_frame();
    // A screenshot shows the screen at rest, not hovered by Xvfb's pointer in the middle.
    if (!o_.screenshot.empty()) ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    auto t = Clock::now();
    ImGui::NewFrame();
    app_->draw();
    ImGui::Render();
    const double ms = ms_since(t);
    backend_->render();
    if (show) backend_->present();
    return ms;
  }

  void print_frame_times() {
    constexpr int kFrames = 60;
    for (ViewId v : kAllViews) {
      app_->navigate(v);
      double sum = 0, worst = 0;
      for (int i = 0; i < kFrames; ++i) {
        backend_->wait_events(0);
        prepare();
        double ms = draw_frame(true);
        if (i == 0) continue;  // the first frame on a screen computes its view model
        sum += ms;
        worst = std::max(worst, ms);
      }
      std::printf("  %s\n", tr("app.stats.frame", {{"view", app_->view(v).title()},
                                                   {"mean", fmt(sum / (kFrames - 1))},
                                                   {"max", fmt(worst)}}).c_str());
    }
  }

  int screenshot() {
    // Tables, child windows and combos settle over a few frames; the last one is captured.
    for (int i = 0; i < 4; ++i) {
      backend_->wait_events(0);
      prepare();
      draw_frame(true);
    }
    prepare();
    draw_frame(false);
    platform::write_png(o_.screenshot, backend_->read_back_buffer());
    backend_->present();
    return 0;
  }

  void loop() {
    int redraw = kFramesAfterInput;
    while (!backend_->should_close()) {
      const double wait = redraw > 0 ? 0 : (ImGui::GetIO().WantTextInput ? kTextCursorWait : kIdleWait);
      if (backend_->wait_events(wait)) redraw = kFramesAfterInput;
      prepare();
      draw_frame(true);
      if (redraw > 0) --redraw;
    }
  }

  const RunOptions& o_;
  ImGuiContext* ctx_ = nullptr;
  std::unique_ptr<platform::Backend> backend_;
  std::unique_ptr<platform::FontAtlas> fonts_;
  std::unique_ptr<App> app_;
  bool touch_ = false;
  double upload_ms_ = 0;
};

}  // namespace

int run_windowed(const RunOptions& options) {
  try {
    Runner r(options);
    return r.run();
  } catch (const platform::PlatformError& e) {
    std::cerr << platform_message(e) << "\n";
    return 3;
  } catch (const InputError& e) {
    std::cerr << e.describe() << "\n";
    return 2;
  }
}

}  // namespace jiceng::gui
