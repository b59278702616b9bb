// The app's side of the hidden-input text bridge (see WebText.hpp and shell.js).
#include "WebText.hpp"

#include <emscripten.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <cfloat>
#include <deque>
#include <string>

namespace jiceng::platform::web_text {
namespace {

// What the page sent, in order: text, or a key the on-screen keyboard reported only as an edit
// (Android keyboards delete with an input event, not a key press).
struct Piece {
  std::string text;
  ImGuiKey key = ImGuiKey_COUNT;  // ImGuiKey_COUNT: text
};
std::deque<Piece> g_queue;
int g_events = 0;
int g_held_key = -1;  // a key index held down for one frame (ImGui 1.86 reads key state per frame)

bool g_numeric = false;  // the active field said it takes numbers (want_numeric_keyboard)

// What the page was last told.
int g_told_mode = -1;
float g_told_x = -1, g_told_y = -1, g_told_h = -1;

EM_JS(void, tell_page, (int mode, float x, float y, float line_height), {
  if (Module.jicengTextState) Module.jicengTextState(mode, x, y, line_height);
});

}  // namespace

void install() {}

void before_frame() {
  ImGuiIO& io = ImGui::GetIO();
  if (g_held_key >= 0) {
    io.KeysDown[g_held_key] = false;
    g_held_key = -1;
  }
  while (!g_queue.empty()) {
    Piece& p = g_queue.front();
    if (p.key == ImGuiKey_COUNT) {
      io.AddInputCharactersUTF8(p.text.c_str());
      g_queue.pop_front();
      continue;
    }
    // One key press per frame, after the text before it was taken.
    if (io.InputQueueCharacters.Size > 0) break;
    g_held_key = io.KeyMap[p.key];
    if (g_held_key >= 0) io.KeysDown[g_held_key] = true;
    g_queue.pop_front();
    ++g_events;  // the release needs a frame too
    break;
  }
}

void after_frame() {
  ImGuiContext& g = *GImGui;
  const ImGuiIO& io = g.IO;
  // 0: no field wants text; 1: text (names, reasons: the full keyboard and the input method);
  // 2: a number field (the numeric keyboard).
  const int mode = io.WantTextInput ? (g_numeric ? 2 : 1) : 0;
  g_numeric = false;
  // The caret, where the page puts the hidden input (the input method's candidates appear there).
  const ImVec2 caret = g.PlatformImePos;
  const float x = caret.x == FLT_MAX ? 0 : caret.x, y = caret.y == FLT_MAX ? 0 : caret.y;
  const float h = g.FontSize;
  if (mode == g_told_mode && x == g_told_x && y == g_told_y && h == g_told_h) return;
  g_told_mode = mode;
  g_told_x = x;
  g_told_y = y;
  g_told_h = h;
  tell_page(mode, x, y, h);
}

int event_count() { return g_events; }

}  // namespace jiceng::platform::web_text

namespace jiceng::platform {
void want_numeric_keyboard() { web_text::g_numeric = true; }
}  // namespace jiceng::platform

// Called by the page (shell.js) between animation frames.
extern "C" {
EMSCRIPTEN_KEEPALIVE void jiceng_web_text(const char* utf8) {
  using namespace jiceng::platform::web_text;
  if (!utf8 || !*utf8) return;
  g_queue.push_back({utf8, ImGuiKey_COUNT});
  ++g_events;
}

// Something the app should look at arrived (a file picked, a font loaded, storage measured).
EMSCRIPTEN_KEEPALIVE void jiceng_web_wake() { ++jiceng::platform::web_text::g_events; }

// 0 Backspace, 1 Enter, 2 Delete, 3 Left, 4 Right, 5 Tab, 6 Escape.
EMSCRIPTEN_KEEPALIVE void jiceng_web_key(int which) {
  using namespace jiceng::platform::web_text;
  static const ImGuiKey keys[] = {ImGuiKey_Backspace, ImGuiKey_Enter, ImGuiKey_Delete, ImGuiKey_LeftArrow,
                                  ImGuiKey_RightArrow, ImGuiKey_Tab, ImGuiKey_Escape};
  if (which < 0 || which >= int(sizeof keys / sizeof keys[0])) return;
  g_queue.push_back({{}, keys[which]});
  ++g_events;
}
}
