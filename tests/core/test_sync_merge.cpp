// The three-way decision table of docs/SYNC.md, case by case.
#include <doctest/doctest.h>

#include "sync/Merge.hpp"

using namespace jiceng::sync;

namespace {
ValueState v(double x, const char* status = "draft") { return {x, status}; }
const ValueState none{};
Outcome decide(ValueState local, ValueState remote, ValueState base, bool descends = false, bool decided = false) {
  return merge({.local = local, .remote = remote, .base = base, .remote_descends_from_local = descends,
                .already_decided = decided});
}
}  // namespace

TEST_CASE("merge: equal on both sides or changed only here changes nothing") {
  CHECK(decide(v(3), v(3), v(1)) == Outcome::Unchanged);
  CHECK(decide(none, none, v(1)) == Outcome::Unchanged);  // both removed it
  CHECK(decide(v(7), v(3), v(3)) == Outcome::Unchanged);  // only the receiver changed it
  CHECK(decide(v(7), none, none) == Outcome::Unchanged);  // the sender never had it
}

TEST_CASE("merge: changed only by the sender is applied, including a removal") {
  CHECK(decide(v(3), v(5), v(3)) == Outcome::Apply);
  CHECK(decide(none, v(5), none) == Outcome::Apply);         // new on the sender
  CHECK(decide(v(3), none, v(3)) == Outcome::Apply);         // removed on the sender
  CHECK(decide(v(3, "draft"), v(3, "submitted"), v(3, "draft")) == Outcome::Apply);  // submitted on the tablet
}

TEST_CASE("merge: both changed the figure differently is a conflict") {
  CHECK(decide(v(7), v(5), v(3)) == Outcome::Conflict);
  CHECK(decide(none, v(5), v(3)) == Outcome::Conflict);  // removed here, changed there
  CHECK(decide(v(7), none, v(3)) == Outcome::Conflict);  // changed here, removed there
  CHECK(decide(v(7), v(5), none) == Outcome::Conflict);  // typed on both sides independently
}

TEST_CASE("merge: a status difference alone never conflicts and the receiver's status stands") {
  CHECK(decide(v(3, "approved"), v(3, "submitted"), v(3, "draft")) == Outcome::Unchanged);
  CHECK(decide(v(7, "approved"), v(3, "submitted"), v(3, "draft")) == Outcome::Unchanged);
}

TEST_CASE("merge: a sender that saw our state moves on from it; a decided conflict stays decided") {
  CHECK(decide(v(7), v(5), v(3), true) == Outcome::Apply);
  CHECK(decide(v(7), v(5), v(3), false, true) == Outcome::Unchanged);
}

TEST_CASE("merge: member records compared as text") {
  CHECK(merge_records("a", "a", "", false) == Outcome::Unchanged);
  CHECK(merge_records("", "a", "", false) == Outcome::Apply);
  CHECK(merge_records("a", "", "a", false) == Outcome::Apply);
  CHECK(merge_records("b", "a", "a", false) == Outcome::Unchanged);
  CHECK(merge_records("b", "c", "a", false) == Outcome::Conflict);
  CHECK(merge_records("b", "c", "a", true) == Outcome::Unchanged);
}

TEST_CASE("merge: a sender still holding a state the receiver already moved on from changes nothing") {
  CHECK(decide(v(12), v(10), none, false, false) == Outcome::Conflict);
  CHECK(merge({.local = v(12), .remote = v(10), .base = none, .local_descends_from_remote = true}) == Outcome::Unchanged);
}
