#include "model/Model.hpp"

#include <charconv>
#include <cstdio>

#include "base/Strings.hpp"

namespace jiceng {
namespace {

template <class E, size_t N>
std::optional<E> parse_enum(std::string_view s, const std::string_view (&names)[N]) {
  for (size_t i = 0; i < N; ++i)
    if (names[i] == s) return E(i);
  return std::nullopt;
}

constexpr std::string_view kOrgKinds[] = {"town", "village", "community", "unit", "general_branch", "branch"};
constexpr std::string_view kStages[] = {"applicant", "activist", "candidate", "probationary", "full"};
constexpr std::string_view kStatuses[] = {"draft", "submitted", "approved"};
constexpr std::string_view kRoles[] = {"clerk", "leader", "admin"};

bool parse_int(std::string_view s, int& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

std::string Period::str() const {
  char buf[16];
  if (month == 0) std::snprintf(buf, sizeof buf, "%04d", year);
  else std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  return buf;
}

std::optional<Period> Period::parse(std::string_view t) {
  Period p;
  if (t.size() == 4 && parse_int(t, p.year)) {
  } else if ((t.size() == 7 || t.size() == 6) && t[4] == '-' && parse_int(t.substr(0, 4), p.year) &&
             parse_int(t.substr(5), p.month)) {
    if (p.month < 1 || p.month > 12) return std::nullopt;
  } else {
    return std::nullopt;
  }
  if (p.year < 1949 || p.year > 2200) return std::nullopt;
  return p;
}

std::string_view to_string(OrgKind k) { return kOrgKinds[int(k)]; }
std::optional<OrgKind> parse_org_kind(std::string_view s) { return parse_enum<OrgKind>(s, kOrgKinds); }
std::string_view to_string(MemberStage s) { return kStages[int(s)]; }
std::optional<MemberStage> parse_member_stage(std::string_view s) { return parse_enum<MemberStage>(s, kStages); }
std::string_view to_string(ValueStatus s) { return kStatuses[int(s)]; }
std::optional<ValueStatus> parse_value_status(std::string_view s) {
  if (auto v = parse_enum<ValueStatus>(s, kStatuses)) return v;
  // Chinese labels are accepted too: a CSV edited in Excel carries them.
  for (int i = 0; i < 3; ++i)
    if (label(ValueStatus(i)) == s) return ValueStatus(i);
  return std::nullopt;
}

const std::string& label(OrgKind k) { return tr("org_kind." + std::string(to_string(k))); }
const std::string& label(MemberStage s) { return tr("stage." + std::string(to_string(s))); }
const std::string& label(ValueStatus s) { return tr("status." + std::string(to_string(s))); }
std::string_view to_string(Role r) { return kRoles[int(r)]; }
std::optional<Role> parse_role(std::string_view s) { return parse_enum<Role>(s, kRoles); }
const std::string& label(Role r) { return tr("role." + std::string(to_string(r))); }

}  // namespace jiceng
