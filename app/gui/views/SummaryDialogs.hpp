#pragma once
// What the editor's dialog files share: their buttons, closing, the message line, file paths in
// UTF-8 and the indicator search list (SummaryDialogs.cpp), and the X-template import dialog
// (SummaryImport.cpp).
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "views/SummaryEditor.hpp"

namespace jiceng::gui::summary_editor::dialog {

// Paths typed and shown are UTF-8 (C++20 made u8string a different type).
std::filesystem::path from_utf8(const std::string& s);
std::string to_utf8(const std::filesystem::path& p);

// A dialog button, finger-sized on a tablet; pressed only when enabled.
bool button(const std::string& text, const char* mark, const Context& ctx, bool enabled = true);
void close(Editor& e);              // closes the dialog and forgets its import state
void show_message(const Editor& e);  // the dialog's last message, red when an error
// Runs fn, which returns the message of its success (empty: none); a failure becomes the dialog's
// red message instead. Returns whether fn succeeded.
bool attempt(Editor& e, Context& ctx, const std::function<std::string()>& fn);
std::string value_text(const std::optional<double>& v, const Indicator* ind);
// The search field and hit list of the picker; returns the chosen indicator.
const Indicator* search_list(Editor& e, Context& ctx, float height);

void import_dialog(Editor& e, Context& ctx);

}  // namespace jiceng::gui::summary_editor::dialog
