#include "widgets/Widgets.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <unordered_map>
#include <vector>

#include "platform/Backend.hpp"
#include "platform/Fonts.hpp"
#include "widgets/RichText.hpp"

namespace jiceng::gui::ui {
namespace {

std::unordered_map<std::string, Rect>& marks() {
  static std::unordered_map<std::string, Rect> m;
  return m;
}

// Cards draw their background after their contents (whose height is known only then) into a
// channel below them; one splitter per open card.
std::vector<ImDrawListSplitter>& card_splitters() {
  static std::vector<ImDrawListSplitter> s;
  return s;
}

// Right edge (screen x) of each open card's content: widgets stop there, not at the window's edge.
std::vector<float>& card_rights() {
  static std::vector<float> r;
  return r;
}

// Width from the cursor to the right edge of the current card or, outside cards, the region.
float avail_width() {
  float w = ImGui::GetContentRegionAvail().x;
  if (!card_rights().empty()) w = std::min(w, card_rights().back() - ImGui::GetCursorScreenPos().x);
  return std::max(w, 1.0f);
}

}  // namespace

Theme& theme() {
  static Theme t;
  return t;
}

float em(float n) { return n * ImGui::GetFontSize(); }

// ---- Test hook -------------------------------------------------------------------------------

void mark(std::string_view key) {
  ImGuiWindow* w = ImGui::GetCurrentWindow();
  // A popup's first frame is laid out off-screen to measure it: nothing there can be clicked yet.
  for (ImGuiWindow* p = w; p; p = p->ParentWindow)
    if (p->Hidden || p->HiddenFramesCannotSkipItems > 0 || p->HiddenFramesCanSkipItems > 0) return;
  ImRect r(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
  r.ClipWithFull(w->ClipRect);
  if (r.GetWidth() <= 0 || r.GetHeight() <= 0) return;  // scrolled away: not clickable
  marks()[std::string(key)] = Rect{r.Min, r.Max};
}

std::optional<Rect> find_mark(std::string_view key) {
  auto it = marks().find(std::string(key));
  if (it == marks().end()) return std::nullopt;
  return it->second;
}

void clear_marks() { marks().clear(); }

// ---- Widgets ----------------------------------------------------------------------------------

bool nav_button(const char* label, bool selected, const ImVec2& size) {
  ImGui::PushStyleColor(ImGuiCol_Header, color::accent);
  ImGui::PushStyleColor(ImGuiCol_HeaderHovered, selected ? color::accent : color::accent_soft);
  ImGui::PushStyleColor(ImGuiCol_HeaderActive, color::accent);
  if (selected) ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32_WHITE);
  ImGui::PushStyleVar(ImGuiStyleVar_SelectableTextAlign, ImVec2(0.5f, 0.5f));
  bool clicked = ImGui::Selectable(label, selected, 0, size);
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(selected ? 4 : 3);
  return clicked;
}

void badge(const std::string& text, ImU32 c) {
  ImVec2 pad(em(0.4f), em(0.1f));
  ImVec2 size = ImGui::CalcTextSize(text.c_str());
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImVec2 end(pos.x + size.x + pad.x * 2, pos.y + size.y + pad.y * 2);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(pos, end, c, em(0.3f));
  dl->AddText(ImVec2(pos.x + pad.x, pos.y + pad.y), IM_COL32_WHITE, text.c_str());
  ImGui::Dummy(ImVec2(end.x - pos.x, end.y - pos.y));
}

void help(const char* id, const std::string& text) {
  ImGui::PushID(id);
  bool clicked = ImGui::SmallButton("?");
  mark(std::string("help.") + id);
  if (!theme().tablet && ImGui::IsItemHovered()) {
    ImGui::SetNextWindowSize(ImVec2(em(24), 0));
    ImGui::BeginTooltip();
    paragraph(text);
    ImGui::EndTooltip();
  }
  if (clicked) ImGui::OpenPopup("help");
  ImGui::SetNextWindowSize(ImVec2(em(24), 0));
  if (ImGui::BeginPopup("help")) {
    paragraph(text);
    ImGui::EndPopup();
  }
  ImGui::PopID();
}

void heading(const std::string& text) {
  if (theme().fonts) theme().fonts->add_heading_text(text);
  if (theme().heading) ImGui::PushFont(theme().heading);
  ImGui::TextUnformatted(text.c_str());
  if (theme().heading) ImGui::PopFont();
}

void paragraph(const std::string& text, ImU32 c) {
  ImGui::PushID(text.c_str());
  rich_text("##paragraph", {Span{text, c}});
  ImGui::PopID();
}

void muted(const std::string& text) { paragraph(text, color::muted); }

void empty_state(const std::string& title, const std::string& explain) {
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float x0 = ImGui::GetCursorPosX();
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + std::max(0.0f, avail.y * 0.3f - em(2)));
  auto centred = [&](float w) { ImGui::SetCursorPosX(x0 + std::max(0.0f, (avail.x - w) * 0.5f)); };
  if (theme().fonts) theme().fonts->add_heading_text(title);
  if (theme().heading) ImGui::PushFont(theme().heading);
  centred(ImGui::CalcTextSize(title.c_str()).x);
  ImGui::TextUnformatted(title.c_str());
  if (theme().heading) ImGui::PopFont();
  ImGui::Spacing();
  // One centred line when it fits (large text sizes wrap it as a paragraph instead).
  const float w = ImGui::CalcTextSize(explain.c_str()).x;
  if (w <= avail.x) {
    centred(w);
    ImGui::PushStyleColor(ImGuiCol_Text, color::muted);
    ImGui::TextUnformatted(explain.c_str());
    ImGui::PopStyleColor();
  } else {
    muted(explain);
  }
}

void label_value(const std::string& label, const std::string& value) {
  ImGui::PushTextWrapPos(-1.0f);  // one line: the value must not wrap character by character
  ImGui::TextUnformatted(label.c_str());
  const float label_end = ImGui::GetItemRectMax().x;
  const float w = ImGui::CalcTextSize(value.c_str()).x;
  ImGui::SameLine();
  const float x = ImGui::GetCursorScreenPos().x + avail_width() - w;
  ImGui::SetCursorScreenPos(ImVec2(std::max(x, label_end + em(1)), ImGui::GetCursorScreenPos().y));
  ImGui::TextUnformatted(value.c_str());
  ImGui::PopTextWrapPos();
}

void draw_bar(ImDrawList* dl, ImVec2 a, float w, float h, float fraction, ImU32 color, std::optional<float> marker) {
  dl->AddRectFilled(a, ImVec2(a.x + w, a.y + h), IM_COL32(228, 228, 234, 255), h * 0.5f);
  const float f = std::clamp(fraction, 0.0f, 1.0f);
  if (f > 0) dl->AddRectFilled(a, ImVec2(a.x + std::max(h, w * f), a.y + h), color, h * 0.5f);
  if (marker) {
    const float x = a.x + w * std::clamp(*marker, 0.0f, 1.0f);
    dl->AddLine(ImVec2(x, a.y - h * 0.6f), ImVec2(x, a.y + h * 1.6f), IM_COL32(60, 60, 70, 255), 1.5f);
  }
}

void progress(float fraction, const std::string& text, ImU32 c) {
  // A slim bar with its text beside it (ImGui's ProgressBar puts text over the fill, where it
  // collides with the bar's end).
  const float line = ImGui::GetTextLineHeight();
  const float text_w = text.empty() ? 0 : ImGui::CalcTextSize(text.c_str()).x + em(0.5f);
  const float width = std::max(avail_width(), em(4) + text_w);
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const float bar_w = width - text_w;
  const float h = std::max(4.0f, line * 0.45f);
  const ImVec2 a(pos.x, pos.y + (line - h) * 0.5f), b(pos.x + bar_w, a.y + h);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  draw_bar(dl, a, bar_w, h, fraction, c);
  if (!text.empty()) dl->AddText(ImVec2(b.x + em(0.5f), pos.y), ImGui::GetColorU32(ImGuiCol_Text), text.c_str());
  ImGui::Dummy(ImVec2(width, line));
}

bool stepper(const char* id, double* value, double step, int decimals, double min, double max) {
  ImGui::PushID(id);
  const float h = ImGui::GetFrameHeight();
  const ImVec2 button(theme().tablet ? h * 1.6f : h * 1.2f, h);
  bool changed = false;
  if (ImGui::Button("\xE2\x88\x92", button)) {  // U+2212 minus sign
    *value = std::max(min, *value - step);
    changed = true;
  }
  ImGui::SameLine(0, em(0.25f));
  ImGui::SetNextItemWidth(em(6));
  char fmt[16];
  std::snprintf(fmt, sizeof fmt, "%%.%df", std::clamp(decimals, 0, 6));
  if (ImGui::InputDouble("##value", value, 0, 0, fmt)) {
    *value = std::clamp(*value, min, max);
    changed = true;
  }
  ImGui::SameLine(0, em(0.25f));
  if (ImGui::Button("+", button)) {
    *value = std::min(max, *value + step);
    changed = true;
  }
  ImGui::PopID();
  return changed;
}

void drag_to_scroll() {
  if (!theme().tablet) return;
  ImGuiContext& g = *GImGui;
  ImGuiWindow* w = g.CurrentWindow;
  const ImGuiID id = w->GetID("##drag_to_scroll");
  // A press on this window's empty space (no widget under the finger) starts a scroll drag.
  if (ImGui::IsMouseClicked(ImGuiMouseButton_Left) && ImGui::IsWindowHovered() && g.HoveredId == 0 &&
      g.ActiveId == 0)
    ImGui::SetActiveID(id, w);
  if (g.ActiveId != id) return;
  ImGui::KeepAliveID(id);
  if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
    ImGui::ClearActiveID();
    return;
  }
  const ImVec2 d = g.IO.MouseDelta;
  if (d.y != 0) ImGui::SetScrollY(w, std::clamp(w->Scroll.y - d.y, 0.0f, w->ScrollMax.y));
  if (d.x != 0 && w->ScrollMax.x > 0) ImGui::SetScrollX(w, std::clamp(w->Scroll.x - d.x, 0.0f, w->ScrollMax.x));
}

int columns_for(float min_width_em) {
  if (theme().narrow) return 1;
  float avail = ImGui::GetContentRegionAvail().x;
  return std::clamp(int(avail / em(min_width_em)), 1, 4);
}

void begin_card(const char* id, const std::string& title) {
  ImGui::PushID(id);
  auto& splitters = card_splitters();
  splitters.emplace_back();
  splitters.back().Split(ImGui::GetWindowDrawList(), 2);
  splitters.back().SetCurrentChannel(ImGui::GetWindowDrawList(), 1);
  const float pad = em(0.6f);
  ImGui::BeginGroup();
  ImGui::Dummy(ImVec2(0, pad * 0.5f));
  ImGui::Indent(pad);
  float width = ImGui::GetContentRegionAvail().x - pad;
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
  card_rights().push_back(ImGui::GetCursorScreenPos().x + width);
  if (!title.empty()) heading(title);
  ImGui::GetStateStorage()->SetFloat(ImGui::GetID("##card_width"), width);
}

void end_card() {
  const float pad = em(0.6f);
  ImGui::PopTextWrapPos();
  card_rights().pop_back();
  float width = ImGui::GetStateStorage()->GetFloat(ImGui::GetID("##card_width"), 0);
  ImGui::Unindent(pad);
  ImGui::Dummy(ImVec2(width + pad * 2, pad * 0.5f));
  ImGui::EndGroup();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  auto& splitters = card_splitters();
  splitters.back().SetCurrentChannel(dl, 0);
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  dl->AddRectFilled(a, b, IM_COL32_WHITE, em(0.4f));
  dl->AddRect(a, b, IM_COL32(220, 220, 226, 255), em(0.4f));
  splitters.back().Merge(dl);
  splitters.pop_back();
  ImGui::PopID();
}

void numeric_keyboard() {
  if (ImGui::IsItemActive()) platform::want_numeric_keyboard();
}

}  // namespace jiceng::gui::ui
