// 设置: tablet mode and text size, the town database (switch, create an empty town, the browser's
// storage) and the village ranking's rules (views/SettingsRanking.cpp); on tabs of their own, the
// town's accounts (用户, views/SettingsUsers.cpp), the town's own indicators (指标,
// views/SettingsIndicators.cpp) and 关于 — device names and what the app runs on
// (views/SettingsAbout.cpp), kept off the screen people work on.
#include <imgui.h>

#include <cstdio>

#include "base/Strings.hpp"
#include "platform/Storage.hpp"
#include "store/Store.hpp"
#include "Towns.hpp"
#include "views/SettingsAbout.hpp"
#include "views/SettingsIndicators.hpp"
#include "views/SettingsRanking.hpp"
#include "views/SettingsUsers.hpp"
#include "views/Views.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui {
namespace {

struct SettingsModel {
  std::string town;
  bool demo = false;
  int orgs = 0;
  std::vector<RecentTown> towns;
};

class SettingsView final : public View {
 public:
  SettingsView() : View(ViewId::Settings) {}

 private:
  bool needs_town() const override { return false; }

  void refresh(Context& ctx) override {
    m_.town = town_name(*ctx.store);
    m_.demo = is_demo(*ctx.store);
    m_.orgs = int(ctx.store->orgs().size());
    m_.towns = known_towns(utf8_path(ctx.data_dir), *ctx.settings);
    for (const auto& t : m_.towns) ctx.need_text(t.name);
  }

  void draw_content(Context& ctx) override {
    ui::heading(title());
    // The first admin arrives here to add the town's users: that tab opens.
    const bool to_users = !ctx.users_notice.empty();
    if (!ImGui::BeginTabBar("##settings_tabs")) return;
    const bool general = ImGui::BeginTabItem(tr("users.tab.general").c_str());
    ui::mark("settings.tab.general");
    if (general) {
      draw_general(ctx);
      ImGui::EndTabItem();
    }
    const bool users = ImGui::BeginTabItem(tr("users.title").c_str(), nullptr,
                                           to_users ? ImGuiTabItemFlags_SetSelected : ImGuiTabItemFlags_None);
    ui::mark("settings.tab.users");
    if (users) {
      draw_users_settings(ctx, users_);
      ImGui::EndTabItem();
    }
    const bool indicators = ImGui::BeginTabItem(tr("settings.ind.tab").c_str());
    ui::mark("settings.tab.indicators");
    if (indicators) {
      draw_indicator_settings(ctx, indicators_);
      ImGui::EndTabItem();
    }
    const bool about = ImGui::BeginTabItem(tr("about.tab").c_str());
    ui::mark("settings.tab.about");
    if (about) {
      draw_about_settings(ctx, about_);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }

 public:
  UsersForm& users_form() { return users_; }

 private:
  void draw_general(Context& ctx) {
    const int cols = ui::columns_for(24);
    if (ImGui::BeginTable("##settings", cols)) {
      ImGui::TableNextColumn();
      draw_display(ctx);
      if (cols == 1) ImGui::Spacing();
      ImGui::TableNextColumn();
      draw_town(ctx);
      ImGui::TableNextColumn();
      ImGui::Spacing();
      draw_ranking_settings(ctx, ranking_);
      ImGui::EndTable();
    }
  }

  void draw_display(Context& ctx) {
    ui::begin_card("display", tr("app.settings.display"));
    ImGui::TextUnformatted(tr("app.settings.tablet").c_str());
    ImGui::SameLine();
    ui::help("tablet.help", tr("app.settings.tablet_explain"));
    const struct {
      TabletMode mode;
      const char* key;
      const char* mark;
    } modes[] = {{TabletMode::Auto, "app.settings.tablet_auto", "settings.tablet.auto"},
                 {TabletMode::On, "app.settings.tablet_on", "settings.tablet.on"},
                 {TabletMode::Off, "app.settings.tablet_off", "settings.tablet.off"}};
    for (const auto& m : modes) {
      if (ImGui::RadioButton(tr(m.key).c_str(), ctx.settings->tablet == m.mode)) ctx.shell->set_tablet_mode(m.mode);
      ui::mark(m.mark);
      ImGui::SameLine(0, ui::em(1));
    }
    ImGui::NewLine();
    ui::muted(ctx.tablet ? tr("app.settings.tablet_is_on") : tr("app.settings.tablet_is_off"));
    ImGui::Spacing();
    ImGui::TextUnformatted(tr("app.settings.text_size").c_str());
    double percent = double(ctx.settings->text_scale) * 100.0;
    if (ui::stepper("text_size", &percent, 10, 0, 75, 200)) ctx.shell->set_text_scale(float(percent / 100.0));
    ui::mark("settings.text_size");
    ImGui::SameLine();
    ImGui::TextUnformatted("%");
    // A shared tablet left lying around signs out by itself (App::check_idle).
    ImGui::Spacing();
    ImGui::TextUnformatted(tr("app.settings.idle").c_str());
    ImGui::SameLine();
    ui::help("idle.help", tr("app.settings.idle_explain"));
    double minutes = ctx.settings->idle_minutes;
    if (ui::stepper("idle_minutes", &minutes, 5, 0, 5, 240)) {
      ctx.settings->idle_minutes = int(minutes);
      ctx.shell->settings_changed();
    }
    ui::mark("settings.idle");
    ImGui::SameLine();
    ImGui::TextUnformatted(tr("app.settings.minutes").c_str());
    ui::end_card();
  }

  void draw_town(Context& ctx) {
    ui::begin_card("town", tr("app.settings.town"));
    ui::label_value(tr("app.settings.town_name"), m_.town);
    if (m_.demo) {
      ui::badge(tr("app.demo.badge"), ui::color::demo);
      ui::muted(tr("app.demo.explain"));
    }
    ui::label_value(tr("app.settings.orgs"), std::to_string(m_.orgs));
    draw_storage();
    ImGui::Spacing();
    if (ImGui::Button(tr("app.town.new").c_str())) ctx.shell->request_new_town();
    ui::mark("settings.new_town");
    // A new tablet starts from the office's package or database file on 数据交换.
    if (ImGui::Button(tr("app.settings.start_from_file").c_str())) ctx.shell->navigate(ViewId::Exchange);
    ui::mark("settings.start_from_file");
    if (m_.towns.size() > 1) {
      ImGui::Spacing();
      ImGui::TextUnformatted(tr("app.settings.other_towns").c_str());
      int i = 0;
      for (const auto& t : m_.towns) {
        if (t.path == ctx.settings->database) continue;
        ImGui::PushID(i++);
        if (ImGui::Button(tr("app.settings.open").c_str())) ctx.shell->open_town(t.path);
        ui::mark("settings.open." + t.name);
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(t.name.c_str());
        ImGui::PopID();
      }
    }
    ui::end_card();
  }

  // The browser keeps the town in its own storage: how much is used, whether the browser promised
  // to keep it, and a failed copy (shown in red: what was typed since is only in memory).
  static void draw_storage() {
    const platform::StorageInfo s = platform::storage_info();
    if (!s.known) return;
    auto mb = [](double bytes) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.1f", bytes / (1024.0 * 1024.0));
      return std::string(buf);
    };
    ImGui::TextUnformatted(tr("app.settings.storage").c_str());
    ui::mark("settings.storage");
    ui::muted(tr("app.settings.storage_value", {{"used", mb(s.used_bytes)}, {"quota", mb(s.quota_bytes)}}));
    ui::muted(tr(s.persistent ? "app.settings.storage_persistent" : "app.settings.storage_not_persistent"));
    if (!s.last_error.empty())
      ImGui::TextColored(ImColor(ui::color::accent), "%s", tr("app.settings.storage_error", {{"detail", s.last_error}}).c_str());
  }

  SettingsModel m_;
  RankingForm ranking_;
  UsersForm users_;
  IndicatorsForm indicators_;
  AboutForm about_;
};

}  // namespace

UsersForm* users_form_of(View& v) {
  auto* s = dynamic_cast<SettingsView*>(&v);
  return s ? &s->users_form() : nullptr;
}

std::unique_ptr<View> make_settings_view() { return std::make_unique<SettingsView>(); }

}  // namespace jiceng::gui
