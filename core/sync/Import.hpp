#pragma once
// Taking a package in: the town's identity is checked, missing organisations are added, every
// value and member is merged three-way (sync/Merge.hpp), the sender's audit entries join the
// history, and values changed on both sides become conflicts for a person to decide
// (sync/Conflicts.hpp). One transaction: a refused package writes nothing; a package already
// imported changes nothing.
#include <nlohmann/json_fwd.hpp>
#include <memory>
#include <optional>
#include <vector>
#include <string>

#include "model/Model.hpp"
#include "sync/Package.hpp"

namespace jiceng {
class Store;
}

namespace jiceng::sync {

struct ImportResult {
  std::string file, package_id, device;
  TownIdentity from;
  bool already_imported = false;  // seen before: nothing was written
  bool adopted = false;           // an empty database became this town's copy
  int added = 0;      // values new here
  int updated = 0;    // values replaced by the sender's newer ones
  int removed = 0;    // values the sender removed (and nobody here changed)
  int unchanged = 0;  // values equal here, or changed only here
  int conflicts = 0;  // values and members changed on both sides, and values that break a rule here
  int rule_conflicts = 0;  // of those, values whose cross-field rule the database's figures break
  int orgs_added = 0, members_added = 0, members_updated = 0, members_removed = 0, member_conflicts = 0;
  int targets_added = 0, audit_added = 0;
  int indicators_received = 0;  // the town's own indicators new here or changed there
  // Definitions kept as they are here, each a sentence for a person (Store::receive_indicator).
  std::vector<std::string> indicator_conflicts;
};

// Merges packages one after another, each in its own transaction, reusing its prepared
// statements (a town office takes hundreds of village packages at once).
class PackageImporter {
 public:
  PackageImporter(Store& store, const Actor& actor);
  ~PackageImporter();
  PackageImporter(const PackageImporter&) = delete;
  PackageImporter& operator=(const PackageImporter&) = delete;
  // Merges a package that read_package() already checked; `source` names the file in messages.
  ImportResult import(const ReadPackage& package, const std::string& source);
  // Reads, checks and merges one file.
  ImportResult import_file(const std::string& path);

  struct FileOutcome {
    std::string file;
    std::optional<ImportResult> result;  // nullopt: refused, nothing of it written
    std::string refusal;                 // the reason, as a person reads it
  };
  // Many files in one transaction, each inside its own savepoint: a refused file is rolled back
  // alone and the others stay; the commit is paid once.
  std::vector<FileOutcome> import_files(const std::vector<std::string>& paths);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Throws InputError unless the actor may take packages in (管理员 and 领导; a 采集员 may not). The
// command-line tools act as the administrator of the file they were given.
void require_import_right(const Actor& actor);

ImportResult import_package(Store& store, const ReadPackage& package, const Actor& actor, const std::string& source);
ImportResult import_package_file(Store& store, const std::string& path, const Actor& actor);

nlohmann::json to_json(const ImportResult& r);

}  // namespace jiceng::sync
