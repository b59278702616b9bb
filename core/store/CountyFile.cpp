#include "store/CountyFile.hpp"

#include "base/Sql.hpp"
#include "store/Store.hpp"

namespace jiceng {

using sql::Stmt;

std::vector<CountyTown> county_town_rows(const Store& county) {
  Stmt st(county.handle(), "SELECT town_id, code, name, source, rolled_up_at FROM county_towns ORDER BY sort");
  std::vector<CountyTown> out;
  while (st.step()) out.push_back({st.text(0), st.text(1), st.text(2), st.text(3), st.text(4)});
  return out;
}

bool county_name_taken(const Store& county, const std::string& code, const std::string& name, const std::string& id) {
  Stmt same(county.handle(), "SELECT 1 FROM county_towns WHERE code = ? AND name = ? AND town_id != ?");
  same.bind(1, code).bind(2, name).bind(3, id);
  return same.step();
}

void remove_county_town_rows(Store& county, const std::string& id) {
  Stmt(county.handle(), "DELETE FROM county_towns WHERE town_id = ?").bind(1, id).run();
}

struct CountyTownWriter::Statements {
  Stmt org, fig, unit, year;
  explicit Statements(sqlite3* db)
      : org(db, "INSERT INTO county_orgs(town_id, code, name, kind, parent_code, sort) VALUES(?,?,?,?,?,?)"),
        fig(db, "INSERT INTO county_figures(town_id, year, org_code, indicator_id, value, target) VALUES(?,?,?,?,?,?)"),
        unit(db, "INSERT INTO county_units(town_id, year, org_code, filled, expected, status) VALUES(?,?,?,?,?,?)"),
        year(db, "INSERT INTO county_years(town_id, year, last_month) VALUES(?,?,?)") {}
};

CountyTownWriter::CountyTownWriter(Store& county, const CountyTown& t, const std::string& source_sha256) : town_(t.id) {
  sqlite3* db = county.handle();
  Stmt had(db, "SELECT sort FROM county_towns WHERE town_id = ?");
  had.bind(1, t.id);
  replaced_ = had.step();
  const int64_t sort = replaced_ ? had.int64(0) : sql::scalar_int(db, "SELECT coalesce(max(sort), 0) + 1 FROM county_towns");
  for (const char* table : {"county_figures", "county_units", "county_years", "county_orgs"})
    Stmt(db, std::string("DELETE FROM ") + table + " WHERE town_id = ?").bind(1, t.id).run();
  Stmt(db, "INSERT INTO county_towns(town_id, code, name, source, source_sha256, rolled_up_at, sort) VALUES(?,?,?,?,?,?,?) "
           "ON CONFLICT(town_id) DO UPDATE SET code = excluded.code, name = excluded.name, source = excluded.source, "
           "source_sha256 = excluded.source_sha256, rolled_up_at = excluded.rolled_up_at")
      .bind(1, t.id).bind(2, t.code).bind(3, t.name).bind(4, t.source).bind(5, source_sha256).bind(6, t.rolled_up_at)
      .bind(7, sort).run();
  st_ = std::make_unique<Statements>(db);
}

CountyTownWriter::~CountyTownWriter() = default;

void CountyTownWriter::org(const std::string& code, const std::string& name, OrgKind kind, const std::string& parent_code,
                           int sort) {
  st_->org.bind(1, town_).bind(2, code).bind(3, name).bind(4, std::string(to_string(kind))).bind(5, parent_code)
      .bind(6, sort).run();
}

void CountyTownWriter::year(int year, int last_month) { st_->year.bind(1, town_).bind(2, year).bind(3, last_month).run(); }

void CountyTownWriter::figure(int year, const std::string& org_code, const std::string& indicator,
                              std::optional<double> value, std::optional<double> target) {
  st_->fig.bind(1, town_).bind(2, year).bind(3, org_code).bind(4, indicator).bind(5, value).bind(6, target).run();
}

void CountyTownWriter::unit(int year, const std::string& org_code, int filled, int expected, const std::string& status) {
  st_->unit.bind(1, town_).bind(2, year).bind(3, org_code).bind(4, filled).bind(5, expected).bind(6, status).run();
}

std::vector<CountyYearTown> county_year_towns(const Store& county, int year) {
  Stmt towns(county.handle(), "SELECT t.town_id, t.code, t.name, t.source, t.rolled_up_at, y.last_month FROM county_towns t "
                              "JOIN county_years y ON y.town_id = t.town_id AND y.year = ? ORDER BY t.sort");
  towns.bind(1, year);
  std::vector<CountyYearTown> out;
  while (towns.step())
    out.push_back({{towns.text(0), towns.text(1), towns.text(2), towns.text(3), towns.text(4)}, int(towns.int64(5))});
  return out;
}

std::vector<CountyUnitCounts> county_unit_counts(const Store& county, int year) {
  Stmt units(county.handle(), "SELECT town_id, count(*), sum(filled), sum(expected), "
                              "sum(status IN ('submitted', 'approved')) FROM county_units WHERE year = ? GROUP BY town_id");
  units.bind(1, year);
  std::vector<CountyUnitCounts> out;
  while (units.step())
    out.push_back({units.text(0), int(units.int64(1)), units.int64(2), units.int64(3), int(units.int64(4))});
  return out;
}

void county_town_figures(const Store& county, int year,
                         const std::function<void(const std::string&, const std::string&, std::optional<double>,
                                                  std::optional<double>)>& fn) {
  Stmt figs(county.handle(), "SELECT f.town_id, f.indicator_id, f.value, f.target FROM county_figures f JOIN county_orgs o "
                             "ON o.town_id = f.town_id AND o.code = f.org_code AND o.parent_code = '' WHERE f.year = ?");
  figs.bind(1, year);
  while (figs.step()) fn(figs.text(0), figs.text(1), figs.opt_real(2), figs.opt_real(3));
}

}  // namespace jiceng
