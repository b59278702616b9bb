#include "export/Xlsx.hpp"

#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

#include "base/Strings.hpp"

namespace jiceng::exporter {
namespace fs = std::filesystem;

std::optional<double> ProgressRow::rate() const {
  if (!target || !value || *target <= 0) return std::nullopt;
  return *value / *target;
}

ProgressTable progress_table(const YearFigures& f) {
  ProgressTable t;
  const Org& town = f.town();
  t.title = tr("export.xlsx.title", {{"town", town.name}, {"year", std::to_string(f.year())}});
  t.as_of = f.last_month() > 0 ? tr("export.xlsx.as_of_month", {{"year", std::to_string(f.year())},
                                                               {"month", std::to_string(f.last_month())}})
                               : tr("export.xlsx.as_of_year", {{"year", std::to_string(f.year())}});
  for (const auto& ind : f.catalog().indicators()) {
    if (!ind.has_target) continue;
    const std::string task = ind.unit.empty() ? ind.name : tr("export.xlsx.task", {{"name", ind.name}, {"unit", ind.unit}});
    std::vector<std::string> owners;
    for (OrgId id : f.reporting_units()) {
      auto target = f.target(id, ind.id);
      if (!target) continue;
      const Org* o = f.org(id);
      owners.push_back(o->name);
      t.units.push_back(ProgressRow{task, ind.id, o->name, target, f.value(id, ind.id)});
    }
    auto target = f.town_target(ind.id);
    if (!target) continue;
    std::string responsible = town.name;
    if (!owners.empty()) {
      responsible.clear();
      for (size_t i = 0; i < owners.size(); ++i) responsible += (i ? tr("export.xlsx.sep") : "") + owners[i];
    }
    t.town.push_back(ProgressRow{task, ind.id, responsible, target, f.town_value(ind.id)});
  }
  return t;
}

namespace {

struct Formats {
  lxw_format *title, *sub, *head, *text, *wrap, *number, *percent, *center;
};

Formats make_formats(lxw_workbook* wb) {
  auto base = [&](double size, bool bold) {
    lxw_format* f = workbook_add_format(wb);
    format_set_font_name(f, "宋体");
    format_set_font_size(f, size);
    if (bold) format_set_bold(f);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    return f;
  };
  auto cell = [&](bool bold) {
    lxw_format* f = base(11, bold);
    format_set_border(f, LXW_BORDER_THIN);
    return f;
  };
  Formats x;
  x.title = base(16, true);
  format_set_align(x.title, LXW_ALIGN_CENTER);
  x.sub = base(10, false);
  format_set_align(x.sub, LXW_ALIGN_RIGHT);
  x.head = cell(true);
  format_set_align(x.head, LXW_ALIGN_CENTER);
  format_set_bg_color(x.head, 0xF2DCDB);
  x.text = cell(false);
  x.wrap = cell(false);
  format_set_text_wrap(x.wrap);
  x.number = cell(false);
  format_set_num_format(x.number, "#,##0.##");
  x.percent = cell(false);
  format_set_num_format(x.percent, "0.0%");
  x.center = cell(false);
  format_set_align(x.center, LXW_ALIGN_CENTER);
  return x;
}

void check(lxw_error e) {
  if (e != LXW_NO_ERROR) throw std::runtime_error(std::string("xlsx: ") + lxw_strerror(e));
}

// Header rows (title, date, column names) and one row per entry; returns the first data row.
lxw_row_t write_sheet(lxw_worksheet* ws, const Formats& fm, const std::string& title, const std::string& as_of,
                      const std::vector<ProgressRow>& rows) {
  const lxw_row_t first = 3;
  check(worksheet_merge_range(ws, 0, 0, 0, 5, title.c_str(), fm.title));
  check(worksheet_merge_range(ws, 1, 0, 1, 5, as_of.c_str(), fm.sub));
  worksheet_set_row(ws, 0, 30, nullptr);
  const char* heads[] = {"export.xlsx.col.no", "export.xlsx.col.task", "export.xlsx.col.owner",
                         "export.xlsx.col.target", "export.xlsx.col.value", "export.xlsx.col.rate"};
  for (lxw_col_t c = 0; c < 6; ++c) check(worksheet_write_string(ws, 2, c, tr(heads[c]).c_str(), fm.head));
  worksheet_set_column(ws, 0, 0, 6, nullptr);
  worksheet_set_column(ws, 1, 1, 30, nullptr);
  worksheet_set_column(ws, 2, 2, 34, nullptr);
  worksheet_set_column(ws, 3, 5, 12, nullptr);
  for (size_t i = 0; i < rows.size(); ++i) {
    const ProgressRow& r = rows[i];
    const lxw_row_t row = first + lxw_row_t(i);
    check(worksheet_write_number(ws, row, 0, double(i + 1), fm.center));
    check(worksheet_write_string(ws, row, 1, r.task.c_str(), fm.text));
    check(worksheet_write_string(ws, row, 2, r.responsible.c_str(), fm.wrap));
    if (r.target) check(worksheet_write_number(ws, row, 3, *r.target, fm.number));
    else check(worksheet_write_blank(ws, row, 3, fm.number));
    if (r.value) check(worksheet_write_number(ws, row, 4, *r.value, fm.number));
    else check(worksheet_write_blank(ws, row, 4, fm.number));
    // The rate as a live formula, with the result we computed stored beside it.
    const std::string n = std::to_string(row + 1);
    const std::string formula = "=IF(AND(ISNUMBER(E" + n + "),ISNUMBER(D" + n + "),D" + n + ">0),E" + n + "/D" + n + ",\"\")";
    if (auto rate = r.rate()) check(worksheet_write_formula_num(ws, row, 5, formula.c_str(), fm.percent, *rate));
    else check(worksheet_write_formula_str(ws, row, 5, formula.c_str(), fm.percent, ""));
  }
  worksheet_freeze_panes(ws, first, 0);
  return first;
}

void fill_workbook(lxw_workbook* wb, const Formats& fm, const ProgressTable& table, const std::string& title) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, tr("export.xlsx.sheet.town").c_str());
  const lxw_row_t first = write_sheet(ws, fm, title, table.as_of, table.town);
  if (!table.town.empty()) {
    const lxw_row_t last = first + lxw_row_t(table.town.size()) - 1;
    lxw_chart* chart = workbook_add_chart(wb, LXW_CHART_COLUMN);
    lxw_chart_series* s = chart_add_series(chart, nullptr, nullptr);
    const std::string sheet = tr("export.xlsx.sheet.town");
    chart_series_set_categories(s, sheet.c_str(), first, 1, last, 1);
    chart_series_set_values(s, sheet.c_str(), first, 5, last, 5);
    chart_series_set_name(s, tr("export.xlsx.col.rate").c_str());
    lxw_chart_fill fill{};
    fill.color = 0xB22222;
    chart_series_set_fill(s, &fill);
    chart_series_set_labels(s);
    chart_series_set_labels_num_format(s, "0%");
    chart_title_set_name(chart, tr("export.xlsx.chart").c_str());
    chart_axis_set_num_format(chart->y_axis, "0%");
    chart_axis_set_min(chart->y_axis, 0);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    lxw_chart_options at{};
    at.x_scale = 2.2;
    at.y_scale = 1.6;
    check(worksheet_insert_chart_opt(ws, last + 2, 1, chart, &at));
  }
  lxw_worksheet* units = workbook_add_worksheet(wb, tr("export.xlsx.sheet.units").c_str());
  write_sheet(units, fm, title, table.as_of, table.units);

}

std::string temp_path() {
  std::random_device rd;
  std::ostringstream name;
  name << "jiceng-xlsx-" << std::hex << rd() << rd() << ".xlsx";
  return (fs::temp_directory_path() / name.str()).string();
}

}  // namespace

std::string write_xlsx(const ProgressTable& table, bool draft) {
  // libxlsxwriter writes to a file name only: a private temporary file, read back and removed.
  const std::string path = temp_path();
  lxw_workbook_options options{};
  options.constant_memory = LXW_FALSE;
  options.tmpdir = nullptr;
  options.use_zip64 = LXW_FALSE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  if (!wb) throw std::runtime_error("xlsx: cannot create workbook");
  const std::string title = draft ? tr("export.xlsx.title_draft", {{"title", table.title}}) : table.title;
  // libxlsxwriter's properties are char* but only read.
  std::string title_buf = title, company = "Jiceng";
  lxw_doc_properties props{};
  props.title = title_buf.data();
  props.company = company.data();
  workbook_set_properties(wb, &props);
  const Formats fm = make_formats(wb);
  try {
    fill_workbook(wb, fm, table, title);
  } catch (...) {
    workbook_close(wb);
    std::error_code ignore;
    fs::remove(path, ignore);
    throw;
  }
  lxw_error e = workbook_close(wb);
  std::string bytes;
  if (e == LXW_NO_ERROR) {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  std::error_code ignore;
  fs::remove(path, ignore);
  check(e);
  return bytes;
}

}  // namespace jiceng::exporter
