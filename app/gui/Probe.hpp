#pragma once
// Answers the page's questions about the running app (the browser tests ask through
// window.jiceng; see platform/Storage.hpp set_test_probe). Read-only: it never changes anything.
#include <string>

namespace jiceng::gui {

class App;

// "mark:NAME"              → {"x","y","w","h"} of a marked widget on the last frame, or null
// "view"                   → the current screen's name
// "active_text"            → the text of the field being edited, or null
// "value:ORG|INDICATOR|PERIOD" → {"value","status","history":[{"user","device","old","new","at"}…]}
//                              from the open town's store, or null when there is no such value
// Anything else → null. The answer is JSON text.
std::string answer_probe(App& app, const std::string& question);

}  // namespace jiceng::gui
