#include "sync/Members.hpp"

#include <nlohmann/json.hpp>

#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "store/Replica.hpp"
#include "store/Store.hpp"
#include "store/StoreDetail.hpp"

namespace jiceng::sync {

using nlohmann::json;

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
  std::unordered_map<std::string, LocalMember> out;
  for (const auto& [uid, m] : members_by_uid_rows(store))
    out[uid] = {m.member.id, member_record(m.member, m.branch_code), m.member.branch};
  return out;
}

int64_t write_member(Store& store, const std::string& uid, const std::optional<LocalMember>& local,
                     const std::string& record, const std::unordered_map<std::string, OrgId>& org_by_code) {
  const std::optional<int64_t> here = local ? std::optional(local->id) : std::nullopt;
  if (record.empty()) return write_member_row(store, uid, here, std::nullopt);
  const Member m = member_from_record(record, org_by_code);
  // The rules every writer meets (dates, stages, a branch); a name may be missing from a record
  // that travelled open (sync/Sealing.hpp), and who may write was checked by the importer.
  check_member_record(store, m, false);
  return write_member_row(store, uid, here, m);
}

}  // namespace jiceng::sync
