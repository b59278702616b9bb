#include "store/PersonalFields.hpp"

#include <nlohmann/json.hpp>

namespace jiceng {

using nlohmann::json;

namespace {

constexpr const char* kPersonal[] = {"name", "gender", "birth_date"};

// Whether an object in an audit detail describes a member: member_json has a birth date, a
// member conflict names its uid.
bool is_member_object(const json& j) { return j.contains("birth_date") || j.contains("member") || j.contains("member_id"); }

void scrub(json& j) {
  if (j.is_array())
    for (auto& e : j) scrub(e);
  if (!j.is_object()) return;
  if (is_member_object(j))
    for (const char* k : kPersonal) j.erase(k);
  for (auto& [k, v] : j.items()) scrub(v);
}

}  // namespace

std::string without_personal(const std::string& record) {
  if (record.empty()) return record;
  json j = json::parse(record, nullptr, false);
  if (!j.is_object()) return record;
  for (const char* k : kPersonal) j.erase(k);
  return j.dump();
}

std::string with_personal(const std::string& record, const std::string& local) {
  if (record.empty()) return record;
  json j = json::parse(record, nullptr, false);
  if (!j.is_object() || j.contains("name")) return record;
  const json from = local.empty() ? json::object() : json::parse(local, nullptr, false);
  for (const char* k : kPersonal) j[k] = from.is_object() ? from.value(k, "") : "";
  return j.dump();
}

std::string without_personal_detail(const std::string& detail) {
  json j = json::parse(detail, nullptr, false);
  if (j.is_discarded() || !j.is_structured()) return detail;
  scrub(j);
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace jiceng
