#pragma once
// A tiny hand-made town whose every figure a test can compute by hand: one town, two villages
// (one with a 党总支 of two 党支部), one 党支部 each otherwise.
#include "store/Store.hpp"
#include "TempDir.hpp"

namespace jiceng::test {

struct SmallTown {
  OrgId town, v1, v2, gb1, b1a, b1b, b2;
};

inline SmallTown make_small_town(Store& s) {
  Actor a{"tester", "test-device"};
  SmallTown t{};
  t.town = s.add_org({0, "T", "测试镇", OrgKind::Town, std::nullopt, 0}, a);
  t.v1 = s.add_org({0, "V1", "东山村", OrgKind::Village, t.town, 1}, a);
  t.v2 = s.add_org({0, "V2", "西河村", OrgKind::Village, t.town, 2}, a);
  t.gb1 = s.add_org({0, "V1-Z", "东山村党总支", OrgKind::GeneralBranch, t.v1, 0}, a);
  t.b1a = s.add_org({0, "V1-Z-1", "东山村第一党支部", OrgKind::Branch, t.gb1, 1}, a);
  t.b1b = s.add_org({0, "V1-Z-2", "东山村第二党支部", OrgKind::Branch, t.gb1, 2}, a);
  t.b2 = s.add_org({0, "V2-1", "西河村党支部", OrgKind::Branch, t.v2, 0}, a);
  return t;
}

// The small town in a fresh database file of its own.
struct SmallTownDb {
  TempDir dir;
  std::unique_ptr<Store> s = Store::open(dir.file("t.db"));
  SmallTown t = make_small_town(*s);
};

}  // namespace jiceng::test
