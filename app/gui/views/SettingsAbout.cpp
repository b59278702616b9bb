#include "views/SettingsAbout.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <unordered_map>

#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "platform/Fonts.hpp"
#include "store/DeviceKeys.hpp"
#include "store/Store.hpp"
#include "views/SignIn.hpp"
#include "widgets/Widgets.hpp"

#ifndef JICENG_VERSION
#define JICENG_VERSION "?"
#endif

namespace jiceng::gui {
namespace {

void load(Context& ctx, AboutForm& f) {
  f.loaded_revision = ctx.store->revision();
  f.loaded_generation = ctx.generation;
  f.devices = known_devices(*ctx.store);
  f.names.clear();
  f.keys.clear();
  f.revocable.clear();
  f.revoke_armed = -1;
  std::unordered_map<std::string, RegisteredKey> registered;
  for (auto& k : registered_keys(*ctx.store)) registered[k.device] = k;
  for (const auto& d : f.devices) {
    f.names.push_back(d.name);
    ctx.need_text(d.name);
    ctx.need_text(d.id);
    std::string key;
    if (d.self) {
      try {
        // Made on first use (a write, once); a read-only file shows none.
        key = tr("about.device.own_key", {{"fingerprint", key_fingerprint(own_device_key(*ctx.store).public_key)}});
      } catch (const std::exception&) {
      }
    } else {
      const auto it = registered.find(d.id);
      const bool revoked = it != registered.end() && it->second.how == "revoked";
      key = it == registered.end() ? tr("about.device.no_key")
                                   : tr(revoked ? "about.device.revoked" : "about.device.key",
                                        {{"fingerprint", key_fingerprint(it->second.public_key)}});
      f.revocable.push_back(it != registered.end() && !revoked);
    }
    if (d.self) f.revocable.push_back(false);
    f.keys.push_back(key);
  }
}

// A lost tablet: one tap arms, the second revokes (revoke_device_key); no way back but
// registering its key again after comparing fingerprints.
void draw_revoke(Context& ctx, AboutForm& f, size_t i, const Actor& admin) {
  const bool armed = f.revoke_armed == int(i);
  if (armed) ui::paragraph(tr("about.device.revoke_explain"), ui::color::warn);
  if (ImGui::Button(tr(armed ? "about.device.revoke_confirm" : "about.device.revoke").c_str(),
                    ImVec2(0, ctx.tablet ? ui::em(2.2f) : 0))) {
    if (!armed) {
      f.revoke_armed = int(i);
    } else {
      try {
        revoke_device_key(*ctx.store, f.devices[i].id, admin);
        f.notice = tr("about.device.revoked_done", {{"name", f.devices[i].name.empty() ? short_device_id(f.devices[i].id)
                                                                                        : f.devices[i].name}});
        f.notice_error = false;
      } catch (const std::exception& e) {
        f.notice = failure_text(e);
        f.notice_error = true;
      }
      ctx.need_text(f.notice);
    }
  }
  ui::mark("settings.about.device." + std::to_string(i) + ".revoke");
}

// One device: its name (a field for an admin) and its id, short and in full.
void draw_device(Context& ctx, AboutForm& f, size_t i, const Actor* admin) {
  const KnownDevice& d = f.devices[i];
  const std::string key = "settings.about.device." + std::to_string(i);
  ImGui::PushID(int(i));
  ImGui::TextUnformatted(d.self ? tr("about.device.self").c_str()
                                : (d.name.empty() ? short_device_id(d.id) : d.name).c_str());
  if (admin) {
    const float save_w = ImGui::CalcTextSize(tr("about.device.save").c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
    ImGui::SetNextItemWidth(std::max(ui::em(8), ImGui::GetContentRegionAvail().x - save_w - ImGui::GetStyle().ItemSpacing.x));
    ImGui::InputTextWithHint("##name", tr("about.device.hint").c_str(), &f.names[i]);
    ui::mark(key + ".name");
    ctx.need_text(f.names[i]);
    ImGui::SameLine();
    const bool changed = f.names[i] != d.name;
    ImGui::BeginDisabled(!changed);
    if (ImGui::Button(tr("about.device.save").c_str(), ImVec2(0, ctx.tablet ? ui::em(2.2f) : 0))) {
      try {
        set_device_name(*ctx.store, d.id, f.names[i], *admin);
        f.notice = tr("about.device.saved", {{"name", f.names[i].empty() ? short_device_id(d.id) : f.names[i]}});
        f.notice_error = false;
      } catch (const std::exception& e) {
        f.notice = failure_text(e);
        f.notice_error = true;
      }
      ctx.need_text(f.notice);
    }
    ImGui::EndDisabled();
    ui::mark(key + ".save");
  } else if (d.self) {
    ui::label_value(tr("about.device.name"), d.name.empty() ? tr("about.device.unnamed") : d.name);
  }
  ui::muted(tr("about.device.id", {{"id", d.id}}));
  if (!f.keys[i].empty()) {
    ui::muted(f.keys[i]);
    ui::mark(key + ".key");
  }
  if (admin && f.revocable[i]) draw_revoke(ctx, f, i, *admin);
  ImGui::PopID();
}

void draw_devices(Context& ctx, AboutForm& f) {
  ui::begin_card("devices", tr("about.devices"));
  ui::muted(tr("about.devices.explain"));
  const Actor* actor = signed_in(ctx);
  const Actor* admin = actor && actor->role == Role::Admin ? actor : nullptr;
  if (!admin) ui::muted(tr("about.devices.admin_only"));
  if (!f.notice.empty()) {
    ui::paragraph(f.notice, f.notice_error ? ui::color::accent : ui::color::ok);
    ui::mark("settings.about.notice");
  }
  for (size_t i = 0; i < f.devices.size(); ++i) {
    if (i == 1) {
      ImGui::Spacing();
      ImGui::TextUnformatted(tr("about.devices.others").c_str());
    }
    ImGui::Separator();
    draw_device(ctx, f, i, admin);
  }
  if (f.devices.size() == 1) ui::muted(tr("about.devices.none_seen"));
  ui::end_card();
}

void draw_program(Context& ctx) {
  ui::begin_card("program", tr("about.program"));
  ui::label_value(tr("about.version"), JICENG_VERSION);
  ui::mark("settings.about.version");
  ui::label_value(tr("app.settings.schema"), std::to_string(Store::schema_version()));
  ui::label_value(tr("app.settings.imgui"), IMGUI_VERSION);
  if (ctx.fonts) {
    const auto& font = ctx.fonts->file();
    ImGui::TextUnformatted(tr("app.settings.font").c_str());
    ui::muted(tr("app.settings.font_value", {{"family", font.family},
                                             {"file", font.path},
                                             {"glyphs", std::to_string(ctx.fonts->glyph_count())},
                                             {"width", std::to_string(ctx.fonts->texture_width())},
                                             {"height", std::to_string(ctx.fonts->texture_height())}}));
    ui::mark("settings.about.font");
  }
  ImGui::TextUnformatted(tr("app.settings.database").c_str());
  ui::muted(ctx.store->path());
  ui::mark("settings.about.database");
  ImGui::TextUnformatted(tr("app.settings.data_dir").c_str());
  ui::muted(ctx.data_dir);
  ImGui::TextUnformatted(tr("about.device_id").c_str());
  ui::muted(ctx.store->device_id());
  ui::mark("settings.about.device_id");
  ui::end_card();
}

}  // namespace

void draw_about_settings(Context& ctx, AboutForm& f) {
  if (!ctx.store) return;
  if (f.loaded_revision != ctx.store->revision() || f.loaded_generation != ctx.generation) load(ctx, f);
  ctx.need_text(ctx.store->path());
  ctx.need_text(ctx.data_dir);
  const int cols = ui::columns_for(24);
  if (ImGui::BeginTable("##about", cols)) {
    ImGui::TableNextColumn();
    draw_program(ctx);
    if (cols == 1) ImGui::Spacing();
    ImGui::TableNextColumn();
    draw_devices(ctx, f);
    ImGui::EndTable();
  }
}

}  // namespace jiceng::gui
