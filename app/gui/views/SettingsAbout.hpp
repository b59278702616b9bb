#pragma once
// 设置 → 关于: device names (this device's and those seen in data and packages; an admin edits
// them, core/store/Devices.hpp audits) and key fingerprints (this device's, to read out when the office
// registers it; the others' as registered here, core/store/DeviceKeys.hpp), then what the program is and runs on — version, schema, ImGui,
// font file and glyph atlas, database file, data folder, this device's id. Developer detail lives
// here only, off the screens people work on.
#include <cstdint>
#include <string>
#include <vector>

#include "Context.hpp"
#include "store/Devices.hpp"

namespace jiceng::gui {

struct AboutForm {
  uint64_t loaded_revision = ~uint64_t(0);
  uint64_t loaded_generation = 0;
  std::vector<KnownDevice> devices;  // this device first
  std::vector<std::string> names;    // what is typed, per device
  std::vector<std::string> keys;     // per device: its key's fingerprint line (own, registered or none)
  std::vector<char> revocable;       // per device: a registered key an admin may revoke (a lost tablet)
  int revoke_armed = -1;             // the device whose 停用 was tapped once, waiting for 确认停用
  std::string notice;                // the last save, or why it was refused
  bool notice_error = false;
};

// Marks: settings.about.device.<i>.name, settings.about.device.<i>.save (i: 0 is this device),
// settings.about.device.<i>.revoke (tapped twice: 停用, then 确认停用),
// settings.about.device.<i>.key, settings.about.notice, settings.about.version, settings.about.font, settings.about.database,
// settings.about.device_id.
void draw_about_settings(Context& ctx, AboutForm& form);

}  // namespace jiceng::gui
