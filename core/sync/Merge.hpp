#pragma once
// The three-way decision for one value (or one member record) arriving in a package: the
// receiver's current state, the sender's current state, and their common base — what the sender
// last sent to this destination. Pure logic, no database; docs/SYNC.md has the table.
#include "sync/Package.hpp"

namespace jiceng::sync {

enum class Outcome {
  Unchanged,  // nothing to write: equal already, or only the receiver changed it
  Apply,      // the sender's state replaces the receiver's
  Conflict,   // both changed it differently since the base: a person decides
};

struct MergeInput {
  ValueState local, remote, base;
  // The receiver's current state was written by a change that is in the sender's history of this
  // value (the sender saw it and moved on): the sender's state is newer, whatever the base says.
  bool remote_descends_from_local = false;
  // The sender's state was written by a change already in the receiver's history (from before
  // this package): the receiver saw it and moved on, whatever the base says.
  bool local_descends_from_remote = false;
  // A person already decided between the receiver's value and exactly this remote state.
  bool already_decided = false;
};

Outcome merge(const MergeInput& in);

// The same decision for records compared as text (members); empty text means absent.
Outcome merge_records(const std::string& local, const std::string& remote, const std::string& base,
                      bool already_decided);

}  // namespace jiceng::sync
