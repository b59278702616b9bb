#pragma once
// The one interface between the app and a windowing system. app/gui talks only to this; GLFW 3.3 +
// OpenGL 3 implements it in GlfwBackend.cpp. Another backend (web, Android) adds a file here and
// touches neither app/ nor core/. Dear ImGui's context must exist before a backend is created.
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace jiceng::platform {

// What went wrong, as a code the app turns into a Chinese message (the platform has no strings).
class PlatformError : public std::runtime_error {
 public:
  enum class Code { NoDisplay, NoOpenGL, NoFont, FontUnreadable, ImageWrite };
  PlatformError(Code code, const std::string& detail) : std::runtime_error(detail), code(code) {}
  Code code;
};

struct WindowConfig {
  int width = 1280;    // logical size in screen coordinates
  int height = 800;
  bool visible = true;
  bool vsync = true;
  bool resizable = true;
  std::string title;  // UTF-8
};

struct Size {
  int width = 0;
  int height = 0;
};

// An RGBA8 picture, top row first.
struct Image {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> rgba;
};

class Backend {
 public:
  virtual ~Backend() = default;

  // Sleeps until input arrives or timeout_s passes (0: just poll). Returns true when something
  // happened that needs a redraw (input, resize, expose).
  virtual bool wait_events(double timeout_s) = 0;
  virtual bool should_close() const = 0;
  // Feeds ImGui the display size, time and input for the next frame (call before ImGui::NewFrame).
  virtual void begin_frame() = 0;
  // Draws ImGui's draw data into the back buffer (after ImGui::Render).
  virtual void render() = 0;
  // Copies the back buffer (call after render, before present).
  virtual Image read_back_buffer() = 0;
  virtual void present() = 0;

  // Pixels per logical unit reported by the system (HiDPI); 1 on ordinary screens.
  virtual float content_scale() const = 0;
  // Framebuffer pixels per window coordinate: 2 on a Retina Mac (coordinates are points), 1 where
  // window coordinates are pixels (X11, Windows), whatever the content scale.
  virtual float framebuffer_scale() const = 0;
  virtual Size window_size() const = 0;
  // Usable area of the monitor the window is on; decides the automatic tablet mode.
  virtual Size screen_size() const = 0;
  virtual void set_window_size(Size s) = 0;
  // Whether a touch screen is attached (turns the automatic tablet mode on).
  virtual bool touch_screen() const = 0;

  // Compiles the renderer's shaders and buffers now rather than on the first frame (startup
  // overlaps it with loading). Uses whatever atlas the context has; upload_fonts replaces it.
  virtual void create_renderer_objects() = 0;
  // Uploads ImGui's font atlas again after it was rebuilt (between frames).
  virtual void upload_fonts() = 0;

  virtual std::string clipboard() const = 0;
  virtual void set_clipboard(const std::string& utf8) = 0;
};

// What the app needs to know about the screen before its window exists (initialises GLFW).
struct ScreenInfo {
  Size work_area;             // usable monitor area in logical units; 0×0 when unknown
  float content_scale = 1;    // HiDPI scale
  bool touch = false;         // a touch screen is attached
  bool ok = false;            // false: no display
  std::string error;          // why not, from GLFW
};
ScreenInfo probe_screen();

// The window of this platform: a GLFW window with an OpenGL 3 context on the desktop, the page's
// canvas with WebGL 2 in the browser. Throws PlatformError when there is no display or no usable
// OpenGL.
std::unique_ptr<Backend> create_backend(const WindowConfig& config);

// Runs `side` on a worker thread while `main` runs on this one, and returns when both are done.
// Where there are no threads (the browser build) they run one after the other, side first.
void run_beside(const std::function<void()>& side, const std::function<void()>& main);
// Whether run_beside really runs its two parts at once.
bool has_threads();

// Calls `frame` for every frame until it returns false. The desktop loops here and returns once
// the window closed: false. The browser cannot block its page: the loop is handed to the page's
// animation frames and this returns true at once; the caller must then keep alive everything the
// frame uses (it runs after main returned).
bool run_loop(const std::function<bool()>& frame);

// The text field being edited this frame takes numbers: an on-screen keyboard shows its digits
// (the browser's numeric keyboard). Call right after the field, while it is active; nothing on the
// desktop. ImGui 1.86 keeps no field's flags past its frame, so the app says it.
void want_numeric_keyboard();

// The page's own notes about the app's life, for the browser tests (no-ops on the desktop):
// the first frame was drawn `ms` milliseconds after main() began (`phases`: a JSON object of the
// startup's parts, in milliseconds), the first screen with its figures after `ms` (the same frame
// unless it stood in for them), and what the last frame cost.
void report_first_frame(double ms, const std::string& phases);
void report_screen_shown(double ms);
void report_frame(double imgui_ms, const char* view);

// Writes a PNG; throws PlatformError(ImageWrite) on failure.
void write_png(const std::string& path, const Image& image);
// Turns an OpenGL read-back (bottom row first) into top row first.
void flip_rows(Image& image);
// Reads a PNG (tests check screenshots); empty image when unreadable.
Image read_png(const std::string& path);

}  // namespace jiceng::platform
