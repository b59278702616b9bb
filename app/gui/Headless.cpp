#include "Headless.hpp"

#include <imgui.h>

#include <algorithm>
#include <chrono>

#include "platform/Backend.hpp"
#include "platform/Fonts.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui {

Headless::Headless(const HeadlessOptions& o) : width_(o.width), height_(o.height) {
  IMGUI_CHECKVERSION();
  ImGuiContext* previous = ImGui::GetCurrentContext();
  ctx_ = ImGui::CreateContext();
  ImGui::SetCurrentContext(ctx_);
  ImGuiIO& io = ImGui::GetIO();
  // 1.86 maps keys through io.KeyMap; identity is enough without a real keyboard.
  for (int k = 0; k < ImGuiKey_COUNT; ++k) io.KeyMap[k] = k;
  try {
    auto file = platform::find_cjk_font();
    if (!file) throw platform::PlatformError(platform::PlatformError::Code::NoFont, "no CJK font");
    fonts_ = std::make_unique<platform::FontAtlas>(*file);
    AppOptions a;
    a.database = o.database;
    a.data_dir = o.data_dir.empty() ? std::filesystem::absolute(o.database).parent_path() : o.data_dir;
    a.tablet = o.tablet;
    a.view = o.view;
    a.year = o.year;
    app_ = std::make_unique<App>(a, *fonts_);
    app_->install_io_hooks();
  } catch (...) {
    app_.reset();
    fonts_.reset();
    ImGui::DestroyContext(ctx_);
    ImGui::SetCurrentContext(previous);
    throw;
  }
  frame();
}

Headless::~Headless() {
  ImGui::SetCurrentContext(ctx_);
  app_.reset();
  fonts_.reset();  // before the context: its atlas borrows the font data
  ImGui::DestroyContext(ctx_);
}

void Headless::frame() {
  ImGui::SetCurrentContext(ctx_);
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(float(width_), float(height_));
  io.DeltaTime = 1.0f / 60.0f;
  // A screen under 1000 px wide counts as a tablet's, as on a real device.
  app_->prepare_frame(float(width_), float(height_), 1.0f, width_ < 1000);
  auto t0 = std::chrono::steady_clock::now();
  app_->new_frame();
  app_->draw();
  ImGui::Render();
  last_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

void Headless::frames(int n) {
  for (int i = 0; i < n; ++i) frame();
}

bool Headless::visible(std::string_view mark) const { return ui::find_mark(mark).has_value(); }

bool Headless::click(std::string_view mark) {
  ImGui::SetCurrentContext(ctx_);
  frame();  // let what the last input opened settle (popups appear a frame late)
  auto r = ui::find_mark(mark);
  if (!r) return false;
  const ImVec2 c = r->center();
  click_at(c.x, c.y);
  return true;
}

void Headless::wheel(float x, float y, float lines) {
  ImGui::SetCurrentContext(ctx_);
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(x, y);
  frame();  // hover
  io.MouseWheel = -lines;
  frame();
  frame();  // the clipper follows the new scroll position
}

void Headless::click_at(float x, float y) {
  ImGui::SetCurrentContext(ctx_);
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(x, y);
  frame();  // hover
  io.MouseDown[0] = true;
  frame();  // press
  io.MouseDown[0] = false;
  frame();  // release
  frame();  // what the click opened appears (popups are measured off-screen for a frame)
}

void Headless::drag(float x0, float y0, float x1, float y1, int steps) {
  ImGui::SetCurrentContext(ctx_);
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(x0, y0);
  frame();
  io.MouseDown[0] = true;
  frame();
  for (int i = 1; i <= steps; ++i) {
    const float t = float(i) / float(steps);
    io.MousePos = ImVec2(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t);
    frame();
  }
  io.MouseDown[0] = false;
  frame();
}

void Headless::type(std::string_view utf8) {
  ImGui::SetCurrentContext(ctx_);
  ImGui::GetIO().AddInputCharactersUTF8(std::string(utf8).c_str());
  frame();
}

void Headless::press_enter() {
  ImGui::SetCurrentContext(ctx_);
  ImGuiIO& io = ImGui::GetIO();
  io.KeysDown[ImGuiKey_Enter] = true;
  frame();
  io.KeysDown[ImGuiKey_Enter] = false;
  frame();
}

void Headless::resize(int width, int height) {
  width_ = width;
  height_ = height;
  frame();
}

bool Headless::font_has(uint32_t c) const {
  ImFont* f = fonts_->body();
  return f && c <= 0xFFFF && f->FindGlyphNoFallback(ImWchar(c)) != nullptr;
}

FrameTiming time_view_frames(const std::string& database, ViewId view, int width, int height, bool tablet,
                             int frames) {
  HeadlessOptions o;
  o.database = database;
  o.width = width;
  o.height = height;
  o.tablet = tablet;
  o.view = view;
  Headless h(o);  // its constructor draws the first frame
  FrameTiming t;
  t.first_ms = h.last_frame_ms();
  double sum = 0;
  for (int i = 0; i < frames; ++i) {
    h.frame();
    sum += h.last_frame_ms();
    t.max_ms = std::max(t.max_ms, h.last_frame_ms());
  }
  t.frames = frames;
  t.mean_ms = frames ? sum / frames : 0;
  return t;
}

}  // namespace jiceng::gui
