#!/usr/bin/python3
"""Writes assets/editor/pinyin_initials.json: the pinyin initial letters of every character used in
the indicator catalog's names, aliases and section names, for the editor's indicator picker.
Source: the character table of Debian's golang-github-mozillazg-go-pinyin-dev (a data file, read
as text). Polyphonic characters keep every initial ("行" -> "hx"). Rerun after editing the catalog:
  apt-get install golang-github-mozillazg-go-pinyin-dev && scripts/gen_pinyin_initials.py"""
import json, re, sys, unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DICT = Path("/usr/share/gocode/src/github.com/mozillazg/go-pinyin/pinyin_dict.go")

def initials(readings):
    out = ""
    for r in readings.split(","):
        base = unicodedata.normalize("NFD", r.strip())[:1].lower()
        if base and base.isascii() and base.isalpha() and base not in out:
            out += base
    return out

table = {}
for m in re.finditer(r"0x([0-9A-F]+): \"([^\"]*)\"", DICT.read_text(encoding="utf-8")):
    table[chr(int(m.group(1), 16))] = initials(m.group(2))

catalog = json.loads((ROOT / "assets/catalog.json").read_text(encoding="utf-8"))
texts = [s["name"] for s in catalog["sections"]]
for ind in catalog["indicators"]:
    texts.append(ind["name"])
    texts.extend(ind.get("aliases", []))
chars = sorted({c for t in texts for c in t if "\u3400" <= c <= "\u9fff"})
missing = [c for c in chars if not table.get(c)]
if missing:
    sys.exit("no pinyin for: " + "".join(missing))
out = {c: table[c] for c in chars}
dest = ROOT / "assets/editor/pinyin_initials.json"
dest.parent.mkdir(exist_ok=True)
dest.write_text(json.dumps(out, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
print(f"{len(out)} characters -> {dest}")
