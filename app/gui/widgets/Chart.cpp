#include "widgets/Chart.hpp"

#include <imgui_internal.h>  // IM_PI

#include <algorithm>
#include <cmath>

#include "base/Strings.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui::chart {
namespace {

constexpr ImU32 kGrid = IM_COL32(225, 225, 232, 255);
constexpr ImU32 kAxisText = IM_COL32(110, 110, 118, 255);
constexpr ImU32 kHighlight = IM_COL32(178, 34, 34, 22);

float text_w(const std::string& s) { return ImGui::CalcTextSize(s.c_str()).x; }

// Dashes along a segment, continuing the pattern from segment to segment. `phase` stays in
// [0, 2·dash) and every step advances at least a quarter pixel, so rounding cannot stall the loop.
void dashed_line(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 c, float thickness, float dash, float& phase) {
  const float dx = b.x - a.x, dy = b.y - a.y, len = std::sqrt(dx * dx + dy * dy);
  if (len <= 0 || dash <= 0) return;
  for (float t = 0; t < len;) {
    const bool on = phase < dash;
    const float step = std::clamp((on ? dash : 2 * dash) - phase, 0.25f, len - t > 0.25f ? len - t : 0.25f);
    if (on)
      dl->AddLine(ImVec2(a.x + dx * t / len, a.y + dy * t / len),
                  ImVec2(a.x + dx * std::min(len, t + step) / len, a.y + dy * std::min(len, t + step) / len), c,
                  thickness);
    t += step;
    phase += step;
    if (phase >= 2 * dash) phase = 0;
  }
}

// The box listing each series' value at category k.
void value_box(const Spec& spec, int k) {
  ImGui::TextUnformatted(spec.categories[size_t(k)].c_str());
  for (const auto& s : spec.series) {
    const auto& v = size_t(k) < s.values.size() ? s.values[size_t(k)] : std::nullopt;
    ImGui::PushID(&s);  // one swatch per series
    ImGui::ColorButton("##swatch", ImGui::ColorConvertU32ToFloat4(s.color),
                       ImGuiColorEditFlags_NoTooltip | ImGuiColorEditFlags_NoDragDrop,
                       ImVec2(ui::em(0.7f), ui::em(0.7f)));
    ImGui::SameLine();
    const std::string text =
        s.name + "  " + (v ? format_number(*v, spec.decimals) + " " + spec.unit : tr("dashboard.chart.none"));
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopID();
  }
}

}  // namespace

int Ticks::count() const { return step > 0 ? std::clamp(int(std::lround((hi - lo) / step)) + 1, 1, 64) : 1; }

Ticks nice_ticks(double lo, double hi, int max_ticks) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) lo = 0, hi = 1;
  if (!(hi > lo)) hi = lo + 1;
  const double raw = (hi - lo) / std::max(1, max_ticks - 1);
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  double step = mag;
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (m * mag >= raw) {
      step = m * mag;
      break;
    }
  Ticks t;
  t.step = step;
  t.lo = std::floor(lo / step) * step;
  t.hi = std::ceil(hi / step - 1e-9) * step;
  if (t.hi <= t.lo) t.hi = t.lo + step;
  return t;
}

float category_x(float x0, float x1, int n, int k) { return x0 + (x1 - x0) * (k + 0.5f) / float(std::max(1, n)); }

std::optional<int> draw(const char* id, const Spec& spec) {
  ImGui::PushID(id);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const float width = std::max(ImGui::GetContentRegionAvail().x, ui::em(10));
  const float height = ui::em(spec.height_em);
  const float line = ImGui::GetTextLineHeight();
  const int n = int(spec.categories.size());

  // Value range: zero is always on the axis (counts and money start there).
  double lo = 0, hi = 0;
  for (const auto& s : spec.series)
    for (const auto& v : s.values)
      if (v) {
        lo = std::min(lo, *v);
        hi = std::max(hi, *v);
      }
  const Ticks ticks = nice_ticks(lo, hi, 5);
  float label_w = 0;
  for (int i = 0; i < ticks.count(); ++i)
    label_w = std::max(label_w, text_w(format_number(ticks.lo + i * ticks.step, spec.decimals)));

  // Legend height: entries flow left to right in rows.
  float legend_h = 0;
  if (spec.legend && !spec.series.empty()) legend_h = line + ui::em(0.4f);
  const float x0 = pos.x + label_w + ui::em(0.5f), x1 = pos.x + width - ui::em(0.5f);
  const float y0 = pos.y + line * 0.5f, y1 = pos.y + height - line - ui::em(0.4f) - legend_h;
  auto y_of = [&](double v) { return float(y1 - (v - ticks.lo) / (ticks.hi - ticks.lo) * (y1 - y0)); };

  // Grid and value labels.
  for (int i = 0; i < ticks.count(); ++i) {
    const double v = ticks.lo + i * ticks.step;
    const float y = y_of(v);
    dl->AddLine(ImVec2(x0, y), ImVec2(x1, y), kGrid, 1);
    const std::string label = format_number(v, spec.decimals);
    dl->AddText(ImVec2(x0 - ui::em(0.3f) - text_w(label), y - line * 0.5f), kAxisText, label.c_str());
  }

  // Interaction: one invisible button over the plot; the category under the finger.
  ImGui::SetCursorScreenPos(ImVec2(x0, y0));
  ImGui::InvisibleButton("##plot", ImVec2(std::max(1.0f, x1 - x0), std::max(1.0f, y1 - y0)));
  ui::mark(std::string("chart.") + id);
  ImGuiStorage* storage = ImGui::GetStateStorage();
  const ImGuiID sel_id = ImGui::GetID("##selected");
  int selected = storage->GetInt(sel_id, -1);
  auto category_at = [&](float x) { return std::clamp(int((x - x0) / (x1 - x0) * n), 0, std::max(0, n - 1)); };
  std::optional<int> tapped;
  if (ImGui::IsItemClicked() && n > 0) {
    const int k = category_at(ImGui::GetIO().MousePos.x);
    tapped = k;
    selected = selected == k ? -1 : k;
    storage->SetInt(sel_id, selected);
  }
  int hovered = -1;
  if (!ui::theme().tablet && ImGui::IsItemHovered() && n > 0) hovered = category_at(ImGui::GetIO().MousePos.x);
  const int boxed = hovered >= 0 ? hovered : selected;
  const float cw = n > 0 ? (x1 - x0) / n : 0;
  if (boxed >= 0 && boxed < n)
    dl->AddRectFilled(ImVec2(x0 + cw * boxed, y0), ImVec2(x0 + cw * (boxed + 1), y1), kHighlight);

  // Category labels, thinned so that they never overlap.
  float widest = 0;
  for (const auto& c : spec.categories) widest = std::max(widest, text_w(c));
  const int every = cw > 0 ? std::max(1, int(std::ceil((widest + ui::em(0.4f)) / cw))) : 1;
  for (int k = 0; k < n; k += every) {
    const std::string& c = spec.categories[size_t(k)];
    dl->AddText(ImVec2(category_x(x0, x1, n, k) - text_w(c) * 0.5f, y1 + ui::em(0.2f)), kAxisText, c.c_str());
  }

  // Bars first (grouped side by side), lines over them.
  int bar_series = 0;
  for (const auto& s : spec.series) bar_series += s.style == Style::Bars;
  const float group = cw * 0.7f, bw = bar_series ? group / bar_series : 0;
  int b = 0;
  for (const auto& s : spec.series) {
    if (s.style != Style::Bars) continue;
    for (int k = 0; k < n && size_t(k) < s.values.size(); ++k) {
      if (!s.values[size_t(k)]) continue;
      const float left = x0 + cw * k + (cw - group) * 0.5f + bw * b;
      const float ya = y_of(std::max(0.0, *s.values[size_t(k)])), yb = y_of(std::min(0.0, *s.values[size_t(k)]));
      dl->AddRectFilled(ImVec2(left + 1, ya), ImVec2(left + bw - 1, std::max(yb, ya + 1)), s.color);
    }
    ++b;
  }
  const float thick = std::max(1.5f, ui::em(0.14f));
  for (const auto& s : spec.series) {
    if (s.style == Style::Bars) continue;
    float phase = 0;
    std::optional<ImVec2> prev;
    for (int k = 0; k < n && size_t(k) < s.values.size(); ++k) {
      if (!s.values[size_t(k)]) {
        prev.reset();  // a gap: months without data are not joined
        continue;
      }
      const ImVec2 p(category_x(x0, x1, n, k), y_of(*s.values[size_t(k)]));
      if (prev) {
        if (s.style == Style::Dashed) dashed_line(dl, *prev, p, s.color, thick, ui::em(0.4f), phase);
        else dl->AddLine(*prev, p, s.color, thick);
      }
      if (s.style == Style::Line) dl->AddCircleFilled(p, thick * 1.6f, s.color);
      prev = p;
    }
  }

  // Legend.
  if (legend_h > 0) {
    float x = x0;
    const float y = pos.y + height - legend_h + ui::em(0.2f);
    for (const auto& s : spec.series) {
      const float sw = ui::em(0.8f);
      if (s.style == Style::Bars) dl->AddRectFilled(ImVec2(x, y + line * 0.2f), ImVec2(x + sw, y + line * 0.8f), s.color);
      else dl->AddLine(ImVec2(x, y + line * 0.5f), ImVec2(x + sw, y + line * 0.5f), s.color, thick);
      x += sw + ui::em(0.3f);
      dl->AddText(ImVec2(x, y), ImGui::GetColorU32(ImGuiCol_Text), s.name.c_str());
      x += text_w(s.name) + ui::em(1.0f);
    }
  }

  // The value box: beside the category, inside the chart.
  if (boxed >= 0 && boxed < n) {
    if (hovered >= 0) {
      ImGui::BeginTooltip();
      value_box(spec, boxed);
      ImGui::EndTooltip();
    } else {
      const float box_x = category_x(x0, x1, n, boxed) > (x0 + x1) * 0.5f ? x0 + ui::em(0.5f) : x0 + (x1 - x0) * 0.5f;
      ImGui::SetCursorScreenPos(ImVec2(box_x, y0 + ui::em(0.2f)));
      ImGui::BeginGroup();
      ImDrawListSplitter split;
      split.Split(dl, 2);
      split.SetCurrentChannel(dl, 1);
      value_box(spec, boxed);
      ImGui::EndGroup();
      split.SetCurrentChannel(dl, 0);
      const ImVec2 a = ImGui::GetItemRectMin(), z = ImGui::GetItemRectMax(), pad(ui::em(0.4f), ui::em(0.3f));
      dl->AddRectFilled(ImVec2(a.x - pad.x, a.y - pad.y), ImVec2(z.x + pad.x, z.y + pad.y), IM_COL32(255, 255, 255, 240),
                        ui::em(0.3f));
      dl->AddRect(ImVec2(a.x - pad.x, a.y - pad.y), ImVec2(z.x + pad.x, z.y + pad.y), kGrid, ui::em(0.3f));
      split.Merge(dl);
    }
  }

  ImGui::SetCursorScreenPos(pos);
  ImGui::Dummy(ImVec2(width, height));
  ImGui::PopID();
  return tapped;
}

void progress_ring(float fraction, const std::string& center, ImU32 color, float radius_em) {
  const float r = ui::em(radius_em), thick = ui::em(0.35f);
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const ImVec2 c(pos.x + r, pos.y + r);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  constexpr float kTop = -IM_PI / 2;
  dl->PathArcTo(c, r - thick * 0.5f, 0, 2 * IM_PI, 48);
  dl->PathStroke(kGrid, ImDrawFlags_Closed, thick);
  const float f = std::clamp(fraction, 0.0f, 1.0f);
  if (f > 0) {
    dl->PathArcTo(c, r - thick * 0.5f, kTop, kTop + 2 * IM_PI * f, std::max(8, int(48 * f)));
    dl->PathStroke(color, 0, thick);
  }
  const ImVec2 ts = ImGui::CalcTextSize(center.c_str());
  dl->AddText(ImVec2(c.x - ts.x * 0.5f, c.y - ts.y * 0.5f), ImGui::GetColorU32(ImGuiCol_Text), center.c_str());
  ImGui::Dummy(ImVec2(2 * r, 2 * r));
}

void bar(float fraction, ImU32 color, std::optional<float> marker, float height_em) {
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const float w = std::max(ImGui::GetContentRegionAvail().x, ui::em(2)), h = std::max(3.0f, ui::em(height_em));
  ui::draw_bar(ImGui::GetWindowDrawList(), pos, w, h, fraction, color, marker);
  ImGui::Dummy(ImVec2(w, h));
}

}  // namespace jiceng::gui::chart
