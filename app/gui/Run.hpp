#pragma once
// The windowed app: the event loop (sleeping when idle), screenshots and startup statistics.
#include <string>

#include "App.hpp"

namespace jiceng::gui {

struct RunOptions {
  AppOptions app;
  std::string screenshot;  // write this PNG after the UI settles, then exit
  int width = 1280;
  int height = 800;
  bool stats = false;      // print startup phases and per-frame ImGui time, then exit
};

// Returns the process exit code; prints Chinese messages for errors a person can act on.
int run_windowed(const RunOptions& options);

}  // namespace jiceng::gui
