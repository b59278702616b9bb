#pragma once
// Charts on ImDrawList (Debian packages no plotting library for ImGui): lines and bars over
// categories with a value axis, Chinese labels and a legend; a progress ring; a horizontal bar
// with a target tick for long lists. Sized in em. Values show on tap (and on hover on a desktop),
// never by hover alone. Callers build the Spec once when their data changes, not per frame.
#include <imgui.h>

#include <optional>
#include <string>
#include <vector>

namespace jiceng::gui::chart {

enum class Style { Line, Dashed, Bars };

struct Series {
  std::string name;  // legend and tap box label
  std::vector<std::optional<double>> values;  // one per category; nullopt leaves a gap
  ImU32 color = IM_COL32(40, 100, 180, 255);
  Style style = Style::Line;
};

struct Spec {
  std::vector<std::string> categories;  // labels along the bottom (e.g. 1月 … 12月)
  std::vector<Series> series;
  int decimals = 0;    // of values in the tap box and on the axis
  std::string unit;    // after values in the tap box
  float height_em = 14;
  bool legend = true;
};

// Ticks of a value axis: round steps (1, 2, 5 × 10ⁿ) covering [lo, hi].
struct Ticks {
  double lo = 0, hi = 1, step = 1;
  int count() const;  // number of tick lines, lo and hi included
};
Ticks nice_ticks(double lo, double hi, int max_ticks = 5);

// Draws the chart in the full available width. A tap on a category opens a box with every
// series' value there, which stays until the next tap (a tap on the same category closes it); on
// a desktop hovering shows the same box. The plot area is marked "chart.<id>" (ui::mark).
// Returns the category tapped this frame.
std::optional<int> draw(const char* id, const Spec& spec);
// The middle of category k of n across a plot area [x0, x1] (where a finger taps it).
float category_x(float x0, float x1, int n, int k);

// A ring filled to `fraction` (0–1) with `center` written inside.
void progress_ring(float fraction, const std::string& center, ImU32 color, float radius_em = 2.2f);

// A thin horizontal bar: `fraction` filled, a tick at `marker` (e.g. the pace the year demands),
// full available width, `height_em` tall.
void bar(float fraction, ImU32 color, std::optional<float> marker = std::nullopt, float height_em = 0.3f);

}  // namespace jiceng::gui::chart
