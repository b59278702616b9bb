// 数据交换 ▸ 导入数据包: the package files of the folder (newest first, ticked to import) or those
// picked in the browser; each file's counts or, for a refused one, why in Chinese. Core merges
// (sync::PackageImporter::import_files: one transaction, a savepoint per file, so a refused file
// writes nothing) and decides who may import (管理员 and 领导).
#include <imgui.h>

#include <filesystem>

#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "platform/Files.hpp"
#include "store/DeviceKeys.hpp"
#include "sync/Import.hpp"
#include "sync/Package.hpp"
#include "Towns.hpp"
#include "views/ExchangeView.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui {
namespace fs = std::filesystem;

// A scrolling table of the files: a tick box (or a single choice) with the name, size and time.
// Rows are all one height, drawn through a clipper. Marks: <id>.<file name>.
void ExchangeView::draw_file_list(Context& ctx, bool packages_only, const char* id) {
  std::vector<size_t> rows;
  for (size_t i = 0; i < files_.size(); ++i)
    if (!packages_only || files_[i].package) rows.push_back(i);
  if (rows.empty()) {
    ui::muted(platform::files_through_browser() ? tr("exchange.files.none_picked")
                                                : tr(packages_only ? "exchange.files.none" : "exchange.files.none_start"));
    return;
  }
  const bool narrow = ctx.narrow;
  const ImGuiStyle& st = ImGui::GetStyle();
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const float row_h = std::max(ImGui::GetFrameHeight(), narrow ? 2 * line : line) + 2 * st.CellPadding.y;
  const float height = float(std::min<size_t>(rows.size(), 6)) * row_h + 2;
  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH;
  // To the card's right edge (a card keeps a margin of 0.6 em inside the region).
  const float width = ImGui::GetContentRegionAvail().x - ui::em(0.6f);
  if (!ImGui::BeginTable(id, narrow ? 2 : 3, flags, ImVec2(width, height))) return;
  ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthStretch);
  if (!narrow) ImGui::TableSetupColumn("size", ImGuiTableColumnFlags_WidthFixed, ui::em(4.5f));
  ImGui::TableSetupColumn("time", ImGuiTableColumnFlags_WidthFixed, ui::em(narrow ? 6.5f : 7.5f));
  ImGuiListClipper clipper;
  clipper.Begin(int(rows.size()), row_h);
  while (clipper.Step()) {
    for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
      ExchangeFile& f = files_[rows[size_t(r)]];
      ImGui::TableNextRow(0, row_h);
      ImGui::TableNextColumn();
      ImGui::PushID(f.path.c_str());
      if (packages_only) {
        ImGui::Checkbox(f.name.c_str(), &f.checked);
      } else if (ImGui::RadioButton(f.name.c_str(), start_choice_ == f.path)) {
        start_choice_ = f.path;
      }
      ui::mark(std::string(id) + "." + f.name);
      ImGui::PopID();
      ImGui::PushStyleColor(ImGuiCol_Text, ui::color::muted);
      if (!narrow) {
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(f.size.c_str());
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(f.time.c_str());
      } else {
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(f.size.c_str());
        ImGui::TextUnformatted(f.time.size() > 5 ? f.time.substr(5).c_str() : f.time.c_str());  // 11-28 09:30
      }
      ImGui::PopStyleColor();
    }
  }
  ui::drag_to_scroll();
  ImGui::EndTable();
}

void ExchangeView::draw_import(Context& ctx) {
  ui::begin_card("import", tr("exchange.import.title"));
  ui::mark("exchange.import.card");
  ui::muted(tr("exchange.import.explain"));
  const Actor* actor = signed_in(ctx);
  if (!actor || actor->role == Role::Clerk) ui::paragraph(tr("exchange.import.who"), ui::color::warn);
  if (platform::files_through_browser()) {
    if (exchange_button(ctx, tr("exchange.import.pick"), "exchange.import.pick", ctx.narrow)) {
      pick_ = Pick::Import;
      platform::pick_files(".json");
    }
  }
  draw_file_list(ctx, true, "exchange.file");
  int n = 0;
  for (const auto& f : files_) n += f.package && f.checked;
  ImGui::BeginDisabled(n == 0);
  if (exchange_button(ctx, tr("exchange.import.run", {{"n", std::to_string(n)}}), "exchange.import.run", ctx.narrow))
    run_import(ctx);
  ImGui::EndDisabled();
  if (!import_msg_.empty()) {
    ui::paragraph(import_msg_, import_failed_ ? ui::color::accent : ui::color::ok);
    ui::mark("exchange.import.msg");
  }
  for (size_t i = 0; i < import_lines_.size(); ++i) {
    ImportLine& l = import_lines_[i];
    ui::paragraph(l.name + tr("form.colon") + l.text, l.refused ? ui::color::accent : 0);
    ui::mark("exchange.result." + l.name);
    if (l.refused && !l.key.empty() && actor && actor->role == Role::Admin) draw_pairing(ctx, l, *actor);
  }
  if (import_conflicts_ > 0) {
    if (exchange_button(ctx, tr("exchange.import.to_conflicts", {{"n", std::to_string(import_conflicts_)}}),
                        "exchange.import.conflicts", ctx.narrow))
      ctx.shell->navigate(ViewId::Conflicts);
  }
  ui::end_card();
}

namespace {

std::string counts_text(const sync::ImportResult& r) {
  std::string text = tr("exchange.import.counts",
                        {{"town", r.from.name}, {"added", std::to_string(r.added)}, {"updated", std::to_string(r.updated)},
                         {"removed", std::to_string(r.removed)}, {"unchanged", std::to_string(r.unchanged)},
                         {"conflicts", std::to_string(r.conflicts)},
                         {"members", std::to_string(r.members_added + r.members_updated + r.members_removed)}});
  // The town's own indicators: what arrived, and any definition kept here for a person to check.
  if (r.indicators_received > 0) text += "\n" + tr("exchange.import.indicators", {{"count", std::to_string(r.indicators_received)}});
  for (const auto& c : r.indicator_conflicts) text += "\n" + c;
  return text;
}

// A refusal because the sender's key is not registered here (or differs): what pairing needs.
void note_unknown_sender(Store& store, const std::string& file, ImportLine& l) {
  try {
    // Opened with this database's key when sealed for it; sealed for others, no pairing helps.
    const auto own = stored_device_key(store);
    const sync::ReadPackage r = sync::read_package(file, own ? &*own : nullptr);
    if (r.sealed) return;
    if (r.package.town.id != sync::town_identity(store).id) return;  // another town's: no pairing helps
    const KeyStatus k = r.key.empty() ? KeyStatus::Own : key_status(store, r.package.device, r.key);
    if ((k != KeyStatus::Unknown && k != KeyStatus::Different) || r.package.device == store.device_id()) return;
    l.device = r.package.device;
    l.key = r.key;
    l.fingerprint = key_fingerprint(r.key);
  } catch (const std::exception&) {
    // Unreadable: the refusal already says why.
  }
}

}  // namespace

// The browser's picked copies are the app's: deleted once taken in.
void ExchangeView::forget_picked(const std::vector<std::string>& paths) {
  std::error_code ec;
  for (const auto& p : paths) fs::remove(utf8_path(p), ec);
  files_.erase(std::remove_if(files_.begin(), files_.end(),
                              [&](const ExchangeFile& f) { return std::find(paths.begin(), paths.end(), f.path) != paths.end(); }),
               files_.end());
}

// Pairing: the sender's fingerprint, to be read out by the person holding that tablet (设置 → 关于
// shows it there); one tap registers the key and imports the file again.
void ExchangeView::draw_pairing(Context& ctx, ImportLine& l, const Actor& admin) {
  ImGui::PushID(l.path.c_str());
  ui::paragraph(tr("exchange.import.pair.explain", {{"fingerprint", l.fingerprint}}), ui::color::warn);
  if (exchange_button(ctx, tr("exchange.import.pair"), ("exchange.pair." + l.name).c_str(), ctx.narrow)) {
    try {
      ctx.store->transaction([&] { register_device_key(*ctx.store, l.device, l.key, "admin", admin); });
      const sync::ImportResult r = sync::PackageImporter(*ctx.store, admin).import_file(l.path);
      if (platform::files_through_browser()) forget_picked({l.path});
      l = ImportLine{l.name, counts_text(r), false, false, r.conflicts, l.path, {}, {}, {}};
      import_conflicts_ += r.conflicts;
      summarise_import(ctx);
    } catch (const std::exception& e) {
      l.text = tr("exchange.import.refused", {{"reason", failure_text(e, true)}});
    }
    ctx.need_text(l.text);
  }
  ImGui::PopID();
}

// The line above the files' outcomes: how many went in, were seen before, were refused.
void ExchangeView::summarise_import(Context& ctx) {
  int done = 0, seen = 0, refused = 0;
  for (const auto& l : import_lines_) ++(l.refused ? refused : l.seen ? seen : done);
  import_msg_ = tr("exchange.import.total", {{"done", std::to_string(done)}, {"seen", std::to_string(seen)},
                                             {"refused", std::to_string(refused)}});
  import_failed_ = refused > 0;
  ctx.need_text(import_msg_);
}

void ExchangeView::run_import(Context& ctx) {
  import_lines_.clear();
  import_conflicts_ = 0;
  import_failed_ = true;
  std::vector<std::string> paths;
  for (const auto& f : files_)
    if (f.package && f.checked) paths.push_back(f.path);
  try {
    const Actor* actor = signed_in(ctx);
    if (!actor) throw InputError(tr("exchange.import.sign_in_first"));
    sync::PackageImporter importer(*ctx.store, *actor);
    for (const auto& o : importer.import_files(paths)) {
      ImportLine l;
      l.name = file_name(o.file);
      l.path = o.file;
      if (!o.result) {
        l.refused = true;
        l.text = tr("exchange.import.refused", {{"reason", o.refusal}});
      } else if (o.result->already_imported) {
        l.seen = true;
        l.text = tr("exchange.import.already");
      } else {
        l.conflicts = o.result->conflicts;
        l.text = counts_text(*o.result);
        import_conflicts_ += o.result->conflicts;
      }
      if (l.refused) note_unknown_sender(*ctx.store, o.file, l);
      ctx.need_text(l.text);
      import_lines_.push_back(std::move(l));
    }
    summarise_import(ctx);
    // Taken in (or recognised): no longer ticked. In the browser the picked copies are ours to
    // delete, except a refused one whose sender an admin may still register.
    for (auto& f : files_) f.checked = false;
    if (platform::files_through_browser()) {
      std::vector<std::string> done_with;
      for (const auto& l : import_lines_)
        if (l.key.empty()) done_with.push_back(l.path);
      forget_picked(done_with);
    }
  } catch (const std::exception& e) {
    import_msg_ = failure_text(e, true);
  }
  ctx.need_text(import_msg_);
}

}  // namespace jiceng::gui
