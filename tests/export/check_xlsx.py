#!/usr/bin/python3
"""The demo town's progress table exported as .xlsx, read back with openpyxl: the six columns,
rate formulas with cached results that agree with 完成值 / 年度目标, and a column chart over them."""
import shutil
import sys

from common import Checks, cli, demo_town, require

openpyxl = require("openpyxl")

bin_dir = sys.argv[1]
work, db = demo_town(bin_dir)
c = Checks()

out = work / "progress.xlsx"
cli(bin_dir, "summary", str(db), "--year", "2020", "--format", "xlsx", "--out", str(out))
formulas = openpyxl.load_workbook(str(out))
values = openpyxl.load_workbook(str(out), data_only=True)
c.check(formulas.sheetnames == ["全镇进度", "分单位进度"], f"sheets {formulas.sheetnames}")
ws, wv = formulas["全镇进度"], values["全镇进度"]
c.check(ws["A1"].value == "青禾镇2020年基层党建重点任务完成情况", f"title {ws['A1'].value}")
c.check([ws.cell(3, i).value for i in range(1, 7)] == ["序号", "工作任务", "责任单位", "年度目标", "完成值", "完成率"],
        "header row")
rows = 0
for r in range(4, ws.max_row + 1):
    if ws.cell(r, 1).value is None:
        break
    rows += 1
    target, value, rate = wv.cell(r, 4).value, wv.cell(r, 5).value, wv.cell(r, 6).value
    formula = ws.cell(r, 6).value
    c.check(isinstance(formula, str) and formula.startswith("=IF(") and f"E{r}/D{r}" in formula, f"row {r} formula {formula}")
    c.check(ws.cell(r, 1).value == rows, f"row {r} number")
    if isinstance(value, (int, float)) and target:
        c.check(abs(rate - value / target) < 1e-9, f"row {r} cached rate {rate} = {value}/{target}")
    else:
        c.check(rate in ("", None), f"row {r} no rate without a value")
    c.check(ws.cell(r, 6).number_format == "0.0%", "rate shown as a percentage")
c.check(rows >= 10, f"{rows} task rows")
charts = ws._charts
c.check(len(charts) == 1 and charts[0].tagname == "barChart" and charts[0].type == "col", "one column chart")
if charts:
    ref = charts[0].series[0].val.numRef.f
    c.check(ref.endswith(f"$F$4:$F${3 + rows}"), f"chart over the rate column: {ref}")
units = formulas["分单位进度"]
c.check(units.max_row > rows + 3, "unit rows")

draft = work / "draft.xlsx"
cli(bin_dir, "summary", str(db), "--year", "2020", "--format", "xlsx", "--draft", "--out", str(draft))
c.check(openpyxl.load_workbook(str(draft))["全镇进度"]["A1"].value.endswith("（草稿）"), "draft title")

shutil.rmtree(work, ignore_errors=True)
c.finish()
