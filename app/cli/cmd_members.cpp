// jiceng-cli members import: the member CSV in two steps, as on the screen (core/MemberImport).
// --dry-run prints the preview (counts, then every row that is new, changed or wrong) and writes
// nothing; without it a file with errors is refused (exit 3, the errors listed) and an error-free
// one is written in one transaction, printing what changed.
#include "base/Strings.hpp"
#include "Cli.hpp"
#include "csv/MembersCsv.hpp"
#include "store/Store.hpp"

namespace jiceng::cli {
namespace {

void print_rows(const MemberImportPlan& plan) {
  for (const auto& r : plan.rows) {
    switch (r.kind) {
      case ImportRowKind::New:
        out(tr("cli.members.row_new", {{"line", std::to_string(r.line)}, {"name", r.member.name}, {"branch", r.branch}}));
        break;
      case ImportRowKind::Changed: {
        std::string fields;
        for (const auto& f : r.changed) fields += (fields.empty() ? "" : "、") + f;
        out(tr("cli.members.row_changed", {{"line", std::to_string(r.line)}, {"name", r.member.name}, {"fields", fields}}));
        break;
      }
      case ImportRowKind::Unchanged: break;
      case ImportRowKind::Error: err(plan.error_text(r)); break;
    }
  }
}

int run_members_import(const Args& a) {
  a.allow_only({"user", "dry-run"});
  auto store = open_existing(a.positional(0, "cli.arg.db"));
  const std::string file = a.positional(1, "cli.arg.csv");
  const Actor actor = acting_user(a, *store);
  const MemberImportPlan plan = plan_members_import_file(*store, file, actor);
  if (!plan.file_error.empty()) {
    err(plan.file_error);
    return kRejected;
  }
  if (a.flag("dry-run") || plan.errors() > 0) {
    out(plan.summary());
    print_rows(plan);
    if (plan.errors() > 0) {
      err(tr("cli.members.not_written", {{"n", std::to_string(plan.errors())}}));
      return kRejected;
    }
    return kOk;
  }
  print_rows(plan);
  out(apply_members_import(*store, plan, actor).summary);
  return kOk;
}

Register reg_members_import{{"members import", "cli.usage.members_import", {"dry-run"}, run_members_import}};

}  // namespace
}  // namespace jiceng::cli
