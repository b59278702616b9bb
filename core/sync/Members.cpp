#include "sync/Members.hpp"

#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include "base/Error.hpp"
#include "base/Sql.hpp"
#include "base/Strings.hpp"
#include "store/Store.hpp"
#include "store/StoreDetail.hpp"

namespace jiceng::sync {

using nlohmann::json;
using sql::Stmt;

std::string member_record(const Member& m, const std::string& branch_code) {
  return json{{"name", m.name},
              {"gender", m.gender},
              {"birth_date", m.birth_date},
              {"branch", branch_code},
              {"stage", to_string(m.stage)},
              {"applied_on", m.applied_on},
              {"talked_on", m.talked_on},
              {"activist_on", m.activist_on},
              {"candidate_on", m.candidate_on},
              {"probationary_on", m.probationary_on},
              {"full_on", m.full_on},
              {"reserve_cadre", m.reserve_cadre}}
      .dump();
}

std::string record_name(const std::string& record) {
  if (record.empty()) return {};
  try {
    return json::parse(record).value("name", "");
  } catch (const json::exception&) {
    return {};
  }
}

Member member_from_record(const std::string& record, const std::unordered_map<std::string, OrgId>& org_by_code) {
  Member m;
  try {
    const json j = json::parse(record);
    m.name = j.at("name").get<std::string>();
    m.gender = j.at("gender").get<std::string>();
    m.birth_date = j.at("birth_date").get<std::string>();
    const std::string branch = j.at("branch").get<std::string>();
    auto it = org_by_code.find(branch);
    if (it == org_by_code.end())
      throw InputError(tr("sync.import.member_branch_unknown", {{"name", m.name}, {"branch", branch}}));
    m.branch = it->second;
    auto stage = parse_member_stage(j.at("stage").get<std::string>());
    if (!stage) throw InputError(tr("sync.package.bad_member", {{"name", m.name}}));
    m.stage = *stage;
    m.applied_on = j.at("applied_on").get<std::string>();
    m.talked_on = j.at("talked_on").get<std::string>();
    m.activist_on = j.at("activist_on").get<std::string>();
    m.candidate_on = j.at("candidate_on").get<std::string>();
    m.probationary_on = j.at("probationary_on").get<std::string>();
    m.full_on = j.at("full_on").get<std::string>();
    m.reserve_cadre = j.at("reserve_cadre").get<bool>();
  } catch (const json::exception&) {
    throw InputError(tr("sync.package.bad_member", {{"name", record_name(record)}}));
  }
  return m;
}

std::unordered_map<std::string, LocalMember> members_by_uid(const Store& store) {
  // One joined read: the roster with each member's uid and branch code.
  Stmt st(store.handle(),
          "SELECT m.id, m.name, m.gender, m.birth_date, m.branch_id, m.stage, m.applied_on, m.talked_on, m.activist_on, "
          "m.candidate_on, m.probationary_on, m.full_on, m.reserve_cadre, u.uid, o.code FROM members m "
          "JOIN sync_member_uids u ON u.member_id = m.id JOIN orgs o ON o.id = m.branch_id");
  std::unordered_map<std::string, LocalMember> out;
  while (st.step()) {
    const Member m = read_member(st);  // columns 0–12 in the store's own order
    out[st.text(13)] = {m.id, member_record(m, st.text(14)), m.branch};
  }
  return out;
}

int64_t write_member(Store& store, const std::string& uid, const std::optional<LocalMember>& local,
                     const std::string& record, const std::unordered_map<std::string, OrgId>& org_by_code) {
  sqlite3* db = store.handle();
  if (record.empty()) {
    if (local) Stmt(db, "DELETE FROM members WHERE id = ?").bind(1, local->id).run();
    return 0;
  }
  const Member m = member_from_record(record, org_by_code);
  // The rules every writer meets (dates, stages, a branch); a name may be missing from a record
  // that travelled open (sync/Sealing.hpp), and who may write was checked by the importer.
  check_member_record(store, m, false);
  const char* columns =
      "name=?1, gender=?2, birth_date=?3, branch_id=?4, stage=?5, applied_on=?6, talked_on=?7, activist_on=?8, "
      "candidate_on=?9, probationary_on=?10, full_on=?11, reserve_cadre=?12";
  Stmt st(db, local ? std::string("UPDATE members SET ") + columns + " WHERE id = ?13"
                    : "INSERT INTO members(name, gender, birth_date, branch_id, stage, applied_on, talked_on, "
                      "activist_on, candidate_on, probationary_on, full_on, reserve_cadre) "
                      "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)");
  st.bind(1, m.name).bind(2, m.gender).bind(3, m.birth_date).bind(4, m.branch)
      .bind(5, std::string(to_string(m.stage))).bind(6, m.applied_on).bind(7, m.talked_on).bind(8, m.activist_on)
      .bind(9, m.candidate_on).bind(10, m.probationary_on).bind(11, m.full_on).bind(12, int64_t(m.reserve_cadre));
  if (local) st.bind(13, local->id);
  st.run();
  if (local) return local->id;
  const int64_t id = sqlite3_last_insert_rowid(db);
  // The trigger gave the new row a fresh uid; it must carry the sender's.
  Stmt(db, "UPDATE sync_member_uids SET uid = ? WHERE member_id = ?").bind(1, uid).bind(2, id).run();
  return id;
}

}  // namespace jiceng::sync
