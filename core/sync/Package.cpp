#include "sync/Package.hpp"

#include <sodium.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "base/Error.hpp"
#include "base/JsonWriter.hpp"
#include "base/Strings.hpp"
#include "base/Text.hpp"
#include "sync/PackageColumns.hpp"

namespace jiceng::sync {

using nlohmann::json;

namespace {

// ---- Tables: {"columns": [...], "rows": [[...], ...]} -----------------------------------------

json table(const std::vector<std::string>& columns, json rows) {
  return json{{"columns", columns}, {"rows", std::move(rows)}};
}

json record_json(const std::string& r) { return r.empty() ? json(nullptr) : json::parse(r); }

json payload_json(const Package& p) {
  json orgs = json::array(), values = json::array(), members = json::array(), targets = json::array(),
       audit = json::array();
  for (const auto& o : p.orgs) orgs.push_back({o.code, o.name, o.kind, o.parent, o.sort});
  for (const auto& v : p.values)
    values.push_back({v.org, v.indicator, v.period, json_or_null(v.now.value), v.now.status,
                      json_or_null(v.base.value), v.base.status, v.updated_at, v.updated_by, v.device});
  for (const auto& m : p.members) members.push_back({m.uid, record_json(m.record), record_json(m.base_record)});
  for (const auto& t : p.targets) targets.push_back({t.org, t.indicator, t.year, t.value});
  for (const auto& a : p.audit)
    audit.push_back({a.at, a.user, a.device, a.action, a.org, a.indicator, a.period, json_or_null(a.old_value),
                     json_or_null(a.new_value), a.reason, a.detail, a.signature});
  json sections = json::array(), indicators = json::array();
  for (const auto& s : p.sections) sections.push_back({s.id, s.name});
  for (const auto& i : p.indicators) indicators.push_back({i.id, i.definition, i.state, i.defined_at, i.defined_by});
  json head = {{"id", p.id}, {"created_at", p.created_at}, {"created_by", p.created_by}, {"device", p.device},
               {"destination", p.destination}, {"everything", p.everything}};
  // Optional: an older reader ignores it, an older package lacks it.
  if (!p.device_name.empty()) head["device_name"] = p.device_name;
  if (!p.personal) head["personal"] = false;  // absent: true, as in every older package
  json out{
      {"package", std::move(head)},
      {"town", {{"id", p.town.id}, {"code", p.town.code}, {"name", p.town.name}}},
      {"roots", p.roots},
      {"orgs", table(columns::kOrgs, std::move(orgs))},
      {"values", table(columns::kValues, std::move(values))},
      {"members", table(columns::kMembers, std::move(members))},
      {"targets", table(columns::kTargets, std::move(targets))},
      {"audit", table(columns::kAudit, std::move(audit))},
  };
  // Only when the town has its own: a package of a town without them reads as before.
  if (!p.indicators.empty() || !p.sections.empty()) {
    out["sections"] = table(columns::kSections, std::move(sections));
    out["indicators"] = table(columns::kIndicators, std::move(indicators));
  }
  return out;
}

}  // namespace

std::string package_text(const Package& p, const DeviceKey& sender, const std::vector<DeviceKey>& to) {
  // The guarantee docs/SECURITY.md gives: names and birth dates never travel readable by anyone.
  if (to.empty() && p.personal) throw std::logic_error("an open package must not carry personal fields");
  return package_file(payload_json(p).dump(), p.device, sender, to);
}

std::string package_file(std::string body, const std::string& device, const DeviceKey& sender,
                         const std::vector<DeviceKey>& to) {
  json header = {{"format", kFormatName}, {"version", kFormatVersion}, {"device", device}, {"key", sender.public_key}};
  std::string recipients_json;
  if (!to.empty()) {
    Sealed sealed = seal_payload(body, device, to);
    if (sealed.recipients.empty()) throw std::logic_error("no receiver key can be sealed for");
    json recipients = json::array();
    for (const auto& r : sealed.recipients) recipients.push_back({{"device", r.device}, {"sealed", r.sealed}});
    recipients_json = recipients.dump();
    header["recipients"] = std::move(recipients);
    body = std::move(sealed.body);
  }
  const std::string sha = sha256_hex(body);
  header["bytes"] = body.size();
  header["sha256"] = sha;
  header["signature"] = sign(sender, signature_text_v3(device, sha, recipients_json));
  return header.dump() + "\n" + body;
}

void write_package(const Package& p, const DeviceKey& sender, const std::string& path, const std::vector<DeviceKey>& to) {
  write_file(path, package_text(p, sender, to));
}

ReadPackage read_package(const std::string& path, const DeviceKey* receiver) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw InputError(tr("sync.package.cannot_read"), Location{path});
  std::stringstream ss;
  ss << f.rdbuf();
  return parse_package(ss.str(), path, receiver);
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

// The header's recipients: each a device id and a sealed key of the right size.
template <class Bad>
void read_recipients(const json& header, std::vector<Recipient>& out, const Bad& bad) {
  const auto it = header.find("recipients");
  if (it == header.end()) return;
  if (!it->is_array() || it->empty() || it->size() > kMaxRecipients) throw bad("recipients");
  for (const auto& r : *it) {
    if (!r.is_object()) throw bad("recipients");
    Recipient one{text_field(r, "device"), text_field(r, "sealed")};
    if (one.device.empty() || !looks_like_sealed_key(one.sealed)) throw bad("recipients");
    out.push_back(std::move(one));
  }
}

// What a version-3 payload must agree with: the sender its header names (and its signature covers),
// and the rule that only a sealed package carries names.
void check_payload(const ReadPackage& read, const std::string& device, const Location& where) {
  if (read.package.device != device) throw InputError(tr("sync.package.bad_signature"), where);
  // An open package with names in it was not written by Jiceng, whoever signed it.
  if (read.recipients.empty() && read.package.personal) throw InputError(tr("sync.seal.open_personal"), where);
}

}  // namespace

bool looks_like_package(std::string_view text) {
  const size_t newline = text.find('\n');
  if (newline == std::string_view::npos) return text.substr(0, kHeaderStart.size()) == kHeaderStart;
  const json header = json::parse(text.substr(0, newline), nullptr, false);
  return header.is_object() && text_field(header, "format") == kFormatName;
}

// package_from_json (reading the payload) lives in PackageRead.cpp.

ReadPackage parse_package(const std::string& text, const std::string& source, const DeviceKey* receiver) {
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
  if (out.version < 2) {
    out.package = package_from_payload(payload, where);
    return out;
  }
  out.key = text_field(header, "key");
  const std::string signature = text_field(header, "signature");
  if (!looks_like_public_key(out.key)) throw bad("key");
  if (signature.empty()) throw bad("signature");
  // Version 3 names the sender in the header, so the signature is checked before anything is
  // decrypted or parsed; version 2 names it only inside the payload.
  std::string device, signed_text;
  if (out.version >= 3) {
    device = text_field(header, "device");
    if (device.empty()) throw bad("device");
    read_recipients(header, out.recipients, bad);
    const auto r = header.find("recipients");
    signed_text = signature_text_v3(device, out.sha256, r == header.end() ? std::string() : r->dump());
  } else {
    out.package = package_from_payload(payload, where);
    device = out.package.device;
    signed_text = signature_text(device, out.sha256);
  }
  // The checksum only proves the body whole; the signature proves who made it (anyone could
  // write a body and its checksum). Whether this key may send here is the importer's question.
  if (!signature_valid(out.key, signed_text, signature)) throw InputError(tr("sync.package.bad_signature"), where);
  if (out.version < 3) return out;
  out.package.device = device;
  if (out.recipients.empty()) {
    out.package = package_from_payload(payload, where);
    check_payload(out, device, where);
  } else {
    out.sealed = true;
    out.body = std::string(payload);
    if (receiver) open_package(out, *receiver, source);
  }
  return out;
}

void open_package(ReadPackage& read, const DeviceKey& receiver, const std::string& source) {
  if (!read.sealed) return;
  const Location where{source};
  const std::string device = read.package.device;
  std::string payload;
  try {
    payload = open_payload(read.body, device, read.recipients, receiver);
  } catch (const InputError& e) {
    throw InputError(e.what(), where);
  }
  read.package = package_from_payload(payload, where);
  check_payload(read, device, where);
  read.sealed = false;
  read.body.clear();
}

}  // namespace jiceng::sync
