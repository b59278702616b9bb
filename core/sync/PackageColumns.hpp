#pragma once
// The columns of a package's tables, shared by the writer (Package.cpp) and the reader
// (PackageRead.cpp). A reader finds columns by name; adding one is compatible, renaming is not.
#include <string>
#include <vector>

namespace jiceng::sync::columns {

inline const std::vector<std::string> kOrgs = {"code", "name", "kind", "parent", "sort"};
inline const std::vector<std::string> kValues = {"org",        "indicator",   "period",     "value",      "status",
                                                 "base_value", "base_status", "updated_at", "updated_by", "device"};
inline const std::vector<std::string> kMembers = {"uid", "record", "base_record"};
inline const std::vector<std::string> kTargets = {"org", "indicator", "year", "value"};
inline const std::vector<std::string> kAudit = {"at",     "user", "device", "action", "org",   "indicator",
                                                "period", "old",  "new",    "reason", "detail", "signature"};
inline const std::vector<std::string> kSections = {"id", "name"};
inline const std::vector<std::string> kIndicators = {"id", "definition", "state", "defined_at", "defined_by"};
// Columns a reader takes when present: a package from before they existed lacks them.
inline const std::vector<std::string> kAuditOptional = {"signature"};

}  // namespace jiceng::sync::columns
