#!/usr/bin/python3
"""The demo town's summary .docx as a reader sees it: converted to PDF by LibreOffice (headless) and
read back with poppler. Checks A4 pages, 22 lines on every full page (28 characters a line, the 公文
grid), "— N —" page numbers on every page (right on odd pages, left on even ones), no leftover X
blank, and the draft's 草稿 mark. The pages are also rendered to PNG beside the PDF (the path is
printed) for a person to look at."""
import re
import shutil
import subprocess
import sys

from common import Checks, cli, demo_town

for tool, package in (("soffice", "libreoffice-writer-nogui"), ("pdftotext", "poppler-utils")):
    if not shutil.which(tool):
        print(f"SKIPPED: {tool} is not installed (apt-get install {package})")
        sys.exit(0)

bin_dir = sys.argv[1]
work, db = demo_town(bin_dir)
c = Checks()


def to_pdf(docx):
    # A private LibreOffice profile: a person's running office or settings must not interfere.
    r = subprocess.run(["soffice", f"-env:UserInstallation=file://{work}/lo-profile", "--headless",
                        "--convert-to", "pdf", "--outdir", str(work), str(docx)],
                       capture_output=True, text=True, timeout=300)
    pdf = docx.with_suffix(".pdf")
    if r.returncode != 0 or not pdf.exists():
        sys.exit(f"LibreOffice could not convert {docx}: {r.stdout}{r.stderr}")
    return pdf


def pages_text(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    n = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
    texts = []
    for p in range(1, n + 1):
        out = subprocess.run(["pdftotext", "-layout", "-f", str(p), "-l", str(p), str(pdf), "-"],
                             capture_output=True, text=True, check=True).stdout
        texts.append([line for line in out.splitlines() if line.strip()])
    return (float(size.group(1)), float(size.group(2))), texts


def width(line):
    return sum(0.5 if ord(ch) < 0x2000 else 1.0 for ch in re.sub(r"\s", "", line))


final = work / "summary.docx"
cli(bin_dir, "summary", str(db), "--year", "2020", "--format", "docx", "--out", str(final))
pdf = to_pdf(final)
(w, h), pages = pages_text(pdf)
c.check(abs(w - 595.3) < 1 and abs(h - 841.9) < 1, f"A4 page, got {w} x {h} pt")
c.check(len(pages) >= 3, f"the demo summary fills several pages, got {len(pages)}")

number = re.compile(r"^\s*—\s*(\d+)\s*—\s*$")
for i, lines in enumerate(pages, start=1):
    last = lines[-1] if lines else ""
    m = number.match(last)
    c.check(m is not None and int(m.group(1)) == i, f"page {i} ends with its number — {i} —, got {last!r}")
    if m:
        # Odd pages carry the number on the right, even pages on the left (pdftotext keeps the
        # horizontal position as leading spaces).
        indent = len(last) - len(last.lstrip())
        c.check(indent > 20 if i % 2 else indent < 10, f"page {i}: number on the {'right' if i % 2 else 'left'}")
    body = lines[:-1]
    # Every page but the first (title) and the last (ends where the text ends) is full.
    if 1 < i < len(pages):
        c.check(len(body) == 22, f"page {i} has 22 lines, got {len(body)}")
    c.check(len(body) <= 22, f"page {i} has at most 22 lines, got {len(body)}")
    # A full line of body text holds 28 characters (a digit or Latin letter is half as wide).
    widest = max((width(line) for line in body), default=0)
    c.check(widest <= 28.5, f"page {i}: at most 28 characters a line, widest {widest}")

text = "\n".join("\n".join(p) for p in pages)
c.check("青禾镇2020年基层党建工作总结" in text.replace(" ", ""), "the title is on the first page")
c.check(not re.search(r"(?<![A-Za-z])X+(?![A-Za-z])", text), "no leftover X blank")
c.check("草稿" not in text, "a final export is not marked 草稿")

draft = work / "draft.docx"
cli(bin_dir, "summary", str(db), "--year", "2020", "--format", "docx", "--draft", "--out", str(draft))
_, draft_pages = pages_text(to_pdf(draft))
c.check(any("草稿" in line for line in draft_pages[0]), "the draft's first page says 草稿")

png = work / "page"
if shutil.which("pdftoppm"):
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(png)], check=True)
    print(f"pages rendered to {png}-N.png")
c.finish()
