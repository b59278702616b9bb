#pragma once
// Organisations and members from CSV (UTF-8, as Excel saves "CSV UTF-8"), all rows or none, each
// error naming file, line and column.
//   organisations: 组织代码,组织名称,类型,上级代码      (类型: 行政村/社区/镇直单位/党总支/党支部 or English ids)
//   members:       姓名,性别,出生日期,所在支部,发展阶段,申请入党日期,谈话日期,确定积极分子日期,
//                  确定发展对象日期,接收预备党员日期,转正日期,后备干部
#include <string>

#include "Model.hpp"

namespace jiceng {

class Store;

size_t import_orgs_csv(Store& store, const std::string& path, const Actor& actor);
size_t import_members_csv(Store& store, const std::string& path, const Actor& actor);

}  // namespace jiceng
