// The package file: round trip, and every way a file can be wrong is named in Chinese.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "base/Error.hpp"
#include "base/Text.hpp"
#include "sync/Package.hpp"
#include "TempDir.hpp"

using namespace jiceng;
using namespace jiceng::sync;

using jiceng::test::slurp;
using jiceng::test::spit;

namespace {

Package sample() {
  Package p;
  p.id = "0123456789abcdef0123456789abcdef";
  p.created_at = "2020-12-01T08:00:00Z";
  p.created_by = "王娜";
  p.device = "dev-tablet";
  p.destination = "town";
  p.town = {"feedfacefeedfacefeedfacefeedface", "T", "青禾镇"};
  p.roots = {"V1"};
  p.orgs = {{"T", "青禾镇", "town", "", 0}, {"V1", "东山村", "village", "T", 1}};
  p.values = {{"V1", "new_members", "2020", {4.0, "submitted"}, {3.0, "draft"}, "2020-11-30T09:00:00Z", "王娜", "dev-tablet"},
              {"V1", "dues", "2020", {}, {0.35, "draft"}, "", "", ""}};
  p.personal = false;  // an open package: members without names (sync/Sealing.hpp)
  p.members = {{"abc", R"({"branch":"V1","stage":"full"})", ""}};
  p.targets = {{"V1", "new_members", 2020, 5}};
  p.audit = {{"2020-11-30T09:00:00Z", "王娜", "dev-tablet", "set_value", "V1", "new_members", "2020", 3.0, 4.0, "补录", "{}"}};
  return p;
}

const DeviceKey& tablet_key() {
  static const DeviceKey key = new_device_key("dev-tablet");
  return key;
}

std::string refusal(const std::string& path) {
  try {
    read_package(path);
  } catch (const InputError& e) {
    CHECK(e.where().file == path);
    return e.what();
  }
  return {};
}

}  // namespace

TEST_CASE("a package survives writing and reading exactly") {
  test::TempDir dir;
  const std::string path = dir.file("v1.jcpkg");
  write_package(sample(), tablet_key(), path);
  auto r = read_package(path);
  const Package& p = r.package;
  CHECK(p.id == sample().id);
  CHECK(p.town.name == "青禾镇");
  REQUIRE(p.values.size() == 2);
  CHECK(p.values[0].now == ValueState{4.0, "submitted"});
  CHECK(p.values[0].base == ValueState{3.0, "draft"});
  CHECK(!p.values[1].now.value);
  CHECK(*p.values[1].base.value == 0.35);  // doubles round-trip exactly
  REQUIRE(p.members.size() == 1);
  CHECK(p.members[0].record == R"({"branch":"V1","stage":"full"})");
  CHECK(!p.personal);
  CHECK(p.members[0].base_record.empty());
  REQUIRE(p.audit.size() == 1);
  CHECK(p.audit[0].old_value == 3.0);
  CHECK(p.audit[0].reason == "补录");
  CHECK(r.sha256.size() == 64);
  CHECK(r.version == 3);
  CHECK(r.recipients.empty());
  CHECK(r.key == tablet_key().public_key);  // signed by the sender, the signature checked
  // The header names the format and the checksum; the payload is readable JSON.
  const std::string text = slurp(path);
  CHECK(text.rfind("{\"bytes\":", 0) == 0);
  CHECK(text.find("\"format\":\"jiceng-package\"") < text.find('\n'));
  CHECK(text.find("东山村") != std::string::npos);
  CHECK(!std::filesystem::exists(path + ".part"));
}

TEST_CASE("a damaged, truncated, extended, newer or foreign file is refused with a reason") {
  test::TempDir dir;
  const std::string path = dir.file("p.jcpkg");
  write_package(sample(), tablet_key(), path);
  const std::string good = slurp(path);

  spit(path, good.substr(0, good.size() - 10));
  CHECK(refusal(path).find("不完整") != std::string::npos);

  spit(path, good.substr(0, 20));  // not even the header line
  CHECK(refusal(path).find("不完整") != std::string::npos);

  spit(path, good + "x");
  CHECK(refusal(path).find("多出 1 字节") != std::string::npos);

  std::string tampered = good;
  const std::string figure = "\"new_members\",\"2020\",4";
  tampered.replace(tampered.find(figure), figure.size(), "\"new_members\",\"2020\",9");
  REQUIRE(tampered.size() == good.size());
  spit(path, tampered);
  CHECK(refusal(path).find("校验不符") != std::string::npos);

  std::string newer = good;
  newer.replace(newer.find("\"version\":3"), 11, "\"version\":4");
  spit(path, newer);
  const std::string msg = refusal(path);
  CHECK(msg.find("新版本") != std::string::npos);
  CHECK(msg.find("第 4 版") != std::string::npos);

  // A header field of the wrong type is named in Chinese (it once escaped as the JSON library's
  // English, and as "not a package" for a numeric format).
  std::string bad_bytes = good;
  bad_bytes.replace(0, bad_bytes.find(','), "{\"bytes\":\"12\"");
  spit(path, bad_bytes);
  const std::string bytes_msg = refusal(path);
  CHECK(bytes_msg.find("「bytes」缺失或类型不对") != std::string::npos);
  CHECK(bytes_msg.find("json") == std::string::npos);
  std::string numeric_format = good;
  numeric_format.replace(numeric_format.find("\"jiceng-package\""), 16, "5");
  spit(path, numeric_format);
  CHECK(refusal(path).find("不是基层党建数据包") != std::string::npos);

  spit(path, "org,indicator\nV1,new_members\n");
  CHECK(refusal(path).find("不是基层党建数据包") != std::string::npos);

  CHECK(refusal(dir.file("missing.jcpkg")).find("无法读取") != std::string::npos);
}

TEST_CASE("a payload with a checksum that matches but a missing column is refused, not misread") {
  test::TempDir dir;
  const std::string path = dir.file("p.jcpkg");
  std::string payload = package_text(sample(), tablet_key());
  payload = payload.substr(payload.find('\n') + 1);
  const size_t col = payload.find("\"base_status\"");
  REQUIRE(col != std::string::npos);
  payload.replace(col, 13, "\"base_statuX\"");
  const std::string header = "{\"bytes\":" + std::to_string(payload.size()) +
                             ",\"format\":\"jiceng-package\",\"sha256\":\"" + sha256_hex(payload) + "\",\"version\":1}";
  spit(path, header + "\n" + payload);
  const std::string msg = refusal(path);
  CHECK(msg.find("base_status") != std::string::npos);
  CHECK(msg.find("缺少列") != std::string::npos);

  // A value of the wrong type is said in Chinese, not in the JSON library's words.
  payload = package_text(sample(), tablet_key());
  payload = payload.substr(payload.find('\n') + 1);
  const std::string figure = "\"new_members\",\"2020\",4";
  REQUIRE(payload.find(figure) != std::string::npos);
  payload.replace(payload.find(figure), figure.size(), "\"new_members\",\"2020\",\"四\"");
  const std::string header2 = "{\"bytes\":" + std::to_string(payload.size()) +
                              ",\"format\":\"jiceng-package\",\"sha256\":\"" + sha256_hex(payload) + "\",\"version\":1}";
  spit(path, header2 + "\n" + payload);
  const std::string typed = refusal(path);
  CHECK(typed.find("类型不对") != std::string::npos);
  CHECK(typed.find("INCORRECT_TYPE") == std::string::npos);
  CHECK(typed.find("json") == std::string::npos);
}

// Whoever holds one package can recompute a checksum; only the sender's key can sign.
TEST_CASE("a package whose payload, sender or key changed after signing is refused as forged") {
  test::TempDir dir;
  const std::string path = dir.file("p.jcpkg");
  const std::string good = package_text(sample(), tablet_key());
  const std::string header = good.substr(0, good.find('\n'));
  std::string payload = good.substr(good.find('\n') + 1);
  const auto reheader = [&](const std::string& pay, const std::string& key, const std::string& sig) {
    return "{\"bytes\":" + std::to_string(pay.size()) + ",\"device\":\"dev-tablet\",\"format\":\"jiceng-package\",\"key\":\"" +
           key + "\",\"sha256\":\"" + sha256_hex(pay) + "\",\"signature\":\"" + sig + "\",\"version\":3}\n" + pay;
  };
  const auto field = [&](const std::string& name) {
    const size_t at = header.find("\"" + name + "\":\"") + name.size() + 4;
    return header.substr(at, header.find('"', at) - at);
  };
  REQUIRE(field("key") == tablet_key().public_key);
  spit(path, reheader(payload, field("key"), field("signature")));
  CHECK(refusal(path).empty());  // rebuilt faithfully: still good

  // A figure changed and the checksum made to match: the signature no longer does.
  std::string forged = payload;
  const std::string figure = "\"new_members\",\"2020\",4";
  forged.replace(forged.find(figure), figure.size(), "\"new_members\",\"2020\",9");
  spit(path, reheader(forged, field("key"), field("signature")));
  CHECK(refusal(path).find("签名不符") != std::string::npos);

  // Another device's name on the same payload.
  std::string other = payload;
  const std::string sender = "\"device\":\"dev-tablet\"";
  REQUIRE(other.find(sender) != std::string::npos);
  other.replace(other.find(sender), sender.size(), "\"device\":\"dev-office\"");
  spit(path, reheader(other, field("key"), field("signature")));
  CHECK(refusal(path).find("签名不符") != std::string::npos);

  // Signed again with a key of the forger's own: the signature holds, the key is not the sender's
  // (the importer's registry refuses it, test_sync_signing.cpp).
  const DeviceKey forger = new_device_key("dev-tablet");
  spit(path, reheader(forged, forger.public_key, sign(forger, signature_text_v3("dev-tablet", sha256_hex(forged), ""))));
  CHECK(refusal(path).empty());
  CHECK(read_package(path).key != tablet_key().public_key);

  // No key or a key of the wrong size: the header is damaged.
  spit(path, reheader(payload, "abc", field("signature")));
  CHECK(refusal(path).find("「key」缺失或类型不对") != std::string::npos);

  // Version 3 names the sender in the header: another name there breaks the signature, and a
  // payload naming another sender than its (correctly signed) header is refused too.
  std::string renamed = good;
  renamed.replace(renamed.find(sender), sender.size(), "\"device\":\"dev-office\"");
  spit(path, renamed);
  CHECK(refusal(path).find("签名不符") != std::string::npos);
  spit(path, reheader(other, field("key"), sign(tablet_key(), signature_text_v3("dev-tablet", sha256_hex(other), ""))));
  CHECK(refusal(path).find("签名不符") != std::string::npos);
  // Relabelled as version 2 (whose reader skips version 3's checks): the signature no longer holds.
  std::string downgraded = good;
  downgraded.replace(downgraded.find("\"version\":3"), 11, "\"version\":2");
  spit(path, downgraded);
  CHECK(refusal(path).find("签名不符") != std::string::npos);
}

TEST_CASE("SHA-256 is the standard one") {
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
