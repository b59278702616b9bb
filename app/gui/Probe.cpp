#include "Probe.hpp"

#include <imgui.h>
#include <imgui_internal.h>
#include <nlohmann/json.hpp>

#include "App.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui {
namespace {

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t end; (end = s.find(sep, start)) != std::string::npos; start = end + 1)
    parts.push_back(s.substr(start, end - start));
  parts.push_back(s.substr(start));
  return parts;
}

nlohmann::json value_answer(Store& store, const std::string& spec) {
  const auto parts = split(spec, '|');
  if (parts.size() != 3) return nullptr;
  const auto org = store.find_org(parts[0]);
  const auto period = Period::parse(parts[2]);
  if (!org || !period) return nullptr;
  const auto v = store.value(org->id, parts[1], *period);
  if (!v) return nullptr;
  nlohmann::json history = nlohmann::json::array();
  HistoryFilter f;
  f.org = org->id;
  f.indicator = parts[1];
  f.period = period->str();
  for (const auto& e : store.history(f)) {
    history.push_back({{"user", e.user}, {"device", e.device}, {"action", e.action}, {"at", e.at},
                       {"old", e.old_value ? nlohmann::json(*e.old_value) : nlohmann::json(nullptr)},
                       {"new", e.new_value ? nlohmann::json(*e.new_value) : nlohmann::json(nullptr)}});
  }
  return {{"value", v->value}, {"status", std::string(to_string(v->status))}, {"history", history}};
}

}  // namespace

std::string answer_probe(App& app, const std::string& q) {
  nlohmann::json answer = nullptr;
  if (q.rfind("mark:", 0) == 0) {
    if (auto r = ui::find_mark(q.substr(5)))
      answer = {{"x", r->min.x}, {"y", r->min.y}, {"w", r->max.x - r->min.x}, {"h", r->max.y - r->min.y}};
  } else if (q == "view") {
    answer = std::string(view_name(app.current()));
  } else if (q == "active_text") {
    // The text field being edited, as the person sees it now (ImGui keeps it in wide characters).
    const ImGuiContext& g = *GImGui;
    if (g.ActiveId != 0 && g.InputTextState.ID == g.ActiveId) {
      const auto& w = g.InputTextState.TextW;
      std::string utf8(size_t(g.InputTextState.CurLenW) * 3 + 1, '\0');
      const int n = ImTextStrToUtf8(utf8.data(), int(utf8.size()), w.Data, w.Data + g.InputTextState.CurLenW);
      utf8.resize(size_t(n));
      answer = utf8;
    }
  } else if (q.rfind("value:", 0) == 0) {
    answer = value_answer(app.store(), q.substr(6));
  }
  return answer.dump();
}

}  // namespace jiceng::gui
