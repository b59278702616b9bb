#include "sync/Package.hpp"

#include <sodium.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "Error.hpp"
#include "Strings.hpp"
#include "Text.hpp"
#include "sync/PackageColumns.hpp"

namespace jiceng::sync {

using nlohmann::json;

namespace {

// ---- Tables: {"columns": [...], "rows": [[...], ...]} -----------------------------------------

json table(const std::vector<std::string>& columns, json rows) {
  return json{{"columns", columns}, {"rows", std::move(rows)}};
}

json opt(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }
json record_json(const std::string& r) { return r.empty() ? json(nullptr) : json::parse(r); }

json payload_json(const Package& p) {
  json orgs = json::array(), values = json::array(), members = json::array(), targets = json::array(),
       audit = json::array();
  for (const auto& o : p.orgs) orgs.push_back({o.code, o.name, o.kind, o.parent, o.sort});
  for (const auto& v : p.values)
    values.push_back({v.org, v.indicator, v.period, opt(v.now.value), v.now.status, opt(v.base.value), v.base.status,
                      v.updated_at, v.updated_by, v.device});
  for (const auto& m : p.members) members.push_back({m.uid, record_json(m.record), record_json(m.base_record)});
  for (const auto& t : p.targets) targets.push_back({t.org, t.indicator, t.year, t.value});
  for (const auto& a : p.audit)
    audit.push_back({a.at, a.user, a.device, a.action, a.org, a.indicator, a.period, opt(a.old_value),
                     opt(a.new_value), a.reason, a.detail});
  json head = {{"id", p.id}, {"created_at", p.created_at}, {"created_by", p.created_by}, {"device", p.device},
               {"destination", p.destination}, {"everything", p.everything}};
  // Optional: an older reader ignores it, an older package lacks it.
  if (!p.device_name.empty()) head["device_name"] = p.device_name;
  return json{
      {"package", std::move(head)},
      {"town", {{"id", p.town.id}, {"code", p.town.code}, {"name", p.town.name}}},
      {"roots", p.roots},
      {"orgs", table(columns::kOrgs, std::move(orgs))},
      {"values", table(columns::kValues, std::move(values))},
      {"members", table(columns::kMembers, std::move(members))},
      {"targets", table(columns::kTargets, std::move(targets))},
      {"audit", table(columns::kAudit, std::move(audit))},
  };
}

}  // namespace

std::string package_text(const Package& p, const DeviceKey& sender) {
  const std::string payload = payload_json(p).dump();
  const std::string sha = sha256_hex(payload);
  json header = {{"format", kFormatName}, {"version", kFormatVersion}, {"bytes", payload.size()}, {"sha256", sha},
                 {"key", sender.public_key}, {"signature", sign(sender, signature_text(p.device, sha))}};
  return header.dump() + "\n" + payload;
}

void write_package(const Package& p, const DeviceKey& sender, const std::string& path) {
  write_file(path, package_text(p, sender));
}

ReadPackage read_package(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw InputError(tr("sync.package.cannot_read"), Location{path});
  std::stringstream ss;
  ss << f.rdbuf();
  return parse_package(ss.str(), path);
}

// The writer puts "bytes" first (keys are sorted), so a header cut short still starts with it.
constexpr std::string_view kHeaderStart = "{\"bytes\":";

namespace {

// A header's text field, or "" when it is absent or not text (a crafted header may put a number
// where the format's name belongs).
std::string text_field(const json& header, const char* key) {
  const auto it = header.find(key);
  return it != header.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

bool looks_like_package(std::string_view text) {
  const size_t newline = text.find('\n');
  if (newline == std::string_view::npos) return text.substr(0, kHeaderStart.size()) == kHeaderStart;
  const json header = json::parse(text.substr(0, newline), nullptr, false);
  return header.is_object() && text_field(header, "format") == kFormatName;
}

// package_from_json (reading the payload) lives in PackageRead.cpp.

ReadPackage parse_package(const std::string& text, const std::string& source) {
  const Location where{source};
  const size_t newline = text.find('\n');
  json header;
  try {
    header = json::parse(text.substr(0, newline));
  } catch (const json::exception&) {
    // A header cut short still starts like one: say "truncated" rather than "not a package".
    if (newline == std::string::npos && text.rfind(kHeaderStart, 0) == 0)
      throw InputError(tr("sync.package.truncated_header"), where);
    throw InputError(tr("sync.package.not_package"), where);
  }
  if (!header.is_object() || text_field(header, "format") != kFormatName)
    throw InputError(tr("sync.package.not_package"), where);
  ReadPackage out;
  // Each field checked by type, so that a wrong one is named in Chinese, not in the JSON library's words.
  const auto bad = [&](const char* field) {
    return InputError(tr("sync.package.bad_header", {{"field", field}}), Location{source, 1, field});
  };
  const auto version = header.find("version");
  if (version == header.end() || !version->is_number_integer()) throw bad("version");
  if (version->get<int64_t>() > kFormatVersion)
    throw InputError(tr("sync.package.newer", {{"version", std::to_string(version->get<int64_t>())},
                                               {"supported", std::to_string(kFormatVersion)}}), where);
  if (version->get<int64_t>() < 1) throw InputError(tr("sync.package.not_package"), where);
  const auto bytes = header.find("bytes");
  if (bytes == header.end() || !bytes->is_number_unsigned()) throw bad("bytes");
  out.bytes = bytes->get<size_t>();
  out.sha256 = text_field(header, "sha256");
  if (out.sha256.empty()) throw bad("sha256");
  const std::string_view payload =
      newline == std::string::npos ? std::string_view() : std::string_view(text).substr(newline + 1);
  if (payload.size() < out.bytes)
    throw InputError(tr("sync.package.truncated", {{"expected", std::to_string(out.bytes)},
                                                   {"actual", std::to_string(payload.size())}}), where);
  if (payload.size() > out.bytes)
    throw InputError(tr("sync.package.extra_bytes", {{"extra", std::to_string(payload.size() - out.bytes)}}), where);
  if (sha256_hex(payload) != out.sha256) throw InputError(tr("sync.package.tampered"), where);
  out.version = int(version->get<int64_t>());
  std::string signature;
  if (out.version >= 2) {
    out.key = text_field(header, "key");
    signature = text_field(header, "signature");
    if (!looks_like_public_key(out.key)) throw bad("key");
    if (signature.empty()) throw bad("signature");
  }
  out.package = package_from_payload(payload, where);
  // The checksum only proves the payload whole; the signature proves who made it (anyone could
  // write a payload and its checksum). Whether this key may send here is the importer's question.
  if (out.version >= 2 && !signature_valid(out.key, signature_text(out.package.device, out.sha256), signature))
    throw InputError(tr("sync.package.bad_signature"), where);
  return out;
}

}  // namespace jiceng::sync
