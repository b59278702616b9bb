#pragma once
// Text entry in the browser. A canvas raises no on-screen keyboard and takes no input method
// (pinyin), so while an ImGui field wants text the page focuses a hidden <input> (numeric keyboard
// for number fields), placed at the field's caret; what is typed there, composed or not, is fed to
// ImGui. The page's side is in shell.js; this is the app's side.
namespace jiceng::platform::web_text {

void install();         // hooks ImGui's IME position callback
void before_frame();    // hands queued text and key taps to ImGui for the coming frame
void after_frame();     // tells the page whether a field wants text, and of which kind
int event_count();      // bumps with every piece of text or key tap that arrived

}  // namespace jiceng::platform::web_text
