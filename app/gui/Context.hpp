#pragma once
// What every screen sees of the app: the open town's store, the chosen year, the layout facts
// (tablet, narrow) and the shell's actions. Views never reach the platform layer directly.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "report/Report.hpp"
#include "Settings.hpp"
#include "store/Store.hpp"

namespace jiceng::platform {
class FontAtlas;
}

namespace jiceng::gui {

enum class ViewId { Collect, Dashboard, Summary, Records, Exchange, Conflicts, Settings };
inline constexpr ViewId kAllViews[] = {ViewId::Collect,  ViewId::Dashboard, ViewId::Summary, ViewId::Records,
                                       ViewId::Exchange, ViewId::Conflicts, ViewId::Settings};
// "collect", "dashboard", "summary", "records", "exchange", "conflicts", "settings"
std::string_view view_name(ViewId v);
std::optional<ViewId> parse_view_name(std::string_view name);

// Shell actions a screen may ask for (the settings screen switches towns and tablet mode).
class ShellActions {
 public:
  virtual ~ShellActions() = default;
  virtual void navigate(ViewId v) = 0;
  virtual void set_tablet_mode(TabletMode m) = 0;
  virtual void set_text_scale(float s) = 0;
  virtual void open_town(const std::string& path) = 0;
  // Asks for a town name, then makes and opens an empty town.
  virtual void request_new_town() = 0;
  // A screen changed a field of Settings (e.g. the exchange folder): keep it.
  virtual void settings_changed() = 0;
  // Opens the top bar's sign-in popup (views/SignIn.cpp), e.g. from a screen's 「请先在顶栏登录」.
  virtual void open_sign_in() = 0;
  // Signs out after every screen wrote what the person typed (View::before_sign_out).
  virtual void sign_out() = 0;
};

struct Context {
  Store* store = nullptr;
  uint64_t generation = 0;  // bumps whenever another database is opened
  // The year's figures, dashboard, ranking and overdue list, shared by every screen and computed
  // again only after a write (cleared when another database is opened).
  ReportCache reports;
  int year = 0;
  bool tablet = false;  // touch-sized, no hover-only, drag-to-scroll
  bool narrow = false;  // below ~900 px: one column
  Settings* settings = nullptr;
  platform::FontAtlas* fonts = nullptr;
  ShellActions* shell = nullptr;
  std::string data_dir;  // where towns are kept (shown in settings)
  int pending_edits = 0;  // edits typed but not yet written; screens add theirs each frame
  // Who signed in on this device (views/SignIn.cpp, the top bar), valid for the database generation
  // it was checked against: opening another town signs out, since its users differ.
  std::optional<Actor> actor;
  uint64_t actor_generation = 0;
  // A screen opening 数据采集 for one organisation (the dashboard's village rows) sets these, then
  // shell->navigate(ViewId::Collect); the collect screen selects them on its next draw and clears them.
  std::optional<OrgId> collect_org;
  std::optional<Period> collect_period;
  // Set by the first-admin step (views/FirstAdmin.cpp): 设置 opens on 用户 and shows it once.
  std::string users_notice;

  // Makes sure the font has every character of text: the atlas grows before the next frame.
  void need_text(std::string_view text) const;
  // The same for text drawn in the heading font (ui::heading does it itself).
  void need_heading_text(std::string_view text) const;
};

}  // namespace jiceng::gui
