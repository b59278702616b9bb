#!/usr/bin/python3
"""The demo town's summary exported as .docx, read back with python-docx: A4 and the official
margins, exact 28.95 pt line spacing, East Asian fonts on the styles, heading fonts, first-line
indent, page-number footers on odd and even pages, and a draft marked 草稿."""
import shutil
import sys

from common import Checks, cli, demo_town, require

docx = require("docx")
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Emu, Pt, Twips  # noqa: E402

bin_dir = sys.argv[1]
work, db = demo_town(bin_dir)
c = Checks()

final = work / "summary.docx"
cli(bin_dir, "summary", str(db), "--year", "2020", "--format", "docx", "--out", str(final))
d = docx.Document(str(final))

sec = d.sections[0]
c.check(abs(sec.page_width - Emu(Twips(11906))) < 2000 and abs(sec.page_height - Emu(Twips(16838))) < 2000, "A4 page")
c.check(sec.top_margin == Twips(2098), f"top margin {sec.top_margin.twips if sec.top_margin else None}")
c.check(sec.bottom_margin == Twips(1984), "bottom margin")
c.check(sec.left_margin == Twips(1587), "left margin")
c.check(sec.right_margin == Twips(1474), "right margin")
c.check(d.settings.odd_and_even_pages_header_footer, "odd and even page footers")

normal = d.styles["Normal"]
c.check(normal.font.size == Pt(16), "body 三号 16 pt")
rfonts = normal.element.rPr.rFonts
c.check(rfonts.get(qn("w:eastAsia")) == "仿宋_GB2312", "body East Asian font 仿宋_GB2312")
pf = normal.paragraph_format
c.check(pf.line_spacing == Twips(579), f"exact line pitch 579 twips, got {pf.line_spacing}")
c.check(pf.line_spacing_rule == docx.enum.text.WD_LINE_SPACING.EXACTLY, "line spacing rule exact")
ind = normal.element.pPr.find(qn("w:ind"))
c.check(ind is not None and ind.get(qn("w:firstLineChars")) == "200", "first-line indent 2 characters")

title_style = d.styles["Title"]
c.check(title_style.font.size == Pt(22), "title 二号 22 pt")
c.check(title_style.element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体", "title font")
c.check(d.styles["Heading 1"].element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体", "一、 headings 黑体")
c.check(d.styles["Heading 2"].element.rPr.rFonts.get(qn("w:eastAsia")) == "楷体_GB2312", "（一） headings 楷体_GB2312")

paras = [p for p in d.paragraphs if p.text.strip()]
c.check(paras[0].text == "青禾镇2020年基层党建工作总结" and paras[0].style.name == "Title", "title first")
h1 = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
c.check(len(h1) == 6 and h1[0].startswith("一、聚焦疫情防控"), f"six 一级 headings: {h1}")
h2 = [p.text for p in d.paragraphs if p.style.name == "Heading 2"]
c.check(h2 and h2[0].startswith("（一）"), "（一） headings")
body = "".join(p.text for p in d.paragraphs)
c.check("待补" not in body and "草稿" not in body, "a final document has no markers")
c.check("X" not in body and "×" not in body, "no leftover X")
c.check(paras[-1].style.name == "Signature" and paras[-1].text.startswith("2020年"), "signature last")

for footer, align in ((sec.footer, "right"), (sec.even_page_footer, "left")):
    xml = footer._element.xml
    c.check("PAGE" in xml and "— " in xml and " —" in xml, f"page number field in the {align} footer")
    c.check(f'w:val="{align}"' in xml, f"page number on the {align}")

draft = work / "draft.docx"
# The draft of a template with a blank nobody filled: marked 草稿, the blank in red.
tpl = work / "t.tpl"
tpl.write_text("【标题】{镇名}{年份}年基层党建工作总结\n全年发展党员{发展党员数}名，{待补(\"软弱涣散村名称\")}。\n", encoding="utf-8")
cli(bin_dir, "summary", str(db), "--year", "2020", "--format", "docx", "--template", str(tpl), "--out", str(work / "refused.docx"), expect=3)
c.check(not (work / "refused.docx").exists(), "a refused final export writes nothing")
cli(bin_dir, "summary", str(db), "--year", "2020", "--format", "docx", "--template", str(tpl), "--draft", "--out", str(draft))
dd = docx.Document(str(draft))
c.check(dd.paragraphs[0].text.startswith("【草稿】"), "draft banner first")
c.check("草稿" in dd.sections[0].header._element.xml and "草稿" in dd.sections[0].even_page_header._element.xml,
        "草稿 in the odd and even page headers")
missing = [r for p in dd.paragraphs for r in p.runs if "待补" in r.text]
c.check(missing and missing[0].font.color.rgb == docx.shared.RGBColor(0xC0, 0, 0), "missing figure in red")

shutil.rmtree(work, ignore_errors=True)
c.finish()
