#!/usr/bin/env bash
# Writes the seed corpus of tests/fuzz/corpus/ from the program itself (packages and CSV files as
# jiceng-cli writes them) and from assets/ and tests/data/. Run again when a format changes:
#   bash tests/fuzz/make_corpus.sh [BUILD_DIR]      (default build/, needs build/bin/jiceng-cli)
# Seeds stay small (a few kB each): libFuzzer mutates them, it does not need big ones.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cli="${1:-$here/build}/bin/jiceng-cli"
c="$here/tests/fuzz/corpus"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rm -rf "$c"
mkdir -p "$c"/{fuzz_expr,fuzz_template,fuzz_xtemplate_text,fuzz_xtemplate_docx,fuzz_csv,fuzz_package,fuzz_catalog,fuzz_numbers}

# Expressions and template text: the built-in template's placeholders and paragraphs.
/usr/bin/python3 - "$here" "$c" <<'PY'
import json, re, sys, pathlib
root, c = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
tpl = (root / "assets/templates/default.tpl").read_text(encoding="utf-8")
exprs = sorted(set(re.findall(r"\{([^{}]+)\}", tpl)), key=len, reverse=True)[:40]
catalog = json.loads((root / "assets/catalog.json").read_text(encoding="utf-8"))
formulas = [i["formula"] for i in catalog["indicators"] if i.get("formula")][:20]
for n, e in enumerate(exprs + formulas):
    (c / "fuzz_expr" / f"seed-{n:02}").write_text(e, encoding="utf-8")
paras = [p for p in tpl.split("\n") if "{" in p][:30]
for n, p in enumerate(paras):
    (c / "fuzz_template" / f"seed-{n:02}").write_text(p, encoding="utf-8")
# Numbers as clerks type them, dates and periods (the "a,b" form feeds days_between).
for n, s in enumerate(["12", "3.5", "０.２５", " 7 ", "1e3", "-4", "2020-03", "2020", "2020-13",
                       "2019-02-29,2020-02-29", "2020-01-01,2020-12-31", "1e400", "0x10", "12,5", "万"]):
    (c / "fuzz_numbers" / f"seed-{n:02}").write_text(s, encoding="utf-8")
(c / "fuzz_numbers" / "seed-gbk").write_bytes("青石村".encode("gb18030"))
# The catalog cut to a few indicators of each kind, and a ranking setting.
small = dict(catalog)
small["indicators"] = catalog["indicators"][:6] + [i for i in catalog["indicators"] if i.get("formula")][:2]
(c / "fuzz_catalog" / "seed-catalog").write_text(json.dumps(small, ensure_ascii=False), encoding="utf-8")
(c / "fuzz_catalog" / "seed-ranking").write_text('{"weights": {"a": 1}, "bands": [90, 75, 60]}', encoding="utf-8")
(c / "fuzz_catalog" / "seed-town-indicator").write_text('{"id": "t_0a1b2c3d", "name": "老党员数", "section": "organization", "unit": "名", "kind": "count", "rules": [{"le": "members"}], "entry_unit": "人", "entry_factor": 1}', encoding="utf-8")
PY

# X-templates: the text samples, and the same text as a minimal .docx (one with a header, a table
# and a content control, the structures the reader walks).
cp "$here"/tests/data/xtemplates/*.txt "$c/fuzz_xtemplate_text/"
/usr/bin/python3 - "$here" "$c" <<'PY'
import sys, zipfile, pathlib, html
root, c = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
def para(t, style=None):
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{html.escape(t)}</w:t></w:r></w:p>'
for src in sorted((root / "tests/data/xtemplates").glob("*.txt"))[:3]:
    raw = src.read_bytes()
    try: text = raw.decode("utf-8-sig")
    except UnicodeDecodeError: text = raw.decode("gb18030")
    lines = [l for l in text.splitlines() if l.strip()][:12]
    body = para(lines[0], "Heading1") + "".join(para(l) for l in lines[1:6])
    body += '<w:tbl><w:tr><w:tc>' + "".join(para(l) for l in lines[6:8]) + '</w:tc></w:tr></w:tbl>'
    body += '<w:sdt><w:sdtContent>' + "".join(para(l) for l in lines[8:]) + '</w:sdtContent></w:sdt>'
    doc = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}</w:body></w:document>'
    hdr = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr {W}>{para("内部资料")}</w:hdr>'
    types = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    with zipfile.ZipFile(c / "fuzz_xtemplate_docx" / (src.stem + ".docx"), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("word/document.xml", doc)
        z.writestr("word/header1.xml", hdr)
PY

# CSV files and packages from a demo town, as the program writes them. fuzz_csv's first byte
# chooses the importer: 0 values, 1 organisations, 2 members.
"$cli" demo "$tmp/town.db" >/dev/null
# The town id FuzzSupport.cpp gives its demo town: these packages are that town's.
sqlite3 "$tmp/town.db" "UPDATE meta SET value = 'f0220f0220f0220f0220f0220f0220f0' WHERE key = 'town_id'"
"$cli" export "$tmp/town.db" --year 2020 --out "$tmp/values.csv" >/dev/null
{ printf '\0'; head -n 25 "$tmp/values.csv"; } >"$c/fuzz_csv/values"
{ printf '\1'; printf '\xef\xbb\xbf组织代码,组织名称,类型,上级代码\nV9,东山村,行政村,\nV9-1,东山村党支部,党支部,V9\nS9,中心学校,镇直单位,\n'; } >"$c/fuzz_csv/orgs"
{ printf '\2'; printf '姓名,性别,出生日期,所在支部,发展阶段,申请入党日期,谈话日期,确定积极分子日期,确定发展对象日期,接收预备党员日期,转正日期,后备干部\n'
  printf '李四,男,1990-05-01,青石村党支部,入党申请人,2020-03-01,2020-03-20,,,,,否\n'
  printf '王五,女,1985-11-12,桃源村党支部,积极分子,2019-04-01,2019-04-20,2019-10-01,,,,是\n'; } >"$c/fuzz_csv/members"

# Packages: a tablet's few changes since it was cloned (small), whole (sealed for the office, and
# open) and as a bare payload (fuzz_package's first byte mod 3: 0 = the whole file, 1 = the
# payload, its checksum made to match, 2 = the payload sealed for the fuzz town).
JICENG_PIN=246810 "$cli" package clone "$tmp/town.db" --out "$tmp/tablet.db" --user admin >/dev/null
JICENG_PIN=246810 "$cli" set "$tmp/tablet.db" --org 青石村 --indicator 发展党员数 --period 2020 --value 3 --reason 补录 --confirm --user admin >/dev/null
JICENG_PIN=246810 "$cli" set "$tmp/tablet.db" --org 桃源村 --indicator 发展党员数 --period 2020 --value 2 --confirm --user admin >/dev/null
sqlite3 "$tmp/tablet.db" "VACUUM INTO '$tmp/same-tablet.db'"  # the same device, for a second first export
"$cli" package export "$tmp/tablet.db" --org 青石村 --org 桃源村 --out "$tmp/p.jcpkg" >/dev/null
"$cli" package export "$tmp/same-tablet.db" --org 青石村 --org 桃源村 --open --out "$tmp/open.jcpkg" >/dev/null
{ printf '\0'; cat "$tmp/p.jcpkg"; } >"$c/fuzz_package/changes"
{ printf '\3'; cat "$tmp/open.jcpkg"; } >"$c/fuzz_package/changes-open"
{ printf '\1'; tail -n +2 "$tmp/open.jcpkg"; } >"$c/fuzz_package/changes-payload"
{ printf '\2'; tail -n +2 "$tmp/open.jcpkg"; } >"$c/fuzz_package/changes-sealed"
du -sh "$c"; ls "$c"/* | wc -l
