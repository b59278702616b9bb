#include "store/AuditText.hpp"

#include <nlohmann/json.hpp>
#include <unordered_map>

#include "base/Numbers.hpp"
#include "base/Strings.hpp"
#include "base/Time.hpp"
#include "store/Devices.hpp"
#include "store/Store.hpp"

namespace jiceng {
namespace {

using nlohmann::json;

std::string text_of(const json& d, const char* key) {
  auto it = d.find(key);
  if (it == d.end() || it->is_null()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_boolean()) return it->get<bool>() ? tr("form.yes") : tr("form.no");
  return it->dump();
}

std::string arrow(const std::string& a, const std::string& b) {
  return (a.empty() ? tr("form.blank") : a) + " \xE2\x86\x92 " + (b.empty() ? tr("form.blank") : b);
}

// A member field as read: stages and branches by their names, not their ids.
std::string member_field(const std::string& key, const json& v, const std::unordered_map<OrgId, std::string>& names) {
  if (key == "stage" && v.is_string())
    if (auto s = parse_member_stage(v.get<std::string>())) return label(*s);
  if (key == "branch" && v.is_number_integer()) {
    auto it = names.find(v.get<OrgId>());
    if (it != names.end()) return it->second;
  }
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? tr("form.yes") : tr("form.no");
  return v.dump();
}

std::string member_change(const json& d, const std::unordered_map<OrgId, std::string>& names) {
  if (!d.contains("old") || !d.contains("new")) return text_of(d, "name");
  const json &o = d["old"], &n = d["new"];
  std::string out = text_of(n, "name");
  for (auto& [key, value] : n.items()) {
    if (o.contains(key) && o[key] == value) continue;
    out += tr("form.change_sep") + tr("member." + key) + tr("form.colon") +
           arrow(o.contains(key) ? member_field(key, o[key], names) : std::string(), member_field(key, value, names));
  }
  return out;
}

}  // namespace

std::vector<AuditLine> describe(const Store& store, const std::vector<AuditEntry>& entries, bool with_subject) {
  std::unordered_map<OrgId, std::string> names;
  std::unordered_map<std::string, std::string> by_code;
  for (const auto& o : store.orgs()) {
    names[o.id] = o.name;
    by_code[o.code] = o.name;
  }
  const Catalog& cat = store.catalog();
  const DeviceNames devices = device_names(store);  // 「王娜的平板」 rather than its id
  std::vector<AuditLine> rows;
  rows.reserve(entries.size());
  for (const auto& e : entries) {
    AuditLine r;
    r.when = local_time_text(e.at);
    r.who = e.user;
    r.device = device_label(devices, e.device);
    r.reason = e.reason;
    r.what = tr("audit." + e.action);
    const json d = json::parse(e.detail.empty() ? "{}" : e.detail, nullptr, false);
    const Indicator* ind = e.indicator.empty() ? nullptr : cat.find(e.indicator);
    if (with_subject && ind) r.what += tr("form.colon") + ind->name + " " + e.period;
    const int decimals = ind ? ind->decimals : 2;
    auto num = [&](const std::optional<double>& v) { return v ? format_number(*v, decimals) : std::string(); };
    if (e.action == "set_status" && d.is_object()) {
      auto s = [&](const char* k) {
        auto v = parse_value_status(text_of(d, k));
        return v ? label(*v) : std::string();
      };
      r.change = arrow(s("old_status"), s("status"));
    } else if (e.action == "set_value" || e.action == "undo" || e.action == "set_target" || e.action == "remove_value") {
      r.change = arrow(num(e.old_value), num(e.new_value));
      // A value confirmed against a plausibility warning says so where its reason is read.
      if (d.is_object() && d.contains("plausibility") && d["plausibility"].is_object()) {
        const std::string confirmed = tr("form.plausible_confirmed", {{"warning", text_of(d["plausibility"], "warning")}});
        r.reason = r.reason.empty() ? confirmed : r.reason + tr("form.reason_sep") + confirmed;
      }
    } else if (e.action == "rename_org" && d.is_object()) {
      r.change = arrow(text_of(d, "old_name"), text_of(d, "name"));
    } else if (e.action == "move_org" && d.is_object()) {
      auto name = [&](const std::string& code) { auto it = by_code.find(code); return it != by_code.end() ? it->second : code; };
      r.change = arrow(name(text_of(d, "old_parent")), name(text_of(d, "parent")));
    } else if ((e.action == "add_member" || e.action == "update_member" || e.action == "delete_member") && d.is_object()) {
      r.change = member_change(d, names);
    } else if (e.action == "delete_org" && d.is_object()) {
      r.change = tr("form.deleted_org", {{"name", text_of(d, "name")}, {"members", text_of(d, "members")},
                                         {"values", text_of(d, "values")}, {"targets", text_of(d, "targets")}});
    } else if (d.is_object()) {
      r.change = text_of(d, "name");
      if (r.change.empty()) r.change = text_of(d, "login");
    }
    // Any other entry that carries figures (a package's conflict, a decision on it): old → new.
    if (r.change.empty() && (e.old_value || e.new_value)) r.change = arrow(num(e.old_value), num(e.new_value));
    rows.push_back(std::move(r));
  }
  return rows;
}

}  // namespace jiceng
