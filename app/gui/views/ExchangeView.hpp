#pragma once
// 数据交换: data packages in and out (core/sync, docs/SYNC.md). 导出数据包 for the town office (the
// clerk's own villages by default, or any organisations / the whole town for leaders and admins),
// 导入数据包 (one or several files, each file's counts or its refusal, a way on to 冲突处理), 收发记录
// (sent and received packages with what they held) and 用镇党建办发来的文件开始 (a new tablet's town
// from a package or a database file). On the desktop files live in a folder the person chooses
// (a USB stick); in the browser they leave as downloads and come in through the file picker
// (platform/Files.hpp). Split over Exchange*.cpp.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "store/Store.hpp"
#include "sync/History.hpp"
#include "View.hpp"
#include "views/SignIn.hpp"

namespace jiceng::gui {

// A file offered for import or for starting a town: found in the folder (desktop) or picked in
// the browser.
struct ExchangeFile {
  std::string path;
  std::string name;          // the file's name, as shown
  std::string size, time;    // 「12.3 KB」, local 「2020-11-28 09:30」
  int64_t mtime = 0;         // for newest first
  bool package = true;       // *.json (a package); false: *.db (a database, only to start a town)
  bool checked = false;      // chosen for import
};

// One file's outcome of the last import, as shown.
struct ImportLine {
  std::string name;
  std::string text;          // counts, 「已导入过」 or the refusal
  bool refused = false;
  bool seen = false;         // imported before: nothing changed
  int conflicts = 0;
  std::string path;          // the file
  // Refused because this database does not know the sender's key (core/store/DeviceKeys.hpp): an
  // admin who compared the fingerprint with the sending tablet's may register it and import.
  std::string device, key, fingerprint;
};

// One row of 收发记录: two lines, formatted once per refresh.
struct HistoryLine {
  std::string head;          // 「2020-11-28 09:30  发出 → 镇党建办  王娜」
  std::string detail;        // 「青石村、桃源村 · 变化 · 数值 12 · …  文件 a.json」
  bool sent = false;
};

// An organisation the export may choose.
struct ExportChoice {
  OrgId id = 0;
  std::string code, name;
};

class ExchangeView final : public View {
 public:
  ExchangeView() : View(ViewId::Exchange) {}

  // For tests: what the screen shows.
  const std::string& folder() const { return folder_; }
  const std::vector<ExchangeFile>& files() const { return files_; }
  const std::vector<ExportChoice>& choices() const { return choices_; }
  const std::set<OrgId>& chosen() const { return chosen_; }
  bool whole_town() const { return whole_town_; }
  const std::string& export_message() const { return export_msg_; }
  const std::string& exported_path() const { return exported_path_; }
  const std::vector<ImportLine>& import_lines() const { return import_lines_; }
  const std::string& import_message() const { return import_msg_; }
  const std::vector<HistoryLine>& history() const { return history_; }
  const std::string& start_message() const { return start_msg_; }

 private:
  // ExchangeView.cpp: view model, layout, the folder and its files.
  void refresh(Context& ctx) override;
  bool needs_town() const override { return false; }  // a database without a town starts one here
  void draw_content(Context& ctx) override;
  void draw_folder(Context& ctx);
  void list_folder(Context& ctx);
  void take_picked(Context& ctx);
  std::string folder_problem() const;

  // ExchangeExport.cpp
  void draw_export(Context& ctx);
  void reset_choice(Context& ctx, const Actor* actor);
  void run_export(Context& ctx, const Actor& actor);
  std::string destination() const;

  // ExchangeImport.cpp
  void draw_import(Context& ctx);
  void draw_file_list(Context& ctx, bool packages_only, const char* id);
  void run_import(Context& ctx);
  void draw_pairing(Context& ctx, ImportLine& line, const Actor& admin);
  void forget_picked(const std::vector<std::string>& paths);
  void summarise_import(Context& ctx);

  // ExchangeHistory.cpp
  void build_history(Context& ctx);
  void draw_history(Context& ctx);

  // ExchangeStart.cpp
  void draw_start(Context& ctx);
  void run_start(Context& ctx, const std::string& file);

  // The town and who may do what.
  bool has_town_ = false, demo_ = false;
  std::string town_;
  std::vector<ExportChoice> all_choices_;  // the town's villages, communities and units

  // Folder (desktop) and the files in it; picked files (browser).
  std::string folder_;                // as typed
  std::string listed_folder_;         // the folder files_ were read from
  bool folder_loaded_ = false;        // folder_ taken from the settings
  std::vector<ExchangeFile> files_;
  enum class Pick { None, Import, Start } pick_ = Pick::None;

  // Export.
  std::vector<ExportChoice> choices_;  // what the signed-in person may choose
  bool choices_all_ = false;           // choices_ are all the town's (a leader or admin)
  std::set<OrgId> chosen_;
  bool whole_town_ = false;
  std::string chooser_;                // whose defaults chosen_ holds (user|generation)
  int destination_kind_ = 0;           // 0 town, 1 county, 2 typed
  std::string destination_typed_;
  bool everything_ = false;
  std::string last_sent_;              // 「上次发往镇党建办：…」
  std::string last_sent_for_;          // the destination last_sent_ describes
  std::string export_msg_, exported_path_;
  bool export_failed_ = false;

  // Import.
  std::vector<ImportLine> import_lines_;
  std::string import_msg_;
  bool import_failed_ = false;
  int import_conflicts_ = 0;

  // History.
  std::vector<HistoryLine> history_;

  // Start a town from a file.
  std::string start_choice_;  // path
  std::string start_msg_;
  bool start_failed_ = false;

};

// Shared by the Exchange*.cpp files.
std::string destination_label(const std::string& destination);  // "town" → 镇党建办
std::string file_name(const std::string& path);
// A finger-sized button in tablet mode, the usual size on the desktop; `wide` fills the line.
bool exchange_button(Context& ctx, const std::string& label, const char* mark, bool wide = false);

}  // namespace jiceng::gui
