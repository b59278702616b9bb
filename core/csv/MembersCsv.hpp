#pragma once
// Members from CSV in two steps (issue 13, item 5), so that importing the same file twice does not
// double anyone:
//   plan:  reads the file and matches every row against the roster — by the 编号 column (the member's
//          number in this database) when the row has one, else by 所在支部 + 姓名 + 出生日期 — into new,
//          changed (which fields), unchanged and errors (file, line, column, in Chinese). Writes nothing.
//   apply: writes the new and changed members of an error-free plan in one transaction, one audit
//          entry each (a changed member is updated, the reason naming the file) and one for the
//          import (file and counts). A roster that moved
//          on since the plan was made is refused: preview again.
// Columns: 姓名,所在支部,发展阶段 (required); 编号,性别,出生日期,申请入党日期,谈话日期,确定积极分子日期,
// 确定发展对象日期,接收预备党员日期,转正日期,后备干部 (optional). A column the file does not have
// leaves that field of a known member as it is; an empty cell in a column it has clears it.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/Model.hpp"

namespace jiceng {

class Store;

enum class ImportRowKind { New, Changed, Unchanged, Error };

struct MemberImportRow {
  int line = 0;
  ImportRowKind kind = ImportRowKind::Error;
  Member member;                      // as it will be stored: the matched member with the file's columns over it
  std::optional<Member> before;       // the matched member (Changed, Unchanged)
  std::string branch;                 // the branch's name (as the file gives it when unknown)
  std::vector<std::string> changed;   // Changed: the columns that differ (Chinese)
  std::string field;                  // Error: the column at fault (Chinese), may be empty
  std::string message;                // Error: why (Chinese)
};

struct MemberImportPlan {
  std::string file;
  std::string file_error;  // the whole file refused (unreadable, not UTF-8, a required column missing), with where
  bool match_birth_date = true;  // false when the file has no 出生日期 column
  std::vector<MemberImportRow> rows;

  size_t count(ImportRowKind k) const;
  size_t errors() const { return (file_error.empty() ? 0 : 1) + count(ImportRowKind::Error); }
  size_t to_write() const { return count(ImportRowKind::New) + count(ImportRowKind::Changed); }
  bool can_apply() const { return errors() == 0 && to_write() > 0; }
  // "文件 a.csv 第 3 行 列「出生日期」：…" for an error row.
  std::string error_text(const MemberImportRow& row) const;
  // One line for the preview: the counts, 「全部 N 人已存在，未作更改」, or the file's error.
  std::string summary() const;
};

struct MemberImportResult {
  size_t added = 0, updated = 0, unchanged = 0;
  std::string summary;  // Chinese, for the screen and the command line
};

// Never throws for what the file holds; only for a failing database.
MemberImportPlan plan_members_import(const Store& store, std::string_view text, const std::string& file,
                                     const Actor& actor);
MemberImportPlan plan_members_import_file(const Store& store, const std::string& path, const Actor& actor);
// Throws InputError, writing nothing, when the plan has errors or the roster changed since it was made.
MemberImportResult apply_members_import(Store& store, const MemberImportPlan& plan, const Actor& actor);

// Both steps at once: throws the first error (file, line, column) or returns what was written.
MemberImportResult import_members_csv(Store& store, const std::string& path, const Actor& actor);

}  // namespace jiceng
