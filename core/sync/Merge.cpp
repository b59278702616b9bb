#include "sync/Merge.hpp"

namespace jiceng::sync {

Outcome merge(const MergeInput& in) {
  if (in.local == in.remote) return Outcome::Unchanged;
  if (in.local == in.base) return Outcome::Apply;  // only the sender changed it
  // The figures agree and only the workflow status differs: the receiver's status stands (an
  // approval at the town is not undone by a tablet that has not heard of it yet).
  if (in.local.value == in.remote.value) return Outcome::Unchanged;
  if (in.remote.value == in.base.value) return Outcome::Unchanged;  // the sender changed at most its status
  if (in.remote_descends_from_local) return Outcome::Apply;
  if (in.local_descends_from_remote) return Outcome::Unchanged;
  if (in.already_decided) return Outcome::Unchanged;
  return Outcome::Conflict;
}

Outcome merge_records(const std::string& local, const std::string& remote, const std::string& base,
                      bool already_decided) {
  if (local == remote) return Outcome::Unchanged;
  if (local == base) return Outcome::Apply;
  if (remote == base) return Outcome::Unchanged;
  if (already_decided) return Outcome::Unchanged;
  return Outcome::Conflict;
}

}  // namespace jiceng::sync
