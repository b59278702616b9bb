// The browser backend: Emscripten's own GLFW over the page's <canvas>, WebGL 2 (OpenGL ES 3.0),
// Dear ImGui's glfw + opengl3 backends. Emscripten 3.1.6's GLFW knows nothing of the device pixel
// ratio, so the canvas is sized here in device pixels and the app is told the ratio as its content
// scale (as on an X11 HiDPI screen: window coordinates are pixels, sizes grow with the scale).
// Text comes from a hidden <input> (WebText.cpp), not from GLFW's key presses, so that on-screen
// keyboards and input methods (pinyin) work.
#include <GLFW/glfw3.h>
#include <GLES3/gl3.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "../Backend.hpp"
#include "WebText.hpp"

namespace jiceng::platform {
namespace {

int g_events = 0;  // bumped by every input callback; wait_events compares

void on_mouse_button(GLFWwindow*, int, int, int) { ++g_events; }
void on_cursor(GLFWwindow*, double, double) { ++g_events; }
void on_scroll(GLFWwindow*, double, double) { ++g_events; }
void on_key(GLFWwindow*, int, int, int, int) { ++g_events; }
void on_char(GLFWwindow*, unsigned int) { ++g_events; }
void on_size(GLFWwindow*, int, int) { ++g_events; }

// Emscripten 3.1.6's GLFW hands the scroll callback the browser's raw deltaY (100 pixels for a
// wheel notch in chromium, pointing down) where Dear ImGui expects notches pointing up: one notch
// threw the screen to its far end the wrong way. The wheel is read from the page's event instead,
// which also gives its unit; GLFW's scroll callback only wakes the loop.
EM_BOOL on_wheel(int, const EmscriptenWheelEvent* e, void*) {
  const double per_notch = e->deltaMode == DOM_DELTA_PIXEL ? 100.0 : e->deltaMode == DOM_DELTA_LINE ? 3.0 : 1.0;
  ImGuiIO& io = ImGui::GetIO();
  io.MouseWheelH -= float(e->deltaX / per_notch);  // ImGui: > 0 scrolls left, up
  io.MouseWheel -= float(e->deltaY / per_notch);
  ++g_events;
  return EM_TRUE;  // the page itself never scrolls
}

double device_pixel_ratio() { return std::max(1.0, emscripten_get_device_pixel_ratio()); }

// The canvas's size on the page in CSS pixels (it fills the viewport through the page's CSS).
Size css_size() {
  double w = 0, h = 0;
  emscripten_get_element_css_size("#canvas", &w, &h);
  return Size{int(std::lround(w)), int(std::lround(h))};
}

EM_JS(int, page_has_touch, (), { return (navigator.maxTouchPoints || 0) > 0 ? 1 : 0; });
EM_JS(int, screen_css_width, (), { return screen.width | 0; });
EM_JS(int, screen_css_height, (), { return screen.height | 0; });

class WebBackend final : public Backend {
 public:
  explicit WebBackend(const WindowConfig& c) {
    if (!glfwInit()) throw PlatformError(PlatformError::Code::NoDisplay, "glfwInit");
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    // ImGui draws 2D in order: no depth or stencil buffer to allocate and clear.
    glfwWindowHint(GLFW_DEPTH_BITS, 0);
    glfwWindowHint(GLFW_STENCIL_BITS, 0);
    const Size px = pixel_size();
    window_ = glfwCreateWindow(px.width, px.height, c.title.c_str(), nullptr, nullptr);
    if (!window_) throw PlatformError(PlatformError::Code::NoOpenGL, "WebGL 2");
    glfwMakeContextCurrent(window_);
    glfwSetMouseButtonCallback(window_, on_mouse_button);
    glfwSetCursorPosCallback(window_, on_cursor);
    glfwSetScrollCallback(window_, on_scroll);
    glfwSetKeyCallback(window_, on_key);
    glfwSetCharCallback(window_, on_char);
    glfwSetFramebufferSizeCallback(window_, on_size);
    ImGui_ImplGlfw_InitForOpenGL(window_, true);
    glfwSetScrollCallback(window_, on_scroll);  // instead of ImGui's: the wheel comes from on_wheel
    emscripten_set_wheel_callback("#canvas", nullptr, EM_TRUE, on_wheel);
    if (!ImGui_ImplOpenGL3_Init("#version 300 es")) {
      ImGui_ImplGlfw_Shutdown();
      glfwDestroyWindow(window_);
      throw PlatformError(PlatformError::Code::NoOpenGL, "WebGL 2 renderer");
    }
    web_text::install();
  }

  ~WebBackend() override {
    emscripten_set_wheel_callback("#canvas", nullptr, EM_TRUE, nullptr);
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    glfwDestroyWindow(window_);
    glfwTerminate();
  }

  // The browser never blocks: the page calls a frame per animation frame, and input arrives
  // between them through the callbacks above and the text bridge.
  bool wait_events(double) override {
    const int now = g_events + web_text::event_count();
    const bool happened = now != seen_;
    seen_ = now;
    return happened;
  }

  bool should_close() const override { return false; }

  void begin_frame() override {
    // Follow the page: rotation, a resized browser window, a moved-to-another-screen DPR.
    const Size want = pixel_size();
    int w = 0, h = 0;
    glfwGetWindowSize(window_, &w, &h);
    if (want.width > 0 && want.height > 0 && (want.width != w || want.height != h)) {
      glfwSetWindowSize(window_, want.width, want.height);
      ++g_events;
    }
    web_text::before_frame();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
  }

  void render() override {
    int w = 0, h = 0;
    glfwGetFramebufferSize(window_, &w, &h);
    glViewport(0, 0, w, h);
    glClearColor(0.95f, 0.95f, 0.96f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    web_text::after_frame();
  }

  Image read_back_buffer() override {
    Image img;
    glfwGetFramebufferSize(window_, &img.width, &img.height);
    img.rgba.resize(size_t(img.width) * img.height * 4);
    glReadPixels(0, 0, img.width, img.height, GL_RGBA, GL_UNSIGNED_BYTE, img.rgba.data());
    flip_rows(img);  // OpenGL's first row is the bottom one
    return img;
  }

  void present() override {}  // the browser shows the canvas when the animation frame ends

  float content_scale() const override { return float(device_pixel_ratio()); }
  float framebuffer_scale() const override { return 1.0f; }

  Size window_size() const override {
    Size s;
    glfwGetWindowSize(window_, &s.width, &s.height);
    return s;
  }

  // In logical (CSS) pixels, like the desktop's work area: decides the automatic tablet mode.
  Size screen_size() const override { return Size{screen_css_width(), screen_css_height()}; }

  void set_window_size(Size) override {}  // the page decides the canvas's size
  bool touch_screen() const override { return page_has_touch(); }

  void create_renderer_objects() override { ImGui_ImplOpenGL3_CreateDeviceObjects(); }
  void upload_fonts() override {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }

  std::string clipboard() const override {
    const char* t = glfwGetClipboardString(window_);
    return t ? t : "";
  }
  void set_clipboard(const std::string& utf8) override { glfwSetClipboardString(window_, utf8.c_str()); }

 private:
  static Size pixel_size() {
    const Size css = css_size();
    const double dpr = device_pixel_ratio();
    return Size{int(std::lround(css.width * dpr)), int(std::lround(css.height * dpr))};
  }

  GLFWwindow* window_ = nullptr;
  int seen_ = -1;
};

std::function<bool()> g_frame;

void frame_trampoline() {
  if (g_frame && !g_frame()) emscripten_cancel_main_loop();
}

EM_JS(void, note_first_frame, (double ms, const char* phases), {
  if (Module.jicengFirstFrame) Module.jicengFirstFrame(ms, JSON.parse(UTF8ToString(phases)));
});
EM_JS(void, note_screen_shown, (double ms), {
  if (Module.jicengScreenShown) Module.jicengScreenShown(ms);
});
EM_JS(void, note_frame, (double ms, const char* view), {
  if (Module.jicengFrame) Module.jicengFrame(ms, UTF8ToString(view));
});

}  // namespace

ScreenInfo probe_screen() {
  ScreenInfo info;
  info.ok = true;
  info.work_area = Size{screen_css_width(), screen_css_height()};
  info.content_scale = float(device_pixel_ratio());
  info.touch = page_has_touch();
  return info;
}

std::unique_ptr<Backend> create_backend(const WindowConfig& config) {
  return std::make_unique<WebBackend>(config);
}

bool has_threads() { return false; }

void run_beside(const std::function<void()>& side, const std::function<void()>& main) {
  side();  // no threads in this build (a page without cross-origin isolation has none)
  main();
}

bool run_loop(const std::function<bool()>& frame) {
  g_frame = frame;
  // 0: the page's animation frames; false: return now (main ends, the runtime stays).
  emscripten_set_main_loop(frame_trampoline, 0, false);
  return true;
}

void report_first_frame(double ms, const std::string& phases) { note_first_frame(ms, phases.c_str()); }
void report_screen_shown(double ms) { note_screen_shown(ms); }
void report_frame(double imgui_ms, const char* view) { note_frame(imgui_ms, view); }

}  // namespace jiceng::platform
