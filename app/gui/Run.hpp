#pragma once
// The windowed app: the event loop (sleeping when idle), screenshots and startup statistics.
#include <string>
#include <vector>

#include "App.hpp"

namespace jiceng::gui {

struct RunOptions {
  AppOptions app;
  std::string screenshot;  // write this PNG after the UI settles, then exit
  int width = 1280;
  int height = 800;
  bool stats = false;      // print startup phases and per-frame ImGui time, then exit
  // Before a screenshot, input as a person gives it: "click:MARK" (a widget's ui::mark name) or
  // "type:TEXT", in order — so screenshots can show dialogs, open lists and typed text.
  std::vector<std::string> input;
};

// Returns the process exit code; prints Chinese messages for errors a person can act on.
int run_windowed(const RunOptions& options);

}  // namespace jiceng::gui
