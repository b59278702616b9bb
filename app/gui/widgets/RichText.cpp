#include "widgets/RichText.hpp"

#include <imgui_internal.h>


namespace jiceng::gui::ui {
namespace {

struct Piece {
  int span;
  const char* begin;
  const char* end;
  float x, width;
  int line;
};

// Full-width comma, full stop, enumeration comma, semicolon, colon, question and exclamation
// marks, closing brackets and quotes, ellipsis, and their ASCII kin: never at a line's start.
bool is_closing(unsigned c) {
  static const unsigned closing[] = {0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01, 0xFF09, 0x300B,
                                     0x300D, 0x300F, 0x3011, 0x3015, 0x201D, 0x2019, 0x2026, '%', ',', '.',
                                     ';', ':', '?', '!', ')'};
  for (unsigned k : closing)
    if (k == c) return true;
  return false;
}

bool is_word_char(unsigned c) { return c < 0x80 && c > 0x20; }

}  // namespace

int rich_text(const char* id, const std::vector<Span>& spans, float first_indent) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  if (window->SkipItems) return -1;
  ImFont* font = ImGui::GetFont();
  const float size = ImGui::GetFontSize();
  const float scale = size / font->FontSize;
  const float avail = std::max(ImGui::GetContentRegionAvail().x, size * 4);
  // Lines break one character short of the edge: closing punctuation may hang into that room.
  const float width = avail - size;
  const float line_h = ImGui::GetTextLineHeightWithSpacing();

  // Lay out: a unit is one CJK character or a run of ASCII letters/digits (kept together).
  std::vector<Piece> pieces;
  float x = first_indent;
  int line = 0;
  for (int si = 0; si < int(spans.size()); ++si) {
    const char* p = spans[si].text.data();
    const char* end = p + spans[si].text.size();
    while (p < end) {
      const char* unit_begin = p;
      unsigned c = 0;
      int n = ImTextCharFromUtf8(&c, p, end);
      if (n <= 0) break;
      p += n;
      float w = font->GetCharAdvance(ImWchar(c)) * scale;
      if (is_word_char(c)) {
        while (p < end && is_word_char(static_cast<unsigned char>(*p))) {
          w += font->GetCharAdvance(ImWchar(*p)) * scale;
          ++p;
        }
      }
      if (c == '\n') {
        ++line;
        x = 0;
        continue;
      }
      if (x + w > width && x > 0 && !is_closing(c)) {
        ++line;
        x = 0;
      }
      if (!pieces.empty() && pieces.back().span == si && pieces.back().line == line && pieces.back().end == unit_begin) {
        pieces.back().end = p;
        pieces.back().width += w;
      } else {
        pieces.push_back(Piece{si, unit_begin, p, x, w, line});
      }
      x += w;
    }
  }

  const ImVec2 origin = window->DC.CursorPos;
  const ImVec2 total(avail, float(line + 1) * line_h);
  const ImRect bb(origin, ImVec2(origin.x + total.x, origin.y + total.y));
  ImGui::ItemSize(total);
  const ImGuiID item_id = window->GetID(id);
  if (!ImGui::ItemAdd(bb, item_id)) return -1;

  ImDrawList* dl = window->DrawList;
  const ImU32 text_color = ImGui::GetColorU32(ImGuiCol_Text);
  int tapped = -1;
  // A tablet's press on text starts drag-to-scroll (text is no widget); a tap still counts.
  const bool clicked = ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) &&
                       ImGui::IsMouseReleased(ImGuiMouseButton_Left) &&
                       !ImGui::IsMouseDragPastThreshold(ImGuiMouseButton_Left);
  for (const Piece& pc : pieces) {
    const Span& s = spans[size_t(pc.span)];
    const ImVec2 pos(origin.x + pc.x, origin.y + float(pc.line) * line_h);
    const ImVec2 max(pos.x + pc.width, pos.y + size);
    if (s.background) dl->AddRectFilled(ImVec2(pos.x, pos.y - 1), ImVec2(max.x, max.y + 1), s.background, 2.0f);
    dl->AddText(font, size, pos, s.color ? s.color : text_color, pc.begin, pc.end);
    if (clicked && ImGui::IsMouseHoveringRect(pos, max)) tapped = pc.span;
  }
  return tapped;
}

}  // namespace jiceng::gui::ui
