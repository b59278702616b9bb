// 数据交换: the view model, the layout of its four cards, and where files come from — a folder on
// the desktop (typed, remembered in Settings, listed newest first), the file picker in the browser.
#include "views/ExchangeView.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>

#include "base/Strings.hpp"
#include "base/Time.hpp"
#include "platform/Files.hpp"
#include "sync/Export.hpp"
#include "Towns.hpp"
#include "views/Views.hpp"
#include "widgets/FormHistory.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui {
namespace fs = std::filesystem;

std::string destination_label(const std::string& destination) {
  if (destination == "town") return tr("exchange.dest.town");
  if (destination == sync::kCountyDestination) return tr("exchange.dest.county");
  return destination;
}

std::string file_name(const std::string& path) { return path_utf8(utf8_path(path).filename()); }

bool exchange_button(Context& ctx, const std::string& label, const char* mark, bool wide) {
  // Wide: to the card's right edge (a card keeps a margin of 0.6 em inside the region).
  const ImVec2 size(wide ? std::max(ui::em(4), ImGui::GetContentRegionAvail().x - ui::em(0.6f)) : 0.0f,
                    ctx.tablet ? ui::em(2.4f) : 0.0f);
  const bool pressed = ImGui::Button((label + "##" + mark).c_str(), size);
  ui::mark(mark);
  return pressed;
}

namespace {

// The folder a first visit offers: the person's home (where a USB stick's folder is near), else
// the data folder.
std::string default_folder(const Context& ctx) {
#ifdef _WIN32
  const char* home = std::getenv("USERPROFILE");
#else
  const char* home = std::getenv("HOME");
#endif
  return home && *home ? std::string(home) : ctx.data_dir;
}

std::string size_text(uintmax_t bytes) {
  char buf[32];
  if (bytes < 1024) std::snprintf(buf, sizeof buf, "%ju B", bytes);
  else if (bytes < 1024 * 1024) std::snprintf(buf, sizeof buf, "%.1f KB", double(bytes) / 1024);
  else std::snprintf(buf, sizeof buf, "%.1f MB", double(bytes) / (1024 * 1024));
  return buf;
}

std::string lower_extension(const fs::path& p) {
  std::string ext = path_utf8(p.extension());
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return ext;
}

// A file as the lists show it; nullopt when it is neither a package nor a database file.
std::optional<ExchangeFile> describe_file(const fs::path& p) {
  const std::string ext = lower_extension(p);
  if (ext != ".json" && ext != ".jcpkg" && ext != ".db") return std::nullopt;
  std::error_code ec;
  ExchangeFile f;
  f.path = path_utf8(p);
  f.name = path_utf8(p.filename());
  f.package = ext != ".db";
  f.size = size_text(fs::file_size(p, ec));
  const auto written = fs::last_write_time(p, ec);
  if (!ec) {
    // Through both clocks' "now": libc++ (the browser build) has no file_clock::to_sys.
    const auto sys = std::chrono::system_clock::now() +
                     std::chrono::duration_cast<std::chrono::system_clock::duration>(
                         written - fs::file_time_type::clock::now());
    f.mtime = std::chrono::duration_cast<std::chrono::seconds>(sys.time_since_epoch()).count();
    f.time = local_time_text(std::time_t(f.mtime));
  }
  return f;
}

}  // namespace

void ExchangeView::refresh(Context& ctx) {
  const auto town = ctx.store->town();
  has_town_ = town.has_value();
  town_ = town_name(*ctx.store);
  demo_ = is_demo(*ctx.store);
  ctx.need_text(town_);
  all_choices_.clear();
  if (town)
    for (const auto& o : ctx.store->orgs())
      if (o.parent == town->id && o.kind != OrgKind::Branch && o.kind != OrgKind::GeneralBranch)
        all_choices_.push_back({o.id, o.code, o.name});
  if (choices_all_) choices_ = all_choices_;  // a leader's or admin's choice follows the tree
  last_sent_for_ = "\x01";
  build_history(ctx);
  // Files written or taken in since: the folder is read again (not every frame).
  if (!platform::files_through_browser()) list_folder(ctx);
}

void ExchangeView::draw_content(Context& ctx) {
  if (!folder_loaded_) {
    folder_ = ctx.settings && !ctx.settings->exchange_dir.empty() ? ctx.settings->exchange_dir : default_folder(ctx);
    folder_loaded_ = true;
    ctx.need_text(folder_);
    if (!platform::files_through_browser()) list_folder(ctx);
  }
  take_picked(ctx);
  ui::heading(title());
  ui::mark("exchange.title");
  ui::muted(tr("exchange.explain"));
  if (has_town_) sign_in_prompt(ctx, tr("exchange.sign_in"));
  if (!platform::files_through_browser()) draw_folder(ctx);
  ImGui::Spacing();

  if (!has_town_) {  // a database with no town yet: the only thing to do is to start one
    ui::paragraph(tr("app.view.no_town"), ui::color::accent);
    draw_start(ctx);
    return;
  }
  const int cols = ctx.narrow ? 1 : ui::columns_for(26);
  if (!ImGui::BeginTable("##exchange", cols, ImGuiTableFlags_SizingStretchSame)) return;
  // A new tablet still on the demo town, nobody signed in, is most likely here to start its own
  // town; someone who signed in works in this one.
  const bool start_first = demo_ && !signed_in(ctx);
  if (start_first) {
    ImGui::TableNextColumn();
    draw_start(ctx);
  }
  ImGui::TableNextColumn();
  draw_export(ctx);
  ImGui::TableNextColumn();
  draw_import(ctx);
  ImGui::TableNextColumn();
  draw_history(ctx);
  if (!start_first) {
    ImGui::TableNextColumn();
    draw_start(ctx);
  }
  ImGui::EndTable();
}

std::string ExchangeView::folder_problem() const {
  std::error_code ec;
  if (folder_.empty()) return tr("exchange.folder.empty");
  if (!fs::is_directory(utf8_path(folder_), ec)) return tr("exchange.folder.missing", {{"dir", folder_}});
  return {};
}

void ExchangeView::draw_folder(Context& ctx) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("exchange.folder.label").c_str());
  ImGui::SameLine();
  const std::string refresh_label = tr("exchange.folder.refresh");
  const float button_w = ImGui::CalcTextSize(refresh_label.c_str()).x + 2 * ImGui::GetStyle().FramePadding.x;
  ImGui::SetNextItemWidth(std::max(ui::em(8), ImGui::GetContentRegionAvail().x - button_w - ImGui::GetStyle().ItemSpacing.x));
  const bool enter = ImGui::InputTextWithHint("##folder", tr("exchange.folder.hint").c_str(), &folder_,
                                              ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll);
  ui::mark("exchange.folder");
  ctx.need_text(folder_);
  const bool commit = enter || ImGui::IsItemDeactivatedAfterEdit();
  ImGui::SameLine();
  const bool again = ImGui::Button((refresh_label + "##exchange.folder.refresh").c_str(),
                                   ImVec2(0, ctx.tablet ? ImGui::GetFrameHeight() : 0.0f));
  ui::mark("exchange.folder.refresh");
  if (commit || again) {
    while (!folder_.empty() && (folder_.back() == ' ' || folder_.back() == '\n')) folder_.pop_back();
    if (ctx.settings && ctx.settings->exchange_dir != folder_) {
      ctx.settings->exchange_dir = folder_;
      ctx.shell->settings_changed();
    }
    list_folder(ctx);
  }
  const std::string problem = folder_problem();
  if (!problem.empty()) {
    ui::paragraph(problem, ui::color::accent);
    ui::mark("exchange.folder.problem");
  } else {
    ui::muted(tr("exchange.folder.explain"));
  }
}

void ExchangeView::list_folder(Context& ctx) {
  std::set<std::string> checked;
  for (const auto& f : files_)
    if (f.checked) checked.insert(f.path);
  files_.clear();
  listed_folder_ = folder_;
  std::error_code ec;
  const fs::path dir = utf8_path(folder_);
  const fs::path open_db = ctx.store ? utf8_path(ctx.store->path()) : fs::path();
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    std::error_code e2;
    if (!it->is_regular_file(e2)) continue;
    // The open town's own file is never offered (it is being written, and is this town already).
    if (!open_db.empty() && fs::equivalent(it->path(), open_db, e2)) continue;
    if (auto f = describe_file(it->path())) {
      f->checked = checked.count(f->path) > 0;
      ctx.need_text(f->name);
      files_.push_back(std::move(*f));
    }
  }
  std::sort(files_.begin(), files_.end(), [](const ExchangeFile& a, const ExchangeFile& b) {
    return a.mtime != b.mtime ? a.mtime > b.mtime : a.name < b.name;
  });
  if (std::none_of(files_.begin(), files_.end(), [&](const ExchangeFile& f) { return f.path == start_choice_; }))
    start_choice_.clear();
}

void ExchangeView::take_picked(Context& ctx) {
  if (!platform::files_through_browser()) return;
  const auto picked = platform::take_picked_files();
  if (picked.empty()) return;
  const Pick purpose = pick_;
  pick_ = Pick::None;
  if (purpose == Pick::Start) {
    run_start(ctx, picked.front());
    std::error_code ec;
    for (const auto& p : picked) fs::remove(utf8_path(p), ec);  // the picker's copies are ours to delete
    return;
  }
  for (const auto& p : picked) {
    auto f = describe_file(utf8_path(p));
    if (!f) {  // not a .json: still offered, and the import says what it is
      f = ExchangeFile{p, file_name(p), {}, {}, 0, true, true};
    }
    f->checked = true;
    ctx.need_text(f->name);
    files_.erase(std::remove_if(files_.begin(), files_.end(), [&](const ExchangeFile& e) { return e.path == p; }),
                 files_.end());
    files_.insert(files_.begin(), std::move(*f));
  }
}

std::unique_ptr<View> make_exchange_view() { return std::make_unique<ExchangeView>(); }

}  // namespace jiceng::gui
