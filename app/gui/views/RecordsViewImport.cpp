// 组织与党员 ▸ 导入: organisations (all rows or none, core/RecordsCsv) and members (a preview
// first, RecordsViewImportPreview.cpp) from CSV files. A refusal names the file, line and column,
// exactly as the command-line import does.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <filesystem>

#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "csv/OrgsCsv.hpp"
#include "Towns.hpp"
#include "views/RecordsView.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui {
namespace {

// CSV files in the data folder, offered as quick picks (ImGui has no file dialog).
std::vector<std::string> csv_files(const std::string& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  if (dir.empty()) return out;
  for (const auto& e : std::filesystem::directory_iterator(utf8_path(dir), ec)) {
    std::string ext = path_utf8(e.path().extension());
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    if (ext == ".csv") out.push_back(path_utf8(e.path()));
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

void RecordsView::draw_import(Context& ctx) {
  const Actor* actor = signed_in(ctx);
  if (plan_ && actor) {
    draw_import_preview(ctx, *actor);
    return;
  }
  plan_.reset();  // signed out: the preview was made for someone else
  ui::begin_card("import", tr("records.import.title"));
  ui::paragraph(tr("records.import.explain"));
  ImGui::Spacing();
  ImGui::TextUnformatted(tr("records.import.orgs_columns").c_str());
  ui::muted(tr("records.import.orgs_format"));
  ImGui::TextUnformatted(tr("records.import.members_columns").c_str());
  ui::muted(tr("records.import.members_format"));
  ImGui::Spacing();
  ImGui::TextUnformatted(tr("records.import.file").c_str());
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (ImGui::InputTextWithHint("##path", tr("records.import.path_hint").c_str(), &import_path_))
    ctx.need_text(import_path_);
  ui::mark("records.import.path");
  // The folder is listed when the list opens, not on every frame.
  if (ImGui::TreeNode(tr("records.import.pick", {{"dir", ctx.data_dir}}).c_str())) {
    if (!csv_listed_) {
      csv_files_ = csv_files(ctx.data_dir);
      csv_listed_ = true;
    }
    const auto& files = csv_files_;
    if (files.empty()) ui::muted(tr("records.import.none_found"));
    for (const auto& f : files) {
      ctx.need_text(f);
      const std::string name = path_utf8(utf8_path(f).filename());
      if (ImGui::Selectable(name.c_str(), import_path_ == f)) import_path_ = f;
      ui::mark("records.import.file." + name);
    }
    ImGui::TreePop();
  } else {
    csv_listed_ = false;
  }
  ui::mark("records.import.pick");
  ImGui::Spacing();
  if (!actor) {
    ui::muted(tr("records.import.sign_in"));
    ui::end_card();
    return;
  }
  auto import_orgs = [&] {
    try {
      if (import_path_.empty()) throw InputError(tr("records.import.no_file"));
      const size_t n = import_orgs_csv(*ctx.store, import_path_, *actor);
      import_msg_ = tr("records.import.orgs_done", {{"n", std::to_string(n)}, {"file", path_utf8(utf8_path(import_path_).filename())}});
      import_ok_ = true;
    } catch (const InputError& e) {
      import_msg_ = e.describe();
      import_ok_ = false;
    } catch (const std::exception& e) {
      import_msg_ = tr("records.import.failed", {{"detail", e.what()}});
      import_ok_ = false;
    }
    ctx.need_text(import_msg_);
  };
  if (ImGui::Button(tr("records.import.orgs").c_str())) import_orgs();
  ui::mark("records.import.orgs");
  ImGui::SameLine();
  if (ImGui::Button(tr("records.import.members").c_str())) plan_member_import(ctx, *actor);
  ui::mark("records.import.members");
  if (!import_msg_.empty()) {
    ui::paragraph(import_msg_, import_ok_ ? ui::color::ok : ui::color::accent);
    ui::mark("records.import.msg");
  }
  ui::end_card();
}

}  // namespace jiceng::gui
