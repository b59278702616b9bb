// 数据交换 ▸ 收发记录: the packages this device sent and took in, newest first — when, to which
// receiver or from which device and person, which organisations, what it held. Read by core
// (sync::exchange_history), formatted once per data change, drawn through a list clipper.
#include <imgui.h>

#include "base/Strings.hpp"
#include "base/Time.hpp"
#include "store/Devices.hpp"
#include "store/Store.hpp"
#include "views/ExchangeView.hpp"
#include "widgets/FormHistory.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui {
namespace {

std::string org_list(const std::vector<std::string>& orgs) {
  std::string out;
  for (const auto& o : orgs) out += (out.empty() ? "" : tr("exchange.history.sep")) + o;
  return out.empty() ? tr("exchange.history.orgs_unknown") : out;
}

std::string n(int v) { return std::to_string(v); }

}  // namespace

void ExchangeView::build_history(Context& ctx) {
  history_.clear();
  const DeviceNames devices = device_names(*ctx.store);
  for (const auto& r : sync::exchange_history(*ctx.store)) {
    HistoryLine l;
    l.sent = r.sent;
    const std::string when = local_time_text(r.at);
    if (r.sent) {
      l.head = tr("exchange.history.sent", {{"at", when}, {"to", destination_label(r.peer)}, {"by", r.by}});
      l.detail = tr("exchange.history.sent_detail",
                    {{"orgs", org_list(r.orgs)},
                     {"what", tr(r.everything ? "exchange.history.everything" : "exchange.history.changes")},
                     {"values", n(r.values)}, {"removed", n(r.removed)}, {"members", n(r.members)},
                     {"targets", n(r.targets)}, {"audit", n(r.audit)}, {"file", r.file}});
    } else {
      const std::string device = device_label(devices, r.peer);
      const std::string sender = r.sender.empty() ? device : tr("exchange.history.device_person", {{"device", device}, {"person", r.sender}});
      l.head = tr("exchange.history.received", {{"at", when}, {"from", sender}, {"by", r.by}});
      l.detail = tr("exchange.history.received_detail",
                    {{"orgs", org_list(r.orgs)}, {"added", n(r.added)}, {"updated", n(r.updated)},
                     {"removed", n(r.deleted)}, {"unchanged", n(r.unchanged)}, {"conflicts", n(r.conflicts)},
                     {"members", n(r.members_changed)}, {"file", r.file}});
      if (r.adopted) l.detail = tr("exchange.history.adopted") + l.detail;
    }
    ctx.need_text(l.head);
    ctx.need_text(l.detail);
    history_.push_back(std::move(l));
  }
}

void ExchangeView::draw_history(Context& ctx) {
  ui::begin_card("history", tr("exchange.history.title"));
  ui::mark("exchange.history.card");
  if (history_.empty()) {
    ui::muted(tr("exchange.history.none"));
    ui::end_card();
    return;
  }
  ui::muted(tr("exchange.history.count", {{"n", std::to_string(history_.size())}}));
  // Two lines an entry, every entry the same height, so the clipper draws only what shows.
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const float row_h = 2 * line;
  // Room for the border's padding above and below, and for the horizontal scrollbar a long line
  // brings (on a portrait tablet nearly every line is longer than the card): without it the bar
  // covered the last entry's second line.
  const ImGuiStyle& st = ImGui::GetStyle();
  const float height = float(std::min<size_t>(history_.size(), ctx.narrow ? 5 : 7)) * row_h + 2 * st.WindowPadding.y +
                       st.ScrollbarSize;
  ImGui::BeginChild("##history", ImVec2(ImGui::GetContentRegionAvail().x - ui::em(0.6f), height), true,
                    ImGuiWindowFlags_HorizontalScrollbar);
  ImGuiListClipper clipper;
  clipper.Begin(int(history_.size()), row_h);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const HistoryLine& l = history_[size_t(i)];
      ImGui::PushStyleColor(ImGuiCol_Text, l.sent ? ui::color::accent : ui::color::ok);
      ImGui::TextUnformatted(l.head.c_str());
      ImGui::PopStyleColor();
      ui::mark("exchange.history." + std::to_string(i));
      ImGui::PushStyleColor(ImGuiCol_Text, ui::color::muted);
      ImGui::TextUnformatted(l.detail.c_str());
      ImGui::PopStyleColor();
    }
  }
  ui::drag_to_scroll();
  ImGui::EndChild();
  ui::end_card();
}

}  // namespace jiceng::gui
