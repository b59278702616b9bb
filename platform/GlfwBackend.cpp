// The desktop backend: GLFW 3.3 window, OpenGL 3 context, Dear ImGui's glfw + opengl3 backends
// (compiled into Debian's libimgui.a).
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#ifdef _WIN32
#include <windows.h>
#endif

#include "Backend.hpp"

namespace jiceng::platform {
namespace {

// Set by our own GLFW callbacks (installed before ImGui's, which chain to them) so that
// wait_events can tell input from a timeout.
int g_events = 0;

void on_any(GLFWwindow*) { ++g_events; }
void on_mouse_button(GLFWwindow*, int, int, int) { ++g_events; }
void on_cursor(GLFWwindow*, double, double) { ++g_events; }
void on_scroll(GLFWwindow*, double, double) { ++g_events; }
void on_key(GLFWwindow*, int, int, int, int) { ++g_events; }
void on_char(GLFWwindow*, unsigned int) { ++g_events; }
void on_focus(GLFWwindow*, int) { ++g_events; }
void on_enter(GLFWwindow*, int) { ++g_events; }
void on_size(GLFWwindow*, int, int) { ++g_events; }

bool has_touch_screen() {
#if defined(_WIN32)
  return GetSystemMetrics(SM_MAXIMUMTOUCHES) > 0;
#elif defined(__linux__)
  // GLFW 3.3 has no touch API; udev marks touch screens in its database (input devices: c13:*).
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator("/run/udev/data", ec)) {
    if (e.path().filename().string().rfind("c13:", 0) != 0) continue;
    std::ifstream in(e.path());
    std::stringstream text;
    text << in.rdbuf();
    if (text.str().find("E:ID_INPUT_TOUCHSCREEN=1") != std::string::npos) return true;
  }
  return false;
#else
  return false;
#endif
}

Size monitor_work_area(GLFWmonitor* m) {
  int x = 0, y = 0, w = 0, h = 0;
  glfwGetMonitorWorkarea(m, &x, &y, &w, &h);
  // Work area is in screen coordinates; divide by the scale to compare in logical units.
  float sx = 1, sy = 1;
  glfwGetMonitorContentScale(m, &sx, &sy);
  return Size{int(w / std::max(1.0f, sx)), int(h / std::max(1.0f, sy))};
}

class GlfwBackend final : public Backend {
 public:
  explicit GlfwBackend(const WindowConfig& c) {
    glfwSetErrorCallback([](int, const char* text) { last_error() = text ? text : ""; });
    if (!glfwInit()) throw PlatformError(PlatformError::Code::NoDisplay, last_error());
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    glfwWindowHint(GLFW_VISIBLE, c.visible ? GLFW_TRUE : GLFW_FALSE);
    glfwWindowHint(GLFW_RESIZABLE, c.resizable ? GLFW_TRUE : GLFW_FALSE);
    // Size the window in logical units on HiDPI screens (Windows, X11 with Xft.dpi).
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
    window_ = glfwCreateWindow(c.width, c.height, c.title.c_str(), nullptr, nullptr);
    if (!window_) {
      std::string why = last_error();
      glfwTerminate();
      throw PlatformError(PlatformError::Code::NoOpenGL, why);
    }
    glfwMakeContextCurrent(window_);
    glfwSwapInterval(c.vsync ? 1 : 0);

    glfwSetWindowRefreshCallback(window_, on_any);
    glfwSetMouseButtonCallback(window_, on_mouse_button);
    glfwSetCursorPosCallback(window_, on_cursor);
    glfwSetScrollCallback(window_, on_scroll);
    glfwSetKeyCallback(window_, on_key);
    glfwSetCharCallback(window_, on_char);
    glfwSetWindowFocusCallback(window_, on_focus);
    glfwSetCursorEnterCallback(window_, on_enter);
    glfwSetFramebufferSizeCallback(window_, on_size);
    // install_callbacks=true: ImGui keeps ours and calls them after its own.
    ImGui_ImplGlfw_InitForOpenGL(window_, true);
    if (!ImGui_ImplOpenGL3_Init("#version 130")) {
      ImGui_ImplGlfw_Shutdown();
      glfwDestroyWindow(window_);
      glfwTerminate();
      throw PlatformError(PlatformError::Code::NoOpenGL, "OpenGL 3 backend failed to initialise");
    }
  }

  ~GlfwBackend() override {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    glfwDestroyWindow(window_);
    glfwTerminate();
  }

  bool wait_events(double timeout_s) override {
    int before = g_events;
    if (timeout_s > 0)
      glfwWaitEventsTimeout(timeout_s);
    else
      glfwPollEvents();
    return g_events != before;
  }

  bool should_close() const override { return glfwWindowShouldClose(window_); }

  void begin_frame() override {
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
  }

  Image read_back_buffer() override {
    Image img;
    glfwGetFramebufferSize(window_, &img.width, &img.height);
    img.rgba.resize(size_t(img.width) * img.height * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, img.width, img.height, GL_RGBA, GL_UNSIGNED_BYTE, img.rgba.data());
    flip_rows(img);  // OpenGL's first row is the bottom one
    return img;
  }

  void present() override { glfwSwapBuffers(window_); }

  float content_scale() const override {
    float x = 1, y = 1;
    glfwGetWindowContentScale(window_, &x, &y);
    return std::max(1.0f, std::max(x, y));
  }

  float framebuffer_scale() const override {
    int w = 0, h = 0, fw = 0, fh = 0;
    glfwGetWindowSize(window_, &w, &h);
    glfwGetFramebufferSize(window_, &fw, &fh);
    return w > 0 ? std::max(1.0f, float(fw) / float(w)) : 1.0f;
  }

  Size window_size() const override {
    Size s;
    glfwGetWindowSize(window_, &s.width, &s.height);
    return s;
  }

  Size screen_size() const override {
    GLFWmonitor* m = glfwGetPrimaryMonitor();
    return m ? monitor_work_area(m) : window_size();
  }

  void set_window_size(Size s) override { glfwSetWindowSize(window_, s.width, s.height); }

  bool touch_screen() const override { return has_touch_screen(); }

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
  static std::string& last_error() {
    static std::string e;
    return e;
  }
  GLFWwindow* window_ = nullptr;
};

}  // namespace

ScreenInfo probe_screen() {
  ScreenInfo info;
  // glfwInit is reference-free: the backend's own call later is a no-op, its glfwTerminate ends it.
  if (!glfwInit()) {
    const char* why = nullptr;
    glfwGetError(&why);
    info.error = why ? why : "";
    return info;
  }
  info.ok = true;
  if (GLFWmonitor* m = glfwGetPrimaryMonitor()) {
    info.work_area = monitor_work_area(m);
    float sx = 1, sy = 1;
    glfwGetMonitorContentScale(m, &sx, &sy);
    info.content_scale = std::max(1.0f, std::max(sx, sy));
  }
  info.touch = has_touch_screen();
  return info;
}

std::unique_ptr<Backend> create_backend(const WindowConfig& config) {
  return std::make_unique<GlfwBackend>(config);
}

}  // namespace jiceng::platform
