#include "widgets/EditorText.hpp"

#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>

namespace jiceng::gui::ui {
namespace {

std::string strip_breaks(const std::string& s, size_t display_cursor, size_t* plain_cursor) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (i == display_cursor && plain_cursor) *plain_cursor = out.size();
    if (s[i] != '\n' && s[i] != '\r') out += s[i];
  }
  if (display_cursor >= s.size() && plain_cursor) *plain_cursor = out.size();
  return out;
}

// Breaks before the character that would cross `width`; returns the display text and maps the
// plain cursor to its display position.
std::string wrap(const std::string& text, float width, size_t plain_cursor, size_t* display_cursor) {
  ImFont* font = ImGui::GetFont();
  const float scale = ImGui::GetFontSize() / font->FontSize;
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  float x = 0;
  const char* p = text.data();
  const char* end = p + text.size();
  if (display_cursor) *display_cursor = 0;
  while (p < end) {
    if (display_cursor && size_t(p - text.data()) == plain_cursor) *display_cursor = out.size();
    unsigned c = 0;
    int n = ImTextCharFromUtf8(&c, p, end);
    if (n <= 0) break;
    const float w = font->GetCharAdvance(ImWchar(c)) * scale;
    if (x + w > width && x > 0) {
      out += '\n';
      x = 0;
      if (display_cursor && size_t(p - text.data()) == plain_cursor) *display_cursor = out.size();
    }
    out.append(p, size_t(n));
    x += w;
    p += n;
  }
  if (display_cursor && plain_cursor >= text.size()) *display_cursor = out.size();
  return out;
}

struct CallbackData {
  WrappedInput* state;
  std::string previous;         // the text before this frame's edit
  size_t previous_display = 0;  // length of the display (soft breaks included) before it
};

// Display position of a cursor given in the text without soft breaks.
int display_pos(const char* buf, int len, size_t plain_cursor) {
  size_t plain = 0;
  for (int i = 0; i < len; ++i) {
    if (plain == plain_cursor && buf[i] != '\n') return i;
    if (buf[i] != '\n' && buf[i] != '\r') ++plain;
  }
  return len;
}

int on_edit(ImGuiInputTextCallbackData* d) {
  auto* cb = static_cast<CallbackData*>(d->UserData);
  WrappedInput& st = *cb->state;
  if (st.place_cursor && d->EventFlag == ImGuiInputTextFlags_CallbackAlways) {
    // ImGui starts a newly focused field with the cursor at 0: put it where the person was.
    d->CursorPos = d->SelectionStart = d->SelectionEnd = display_pos(d->Buf, d->BufTextLen, st.cursor);
    st.place_cursor = false;
    return 0;
  }
  const std::string buf(d->Buf, size_t(d->BufTextLen));
  size_t cursor = 0;
  std::string plain = strip_breaks(buf, size_t(d->CursorPos), &cursor);
  if (d->EventFlag == ImGuiInputTextFlags_CallbackEdit) {
    // Deleting a soft break changes nothing in the text: delete the character beside it instead.
    if (plain == cb->previous && buf.size() < cb->previous_display) {
      const bool back = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace));
      if (back && cursor > 0) {
        size_t start = cursor - 1;
        while (start > 0 && (static_cast<unsigned char>(plain[start]) & 0xC0) == 0x80) --start;
        plain.erase(start, cursor - start);
        cursor = start;
      } else if (!back && cursor < plain.size()) {
        size_t len = 1;
        while (cursor + len < plain.size() && (static_cast<unsigned char>(plain[cursor + len]) & 0xC0) == 0x80) ++len;
        plain.erase(cursor, len);
      }
    }
    size_t display_cursor = 0;
    std::string again = wrap(plain, st.width, cursor, &display_cursor);
    if (again != buf) {
      d->DeleteChars(0, d->BufTextLen);
      d->InsertChars(0, again.c_str(), again.c_str() + again.size());
      d->CursorPos = d->SelectionStart = d->SelectionEnd = int(display_cursor);
    }
    // st.display is the std::string ImGui is editing: it must not be touched here. Assigning it
    // reallocated it once the wrapped text outgrew its capacity, and ImGui's resize callback then
    // found its buffer gone (imgui_stdlib.cpp: data->Buf == str->c_str()). ImGui copies the
    // rewrapped text into it itself when the callbacks are done.
    cb->previous = plain;
    cb->previous_display = again.size();
  }
  st.cursor = cursor;
  return 0;
}

}  // namespace

EditResult wrapped_input(const char* id, std::string& text, WrappedInput& st, int min_lines) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float avail = ImGui::GetContentRegionAvail().x;
  const float width = std::max(avail - style.FramePadding.x * 2 - style.ScrollbarSize, ImGui::GetFontSize() * 4);
  const ImGuiID gid = ImGui::GetID(id);
  const bool active = ImGui::GetActiveID() == gid;
  // While ImGui owns the buffer (the field is active) only ImGui may change it: the callback edits
  // ImGui's copy through its data, never st.display itself.
  if (!active) {
    st.width = width;
    st.display = wrap(text, width, st.cursor, nullptr);
  }
  const int lines = int(std::count(st.display.begin(), st.display.end(), '\n')) + 1;
  const float height = float(std::max(lines + 1, min_lines)) * ImGui::GetTextLineHeight() + style.FramePadding.y * 2;
  if (st.focus) {
    ImGui::SetKeyboardFocusHere();
    st.focus = false;
    st.place_cursor = true;
  }
  CallbackData cb{&st, text, st.display.size()};
  const bool changed = ImGui::InputTextMultiline(
      id, &st.display, ImVec2(-FLT_MIN, height),
      ImGuiInputTextFlags_CtrlEnterForNewLine | ImGuiInputTextFlags_CallbackEdit | ImGuiInputTextFlags_CallbackAlways,
      on_edit, &cb);
  std::string now = strip_breaks(st.display, std::string::npos, nullptr);
  const bool text_changed = now != text;
  if (text_changed) text = std::move(now);
  // Enter, a tap elsewhere or another field taking the keyboard: the edit is finished.
  if (ImGui::IsItemDeactivated()) return EditResult::Done;
  return changed || text_changed ? EditResult::Changed : EditResult::None;
}

void insert_at_cursor(std::string& text, WrappedInput& st, const std::string& s) {
  const size_t at = std::min(st.cursor, text.size());
  text.insert(at, s);
  st.cursor = at + s.size();
}

}  // namespace jiceng::gui::ui
