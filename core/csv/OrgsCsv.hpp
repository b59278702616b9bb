#pragma once
// Organisations from CSV (UTF-8, as Excel saves "CSV UTF-8"), all rows or none, each error naming
// file, line and column:
//   组织代码,组织名称,类型,上级代码      (类型: 行政村/社区/镇直单位/党总支/党支部 or English ids)
// Members are imported in two steps (a preview, then the writing): csv/MembersCsv.hpp.
#include <string>

#include "model/Model.hpp"

namespace jiceng {

class Store;

size_t import_orgs_csv(Store& store, const std::string& path, const Actor& actor);

}  // namespace jiceng
