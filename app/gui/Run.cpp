#include "Run.hpp"

#include <imgui.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <thread>

#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "platform/Backend.hpp"
#include "platform/Fonts.hpp"
#include "platform/Paths.hpp"
#include "platform/Storage.hpp"
#include "Probe.hpp"
#include "Style.hpp"
#include "widgets/Widgets.hpp"

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

// What the startup worker hands back. `shell` is set once the app and its atlas are ready (or the
// worker failed), `view` once the first screen's view model is too; each after what it announces.
struct Warm {
  std::unique_ptr<platform::FontAtlas> fonts;
  std::unique_ptr<App> app;
  ImFontAtlas* atlas = nullptr;  // built off the context, installed by the main thread
  double font_ms = 0, database_ms = 0, view_ms = 0;
  std::exception_ptr error, view_error;  // the second written while the main thread draws
  std::atomic<bool> shell{false}, view{false};
};

bool is_small(platform::Size screen) {
  return screen.width > 0 && (screen.width < 1000 || screen.height < 600);
}

class Runner {
 public:
  explicit Runner(RunOptions o) : o_(std::move(o)) {
    // Without threads nothing overlaps the window's opening: the first frame comes sooner with the
    // screen's figures on the next one. Screenshots and --stats always show them.
    o_.app.figures_after_first_frame = !platform::has_threads() && o_.screenshot.empty() && !o_.stats;
  }
  ~Runner() {
    // The backend's shutdown needs the ImGui context: tear down in this order.
    app_.reset();
    backend_.reset();
    fonts_.reset();
    if (ctx_) ImGui::DestroyContext(ctx_);
  }

  int run() {
    start_ = Clock::now();
    const auto start = start_;
    IMGUI_CHECKVERSION();
    ctx_ = ImGui::CreateContext();
    const platform::ScreenInfo screen = platform::probe_screen();
    if (!screen.ok) throw platform::PlatformError(platform::PlatformError::Code::NoDisplay, screen.error);
    touch_ = screen.touch;

    // Startup overlaps: a worker finds the font, opens the town and builds the glyph atlas while
    // this thread opens the window and compiles shaders. The worker then computes the first
    // screen's view model (seconds on a province) while this thread shows the window, the app's
    // name and that the screen is being computed, and keeps the window answering.
    // (Sizes assume pixel window coordinates; on macOS the first prepare rebuilds the atlas once.)
    Warm warm;
    bool atlas_installed = false;
    warm.atlas = IM_NEW(ImFontAtlas)();
    const float width = float(o_.width) * screen.content_scale;
    const bool small = is_small(screen.work_area);
    try {
      platform::run_beside(
          [&] { warm_up(warm, width, float(o_.height) * screen.content_scale, screen.content_scale, small); },
          [&] {
            auto t = Clock::now();
            platform::WindowConfig wc;
            wc.width = o_.width;
            wc.height = o_.height;
            wc.title = tr("app.window_title");
            wc.resizable = o_.screenshot.empty();
            backend_ = platform::create_backend(wc);
            window_ms_ = ms_since(t);
            t = Clock::now();
            backend_->create_renderer_objects();
            warm_renderer();
            renderer_ms_ = ms_since(t);
            while (!warm.shell) std::this_thread::sleep_for(std::chrono::milliseconds(1));
            if (!warm.error) {
              atlas_installed = true;  // the context owns it from the next line on
              install_atlas(warm);
              while (!warm.view) draw_computing(*warm.fonts);
            }
          });
    } catch (...) {  // run_beside joined the worker first
      warm.fonts.reset();  // takes its font data back from the atlas before the atlas goes
      if (!atlas_installed) IM_DELETE(warm.atlas);
      throw;
    }
    if (!warm.error) warm.error = warm.view_error;
    if (warm.error) {
      warm.app.reset();
      warm.fonts.reset();
      if (!atlas_installed) IM_DELETE(warm.atlas);
      std::rethrow_exception(warm.error);
    }
    fonts_ = std::move(warm.fonts);
    app_ = std::move(warm.app);
    app_->install_io_hooks();
    const double parallel_ms = ms_since(start);

    const auto t = Clock::now();
    prepare();
    const double imgui_ms = draw_frame(true);
    const double frame_ms = ms_since(t);
    const double total_ms = ms_since(start);
    // The first frame the person saw: the one saying the screen is being computed, if any.
    const double first_ms = computing_frames_ > 0 ? computing_first_ms_ : total_ms;
    char phases[256];
    std::snprintf(phases, sizeof phases,
                  "{\"window\":%.1f,\"renderer\":%.1f,\"font\":%.1f,\"font_cached\":%s,\"glyphs\":%zu,"
                  "\"database\":%.1f,\"frame\":%.1f}",
                  window_ms_, renderer_ms_, warm.font_ms + font_upload_ms_, fonts_->restored_from_cache() ? "true" : "false",
                  fonts_->glyph_count(), warm.database_ms, frame_ms);
    platform::report_first_frame(first_ms, phases);
    report_screen_if_shown();
    platform::set_test_probe([this](const std::string& q) { return answer_probe(*app_, q); });

    if (o_.stats) {
      std::printf("%s\n", tr("app.stats.startup", {{"total", fmt(first_ms)}}).c_str());
      std::printf("  %s\n", tr("app.stats.window", {{"ms", fmt(window_ms_)}, {"renderer", fmt(renderer_ms_)}}).c_str());
      std::printf("  %s\n", tr("app.stats.font", {{"ms", fmt(warm.font_ms + font_upload_ms_)},
                                                  {"glyphs", std::to_string(fonts_->glyph_count())},
                                                  {"heading", std::to_string(fonts_->heading_glyph_count())},
                                                  {"width", std::to_string(fonts_->texture_width())},
                                                  {"height", std::to_string(fonts_->texture_height())},
                                                  {"source", fonts_->restored_from_cache() ? tr("app.stats.font_cached") : ""}}).c_str());
      std::printf("  %s\n", tr("app.stats.database", {{"ms", fmt(warm.database_ms)}}).c_str());
      std::printf("  %s\n", tr("app.stats.screen_data", {{"ms", fmt(warm.view_ms)}, {"frames", std::to_string(computing_frames_)},
                                                         {"total", fmt(total_ms)}}).c_str());
      std::printf("  %s\n", tr("app.stats.parallel", {{"ms", fmt(parallel_ms)}}).c_str());
      std::printf("  %s\n", tr("app.stats.first_frame", {{"ms", fmt(frame_ms)}, {"imgui", fmt(imgui_ms)}, {"render", fmt(render_ms_)}, {"present", fmt(present_ms_)}}).c_str());
      print_frame_times();
      return 0;
    }
    if (!o_.screenshot.empty()) return screenshot();
    last_draw_ = Clock::now();
    detached_ = platform::run_loop([this] { return loop_frame(); });
    return 0;
  }

  // True when the frame loop goes on after run() returned (the browser): the runner must live on.
  bool detached() const { return detached_; }

 private:
  static std::string fmt(double ms) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", ms);
    return buf;
  }

  void warm_up(Warm& w, float width, float height, float dpi, bool small) {
    try {
      auto t = Clock::now();
      auto file = platform::find_cjk_font();
      if (!file) throw platform::PlatformError(platform::PlatformError::Code::NoFont, "");
      w.fonts = std::make_unique<platform::FontAtlas>(*file);
      // Screenshots rasterise afresh, so that they never depend on what an earlier run left.
      if (o_.screenshot.empty()) w.fonts->set_cache_file((platform::cache_dir() / "glyph-atlas.bin").string());
      w.font_ms = ms_since(t);
      t = Clock::now();
      w.app = std::make_unique<App>(o_.app, *w.fonts);
      const double before = w.fonts->last_build_ms();
      w.app->warm_up(width, height, dpi, small || touch_, *w.atlas);
      unsigned char* pixels = nullptr;
      int tw = 0, th = 0;
      w.atlas->GetTexDataAsRGBA32(&pixels, &tw, &th);  // the conversion the upload needs, here
      const double build = w.fonts->last_build_ms() - before;
      w.database_ms = ms_since(t) - build;
      w.font_ms += build;
    } catch (...) {
      w.error = std::current_exception();
      w.shell = true;
      w.view = true;
      return;
    }
    w.shell = true;
    try {
      const auto t = Clock::now();
      w.app->warm_up_view();
      w.view_ms = ms_since(t);
    } catch (...) {
      w.view_error = std::current_exception();
    }
    w.view = true;
  }

  // The worker's atlas becomes the context's (which owns and frees it from now on).
  void install_atlas(Warm& w) {
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // before any frame: ImGui would read and write imgui.ini (App sets it too)
    IM_DELETE(io.Fonts);
    io.Fonts = w.atlas;
    io.FontDefault = w.fonts->body();
    const auto t = Clock::now();
    backend_->upload_fonts();
    font_upload_ms_ = ms_since(t);
  }

  // A frame while the worker computes the first screen: the app's name, what it is doing and a
  // bar that moves, so the window is there and answers at once. It draws from the font alone: the
  // app belongs to the worker until it is done.
  void draw_computing(platform::FontAtlas& fonts) {
    if (computing_frames_ == 0)  // the house style from the first frame on (the app sets it again)
      apply_style(std::max(1.0f, backend_->content_scale() / backend_->framebuffer_scale()),
                  touch_ || is_small(backend_->screen_size()));
    backend_->wait_events(1.0 / 30);
    backend_->begin_frame();
    ImGui::NewFrame();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::Begin("##computing", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
    ImGui::PushFont(fonts.heading());
    ImGui::TextUnformatted(tr("app.title").c_str());
    ImGui::PopFont();
    ImGui::Spacing();
    ImGui::TextDisabled("%s", tr("app.view.computing").c_str());
    // An indeterminate bar: a block sweeping across, one pass a second and a half.
    const float phase = float(std::fmod(ms_since(start_) / 1500.0, 1.0));
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float width = std::min(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 20), height = ImGui::GetFontSize() * 0.3f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(at, ImVec2(at.x + width, at.y + height), IM_COL32(225, 225, 230, 255));
    const float block = width * 0.25f, x = at.x + (width + block) * phase - block;
    dl->AddRectFilled(ImVec2(std::max(at.x, x), at.y), ImVec2(std::min(at.x + width, x + block), at.y + height),
                      ui::color::accent);
    ImGui::Dummy(ImVec2(width, height));
    ImGui::End();
    ImGui::Render();
    backend_->render();
    backend_->present();
    if (computing_frames_++ == 0) computing_first_ms_ = ms_since(start_);
  }

  void prepare() {
    // Characters the bundled font lacks (the browser's cut): fetch the rest, merge it when there.
    if (fonts_->missing_glyphs() > 0 && !fonts_->has_fallback())
      if (auto fallback = platform::fetch_fallback_font()) fonts_->add_fallback(*fallback);
    const platform::Size w = backend_->window_size();
    const bool small = touch_ || is_small(backend_->screen_size());
    // Window coordinates are pixels on X11/Windows (scale sizes by the content scale) and points
    // on macOS (sizes stay, text is rasterised at the framebuffer's density).
    const float fb = backend_->framebuffer_scale();
    const float dpi = std::max(1.0f, backend_->content_scale() / fb);
    if (app_->prepare_frame(float(w.width), float(w.height), dpi, small, fb)) {
      auto t = Clock::now();
      backend_->upload_fonts();
      upload_ms_ = ms_since(t);
    }
  }

  // Draws one throwaway frame (never shown) while the worker is still busy: software OpenGL
  // compiles its shader variants on the first draw, which would otherwise delay the first frame.
  void warm_renderer() {
    backend_->begin_frame();
    ImGui::NewFrame();
    ImGui::Begin("##warm_renderer", nullptr, ImGuiWindowFlags_NoSavedSettings);
    ImGui::TextUnformatted("0");
    ImGui::End();
    ImGui::Render();
    backend_->render();
  }

  // One frame; returns the ImGui CPU time (NewFrame to Render).
  double draw_frame(bool show) {
    double ms = imgui_pass();
    if (fonts_->dirty()) {
      // The frame drew text the atlas lacked: rebuild and draw it again before anyone sees a box.
      prepare();
      ms += imgui_pass();
    }
    auto t = Clock::now();
    backend_->render();
    render_ms_ = ms_since(t);
    t = Clock::now();
    if (show) backend_->present();
    present_ms_ = ms_since(t);
    return ms;
  }

  double imgui_pass() {
    backend_->begin_frame();
    // A screenshot shows the screen at rest (not hovered by Xvfb's pointer in the middle), or
    // under the scripted pointer of --input.
    if (!o_.screenshot.empty()) {
      ImGui::GetIO().MousePos = scripted_pos_;
      ImGui::GetIO().MouseDown[0] = scripted_down_;
      ImGui::GetIO().KeysDown[ImGui::GetIO().KeyMap[ImGuiKey_Enter]] = scripted_enter_;
      if (scripted_wheel_ != 0) ImGui::GetIO().MouseWheel = scripted_wheel_;
    }
    auto t = Clock::now();
    app_->new_frame();
    app_->draw();
    ImGui::Render();
    return ms_since(t);
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
    settle(4);
    for (const std::string& step : o_.input) {
      if (step.rfind("click:", 0) == 0) {
        auto r = ui::find_mark(step.substr(6));
        if (!r) throw InputError(tr("app.cli.no_such_widget", {{"name", step.substr(6)}}));
        scripted_pos_ = r->center();
        settle(1);  // hover
        scripted_down_ = true;
        settle(1);  // press
        scripted_down_ = false;
        settle(2);  // release; what it opened appears
        scripted_pos_ = ImVec2(-FLT_MAX, -FLT_MAX);
      } else if (step.rfind("type:", 0) == 0) {
        ImGui::GetIO().AddInputCharactersUTF8(step.substr(5).c_str());
        settle(2);
      } else if (step == "key:enter") {
        scripted_enter_ = true;
        settle(1);
        scripted_enter_ = false;
        settle(2);
      } else if (step.rfind("wheel:", 0) == 0) {  // turns the wheel over the middle of the screen
        scripted_wheel_ = std::strtof(step.c_str() + 6, nullptr);
        scripted_pos_ = ImVec2(ImGui::GetIO().DisplaySize.x * 0.5f, ImGui::GetIO().DisplaySize.y * 0.5f);
        settle(1);
        scripted_wheel_ = 0;
        scripted_pos_ = ImVec2(-FLT_MAX, -FLT_MAX);
        settle(2);
      } else {
        throw InputError(tr("app.cli.bad_input", {{"input", step}}));
      }
    }
    settle(2);
    prepare();
    draw_frame(false);
    platform::write_png(o_.screenshot, backend_->read_back_buffer());
    backend_->present();
    return 0;
  }

  void settle(int frames) {
    for (int i = 0; i < frames; ++i) {
      backend_->wait_events(0);
      prepare();
      draw_frame(true);
    }
  }

  // One turn of the event loop: waits for input (the desktop sleeps here; the browser calls this
  // on every animation frame and it returns at once), draws when something happened or a timer is
  // due, and makes committed writes durable. False once the window closed.
  bool loop_frame() {
    if (backend_->should_close()) return false;
    const double wait = redraw_ > 0 ? 0 : (ImGui::GetIO().WantTextInput ? kTextCursorWait : kIdleWait);
    if (backend_->wait_events(wait)) redraw_ = kFramesAfterInput;
    if (redraw_ == 0 && ms_since(last_draw_) < wait * 1000) return true;  // idle: nothing to draw
    prepare();
    const double ms = draw_frame(true);
    last_draw_ = Clock::now();
    platform::report_frame(ms, view_name(app_->current()).data());
    if (redraw_ > 0) --redraw_;
    report_screen_if_shown();
    flush_if_written();
    return true;
  }

  // Once: the frame just drawn showed the first screen with its figures.
  void report_screen_if_shown() {
    if (screen_reported_ || !app_->showing_view()) return;
    screen_reported_ = true;
    platform::report_screen_shown(ms_since(start_));
  }

  // Every committed transaction (the store's revision moves) or another town opened is made
  // durable before the next frame; a no-op where SQLite's own commit already is.
  void flush_if_written() {
    const uint64_t revision = app_->store().revision(), generation = app_->context().generation;
    if (revision == flushed_revision_ && generation == flushed_generation_) return;
    flushed_revision_ = revision;
    flushed_generation_ = generation;
    platform::flush_storage();
  }


  RunOptions o_;
  int redraw_ = kFramesAfterInput;
  Clock::time_point last_draw_;
  bool detached_ = false;
  Clock::time_point start_;
  bool screen_reported_ = false;
  uint64_t flushed_revision_ = 0, flushed_generation_ = 0;
  ImGuiContext* ctx_ = nullptr;
  std::unique_ptr<platform::Backend> backend_;
  std::unique_ptr<platform::FontAtlas> fonts_;
  std::unique_ptr<App> app_;
  bool touch_ = false;
  double upload_ms_ = 0, font_upload_ms_ = 0;
  int computing_frames_ = 0;       // frames drawn while the worker computed the first screen
  double computing_first_ms_ = 0;  // when the first of them was shown
  double window_ms_ = 0, renderer_ms_ = 0, render_ms_ = 0, present_ms_ = 0;
  ImVec2 scripted_pos_{-FLT_MAX, -FLT_MAX};
  bool scripted_down_ = false;
  bool scripted_enter_ = false;  // key:enter
  float scripted_wheel_ = 0;     // wheel:N
};

}  // namespace

int run_windowed(const RunOptions& options) {
  try {
    auto r = std::make_unique<Runner>(options);
    const int rc = r->run();
    // The browser goes on calling the runner's frames after main returned: it lives as long as the page.
    if (r->detached()) r.release();
    return rc;
  } catch (const platform::PlatformError& e) {
    std::cerr << platform_message(e) << "\n";
    return 3;
  } catch (const InputError& e) {
    std::cerr << e.describe() << "\n";
    return 2;
  }
}

}  // namespace jiceng::gui
