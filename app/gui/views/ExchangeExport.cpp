// 数据交换 ▸ 导出数据包: which organisations (a clerk's own by default; leaders and admins any, or the
// whole town), the receiver, changes since the last package to it or everything. The package is
// made by core (sync::export_package, which also checks a clerk's organisations); the file goes
// into the chosen folder, or to the browser's downloads.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <ctime>
#include <filesystem>

#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "base/Time.hpp"
#include "platform/Files.hpp"
#include "sync/Export.hpp"
#include "Towns.hpp"
#include "views/ExchangeView.hpp"
#include "widgets/FormHistory.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui {
namespace fs = std::filesystem;

namespace {

// Text safe in a file name on any stick (FAT32 takes Chinese, not these).
std::string file_safe(const std::string& s) {
  std::string out;
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x20 && std::string_view("/\\:*?\"<>| ").find(c) == std::string_view::npos)
      out += c;
  return out;
}

// 「青禾镇_青石村_桃源村_20201128-093000.json」: whose, which organisations, when (local time).
std::string package_file_name(const std::string& town, const std::vector<std::string>& orgs, const std::string& to) {
  std::string name = file_safe(town);
  if (orgs.empty()) name += "_" + tr("exchange.file.whole_town");
  else if (orgs.size() <= 3)
    for (const auto& o : orgs) name += "_" + file_safe(o);
  else
    name += "_" + file_safe(tr("exchange.file.several", {{"first", orgs.front()}, {"n", std::to_string(orgs.size())}}));
  if (to != "town") name += "_" + file_safe(tr("exchange.file.to", {{"to", destination_label(to)}}));
  return name + "_" + local_time_text(std::time(nullptr), "%Y%m%d-%H%M%S") + ".json";
}

}  // namespace

std::string ExchangeView::destination() const {
  if (destination_kind_ == 0) return "town";
  if (destination_kind_ == 1) return sync::kCountyDestination;
  std::string d = destination_typed_;
  while (!d.empty() && d.back() == ' ') d.pop_back();
  while (!d.empty() && d.front() == ' ') d.erase(d.begin());
  return d;
}

void ExchangeView::reset_choice(Context& ctx, const Actor* actor) {
  choices_.clear();
  chosen_.clear();
  whole_town_ = false;
  choices_all_ = false;
  if (!actor) return;
  if (actor->role == Role::Clerk) {
    // A clerk's own organisations (as assigned to them), all chosen.
    for (OrgId id : actor->scope)
      if (auto o = ctx.store->org(id)) {
        choices_.push_back({o->id, o->code, o->name});
        chosen_.insert(o->id);
      }
  } else {
    choices_ = all_choices_;
    choices_all_ = true;
    whole_town_ = true;
  }
}

void ExchangeView::draw_export(Context& ctx) {
  ui::begin_card("export", tr("exchange.export.title"));
  ui::mark("exchange.export.card");
  ui::muted(tr("exchange.export.explain"));
  const Actor* actor = signed_in(ctx);
  const std::string who = actor ? actor->user + "|" + std::to_string(ctx.generation) : std::string();
  if (who != chooser_) {
    reset_choice(ctx, actor);
    chooser_ = who;
  }
  if (!actor) {
    ui::paragraph(tr("exchange.export.sign_in"), ui::color::accent);
    ui::end_card();
    return;
  }

  ImGui::TextUnformatted(tr("exchange.export.orgs").c_str());
  if (actor->role != Role::Clerk) {
    ImGui::Checkbox(tr("exchange.export.whole_town", {{"town", town_}}).c_str(), &whole_town_);
    ui::mark("exchange.export.town");
  }
  if (!whole_town_) {
    const int cols = std::max(1, int(ImGui::GetContentRegionAvail().x / ui::em(7.5f)));
    if (ImGui::BeginTable("##orgs", cols)) {
      for (const auto& c : choices_) {
        ImGui::TableNextColumn();
        bool on = chosen_.count(c.id) > 0;
        if (ImGui::Checkbox((c.name + "##" + c.code).c_str(), &on)) {
          if (on) chosen_.insert(c.id);
          else chosen_.erase(c.id);
        }
        ui::mark("exchange.export.org." + c.code);
      }
      ImGui::EndTable();
    }
  }

  ImGui::Spacing();
  ImGui::TextUnformatted(tr("exchange.export.to").c_str());
  const char* kinds[] = {"exchange.dest.town", "exchange.dest.county", "exchange.dest.other"};
  const char* marks[] = {"exchange.export.to.town", "exchange.export.to.county", "exchange.export.to.other"};
  for (int k = 0; k < 3; ++k) {
    if (k > 0) ImGui::SameLine(0, ui::em(1));
    if (ImGui::RadioButton(tr(kinds[k]).c_str(), destination_kind_ == k)) destination_kind_ = k;
    ui::mark(marks[k]);
  }
  if (destination_kind_ == 2) {
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - ui::em(0.6f));  // to the card's edge
    ImGui::InputTextWithHint("##to", tr("exchange.export.to_hint").c_str(), &destination_typed_);
    ui::mark("exchange.export.to.name");
    ctx.need_text(destination_typed_);
  }

  ImGui::Spacing();
  if (ImGui::RadioButton(tr("exchange.export.changes").c_str(), !everything_)) everything_ = false;
  ui::mark("exchange.export.changes");
  if (ImGui::RadioButton(tr("exchange.export.everything").c_str(), everything_)) everything_ = true;
  ui::mark("exchange.export.everything");
  // When the last package to this receiver went, read again only when the receiver changes.
  const std::string to = destination();
  if (to != last_sent_for_) {
    last_sent_for_ = to;
    const auto last = to.empty() ? std::nullopt : sync::last_sent(*ctx.store, to);
    last_sent_ = last ? tr("exchange.export.last", {{"to", destination_label(to)}, {"at", local_time_text(last->at)},
                                                    {"file", last->file}})
                      : tr("exchange.export.never", {{"to", destination_label(to)}});
    ctx.need_text(last_sent_);
  }
  ui::muted(last_sent_);

  ImGui::Spacing();
  const bool browser = platform::files_through_browser();
  if (exchange_button(ctx, tr(browser ? "exchange.export.run_download" : "exchange.export.run"), "exchange.export.run",
                      ctx.narrow))
    run_export(ctx, *actor);
  if (!export_msg_.empty()) {
    ui::paragraph(export_msg_, export_failed_ ? ui::color::accent : ui::color::ok);
    ui::mark("exchange.export.msg");
  }
  ui::end_card();
}

void ExchangeView::run_export(Context& ctx, const Actor& actor) {
  export_failed_ = true;
  exported_path_.clear();
  try {
    std::vector<std::string> codes, names;
    if (!whole_town_)
      for (const auto& c : choices_)
        if (chosen_.count(c.id)) {
          codes.push_back(c.code);
          names.push_back(c.name);
        }
    if (!whole_town_ && codes.empty()) throw InputError(tr("exchange.export.none_chosen"));
    const std::string to = destination();
    if (to.empty()) throw InputError(tr("exchange.export.no_receiver"), Location{{}, 0, tr("exchange.export.to")});
    const bool browser = platform::files_through_browser();
    if (!browser && !folder_problem().empty()) throw InputError(folder_problem());
    const std::string dir = browser ? platform::scratch_dir() : folder_;
    const std::string name = package_file_name(town_, names, to);
    fs::path path = utf8_path(dir) / utf8_path(name);
    for (int i = 2; fs::exists(path); ++i)
      path = utf8_path(dir) / utf8_path(name.substr(0, name.size() - 5) + "-" + std::to_string(i) + ".json");
    const sync::ExportSummary s =
        sync::export_package(*ctx.store, {codes, to, everything_, actor}, path_utf8(path));
    exported_path_ = path_utf8(path);
    const std::string file = path_utf8(path.filename());
    export_msg_ = tr("exchange.export.done", {{"file", file}, {"to", destination_label(to)},
                                              {"values", std::to_string(s.values)}, {"removed", std::to_string(s.removed)},
                                              {"members", std::to_string(s.members)}, {"targets", std::to_string(s.targets)},
                                              {"audit", std::to_string(s.audit)}});
    if (browser) {
      platform::offer_download(exported_path_, file);
      export_msg_ += tr("exchange.export.downloaded");
    } else {
      export_msg_ += tr("exchange.export.where", {{"dir", dir}});
    }
    if (s.values + s.removed + s.members == 0) export_msg_ += tr("exchange.export.nothing_new");
    export_msg_ += sync::sealing_text(*ctx.store, s);
    export_failed_ = false;
  } catch (const std::exception& e) {
    export_msg_ = failure_text(e, true);
  }
  ctx.need_text(export_msg_);
  last_sent_for_ = "\x01";
}

}  // namespace jiceng::gui
