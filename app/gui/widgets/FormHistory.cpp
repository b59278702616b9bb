#include "widgets/FormHistory.hpp"

#include <imgui.h>

#include "base/Strings.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui::ui {

void draw_history(const char* id, const std::vector<AuditLine>& rows, float height) {
  if (rows.empty()) {
    muted(tr("form.no_history"));
    return;
  }
  // Two columns when the layout is narrow or the panel is (a card beside the tree).
  const bool narrow = theme().narrow || ImGui::GetContentRegionAvail().x < em(40);
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable(id, narrow ? 2 : 5, flags, ImVec2(0, height))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  if (narrow) {
    ImGui::TableSetupColumn(tr("form.col_when_who").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(tr("form.col_what_change").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.6f);
  } else {
    ImGui::TableSetupColumn(tr("form.col_when").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.1f);
    ImGui::TableSetupColumn(tr("form.col_who").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(tr("form.col_what").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn(tr("form.col_change").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableSetupColumn(tr("form.col_reason").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
  }
  ImGui::TableHeadersRow();
  // Rows differ in height (wrapped text), so no clipper: a history is at most a few hundred rows.
  for (size_t i = 0; i < rows.size(); ++i) {
    const AuditLine& r = rows[i];
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.when.c_str());
    if (narrow) {
      ImGui::PushStyleColor(ImGuiCol_Text, color::muted);
      ImGui::TextWrapped("%s", (r.who + " \xC2\xB7 " + r.device).c_str());
      ImGui::PopStyleColor();
      ImGui::TableNextColumn();
      paragraph(r.what + (r.change.empty() ? std::string() : tr("form.colon") + r.change));
      if (!r.reason.empty()) paragraph(tr("form.reason_is", {{"reason", r.reason}}), color::muted);
    } else {
      ImGui::PushStyleColor(ImGuiCol_Text, color::muted);
      ImGui::TextUnformatted(r.device.c_str());
      ImGui::PopStyleColor();
      ImGui::TableNextColumn();
      paragraph(r.who);
      ImGui::TableNextColumn();
      paragraph(r.what);
      ImGui::TableNextColumn();
      paragraph(r.change);
      ImGui::TableNextColumn();
      paragraph(r.reason);
    }
    mark(std::string(id) + ".row." + std::to_string(i));
  }
  ImGui::EndTable();
}

}  // namespace jiceng::gui::ui
