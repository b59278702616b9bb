#!/usr/bin/python3
"""Cuts the Chinese font the browser build ships from Debian's Noto Sans CJK SC (fonts-noto-cjk).

    /usr/bin/python3 scripts/web-font.py OUT_DIR [--font FILE.ttc --index N]
    /usr/bin/python3 scripts/web-font.py --derive-common   # re-derive COMMON_EXTRA from Unihan

A browser has no fontconfig, and the whole face (42 000 BMP characters) is about 16 MB, so it is cut
in two CFF-based OpenType files (ImGui's FreeType builder reads them):

  jiceng-main.otf  loaded with the page and precached by the service worker:
                   - kBaseRanges of platform/Fonts.cpp (read from that file, so the two never differ):
                     ASCII, Latin-1, general punctuation, arrows, shapes, CJK punctuation, full-width forms;
                   - every character of every .json/.tpl/.txt file under assets/ (UI strings, catalog,
                     templates, demo town);
                   - all of GB 2312: every character that decodes from its double-byte range with
                     Python's 'gb2312' codec (6 763 hanzi + 682 symbols);
                   - the commonly used characters beyond GB 2312: those of the 通用规范汉字表 (Table of
                     General Standard Chinese Characters, State Council 2013, 8 105 characters, the
                     official list of characters in common use today, names and place names included)
                     that GB 2312 lacks and that lie in the BMP (ImWchar is 16-bit). The list is the
                     Unihan kTGH field; it is written out below (COMMON_EXTRA, 1 271 characters, 1 191 of
                     them in GBK/CP936, the others in CJK Ext. A such as 䶮) so that the build needs
                     nothing but the font; --derive-common checks it against Debian's unicode-data.
  jiceng-rest.otf  every other BMP character the SC face maps (about 33 000): fetched by the app only
                   when text needs a character main lacks, so a rare name character never shows as '?'.

Both are cut the same way: hinting off (the app renders unhinted), CFF desubroutinized (a little
larger raw, smaller once gzip/brotli compressed, and faster for FreeType), no layout or vertical
tables (ImGui shapes no text: GSUB/GPOS/GDEF/BASE/VORG/vhea/vmtx go), no glyph names, name table
kept to family/style/version plus the copyright and licence records. The timestamp is the source
face's, so the same inputs give the same bytes: the service worker's cache version is a hash of them.
The SIL Open Font License text travels with them as LICENSE-NotoSansCJK.txt.
"""
import argparse
import bz2
import gzip
import hashlib
import io
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
DEFAULT_INDEX = 2  # faces of the TTC: 0 JP, 1 KR, 2 SC, 3 TC, 4 HK
UNIHAN = Path("/usr/share/unicode/Unihan_OtherMappings.txt.bz2")  # Debian unicode-data
DEBIAN_COPYRIGHT = Path("/usr/share/doc/fonts-noto-cjk/copyright")

try:
    from fontTools import subset
    from fontTools.ttLib import TTFont
except ImportError:
    sys.exit("缺少 fontTools（apt-get install fonttools），请用 /usr/bin/python3 运行 / "
             "fontTools is missing: apt-get install fonttools, and run with Debian's /usr/bin/python3")

# 通用规范汉字表 characters (Unihan kTGH) that are not in GB 2312, BMP only, in code point order.
COMMON_EXTRA = """\
㑇㑊㕮㘎㙍㙘㙦㛃㛚㛹㟃㠇㠓㤘㥄㧐㧑㧟㫰㬊㬎㬚㭎㭕㮾㰀㳇㳘㳚㴔㵐㶲㸆㸌㺄㻬㽏㿠䁖䂮䃅䃎䅟䌹䎃䎖䏝䏡䏲䐃䓖䓛䓨䓫䓬䗖䗛䗪䗴䜣
䝙䢺䢼䣘䥽䦃䲟䲠䲢䴓䴔䴕䴖䴗䴘䴙䶮丏乂乸亶亸亹伈伋伣伭伾佁佖佸佺佽侁侂侘侴侹俍俙俫俵俶倓倕倞倧倴倻偁偓偡偭偰偲傃傉傒傕僇
僎僔僰儦儳儴冏冔冮凓凘刬剅剋剕剟劄劼勍勔勚勠匜匼卬厖厾叆叇叕叚吽呇呣咇咉咍咡咥咺哃哢哱唝唵啫啰啴喆喤嗐嗞嘚嘡噀噂噇嚄嚚嚭
囷圌圐圙圢圫圲坉坋坒坥坬坰坽垈垍垎垏垕垙垚垞垟垯垱垵垺垾垿埆埇埌埗埪埫埵埼堃堉堌堎堐堧堨堲堼堽堾塅塆塝塱墈墐墕墘墡墣墦壸
夐夬奓奡奭妘妧妭姈姞姤姮姱姶姽娀娵婌婍婘婞婠婤婫婳婻婼媂媄媆媓媖媞媭媱嫄嫕嫚嫪嫭嫽嬛嬥嬬嬿孅孖宧宬寁尨尪屃屼屾岊岞岠岨峂
峃峗峘峛峣峧峱峿崀崁崄崌崒崚崟崡崶崿嵁嵅嵎嵖嵚嵲嶅嶍嶒嶓嶟嶦嶲巇巉帡帨幖幪庤庱庼廆廋廙弆弇弢弨弶弸彟彧徛忞忳忺恓恔悆悈悢
悰惇惎惔惙惛愃愐愔愭慆慥慬慭憕憙憭憺戣戭扂扅扆扊扞扺扽抃抔拃拤挓挦捯捽掞揕揳搒摏摛摴摽擿攽敔敩斝斠斶旐旞旴旵旸旻旿昄昇昈
昉昒昡昣昤昪昫昳昺昽晅晊晐晙晞晢晪晫晱暅暕暲暵暶暿曈曌朏朓朳朸杄杕杙杧杻枅枍枲枹柈柊柖柷栐栒栟栴栻桯桲桹梌梠梣梴梼梽梾梿
棁棐棓棤棨棪棫棬棻棽椀椆椑椓椪椸楒楙楩楪楯榃榅榑榖榰槃槚槜槱橑橞橦檞櫆欂欸欻歅殣毌毐氾氿汈汋汧汫汭沄沇沘沚沨沺泂泃泇泙泚
泜洈洑洓洘洢洣洨洭洴洸洺洿浉浐浕浛浟浡浥浬浭浰浲涄涍涐涘涢涴淏淜淟淯淴渟渰渼湉湑湜湝湣湲湴溁溇溍溚溞溠溦溵溹滃滆滉滍滘滧
滪滫漈漋漖漦漴漷漹漻漼潏潖潟潩潵潽潾澂澛澥澪澭澴澼澽濋濩瀌瀍瀔瀱瀼灈炆炌炘炟炣烔烜烝烠烶烺烻焆焌焗焜焞煁煃煋煓煟煴熇熛熜
熥熻燊燋燏燚爇爔爚爟牁牂牚牤牥牻犇犨狉狝猄猇猯猰猺獴玃玒玓玕玘玙玚玞玠玡玤玥玦玭玱玶玹玼玿珅珇珋珌珒珕珖珛珝珢珣珦珪珫珰
珵珷珸珹珺珽琀琄琇琈琎琔琟琡琤琫琭琯琲瑀瑂瑃瑄瑅瑆瑑瑓瑔瑖瑝瑢瑧瑨瑬瑱瑳璆璈璒璘璟璠璥璪璬璮璱璲瓀瓖瓘瓻甗甡甦甪畖畤畬畯
疁疍疐疢疭痓瘆癗癿皕皛皞皦皭盉盦盷眊眬睄睎瞋瞫瞭矞矰矻矼砄砆砠砫砮砵硁硊硍硔硙硚硿碃碈碏碨碶磏磜磡磹磻礌礵祃祇祊祋祎祏祐
祕祲祼祾禋禒禔禘禛禤秬秾稌稑稙穄穙穜穟窅窊窎窣窸竑竘竫笯筀筜筤筥筦筶筼箓箖篯簃簉簕簝簠簰籥粿糒糵絜縠縢繄纮纴纻纼绖绤绹缊
缐缞罍罶罽羑羓羕羖羱翀翂翃翈翙翚翛翯翷翾耇耏耑耤耰肸胈胠胣脟脩脿腒腘腨腯膙臑臜舠舥舲艅艎芃芠芣芼苉苧苾茀茋茓茝茽荁荄荓荖
荙莙莝莿菂菉菍菼萚萣萩萳萹葎葖葰葴蒄蒐蒟蒨蒱蒻蓂蓇蓏蓢蔀蔃蔈蔊蕗蕰薁薢薳薸薿藟藠藦藨蘘虒虓虤虷虸蚄蚆蚲蛃蜎蜐蝘蝲螠螣螱蟏
蟫蠋衃衎衒衠袆袗袪袯裈裛褕褟褯襕襚襜襫觃觟觭觱觿訄訚詟讱讻诇诐谞谼谿豨豮貆赑赒赗赟赪趯跂跐跱跶踒踦踶蹅蹐蹚蹜蹢蹽蹾轪辀辌
辒辿迺逴遆遹邘邠邨邲邽邿郃郈郚郤郪郿鄀鄃鄅鄌鄑鄗鄘鄚鄜鄠鄫酂酅酦酺醨醾釐鋆钖钘铏铚铻锜锧锳锽镃镈镋镕镚镠镮镴镵闿阇阘陎陑
陞隃隩隺雊雱霅霨靬靰靸靺靽靿鞁鞡鞧鞨鞬鞮鞳韂韨颋颎颙飏飐飔飗饳饸饹饻馃馉馌馝馞馧驲骃骉骍骎骕骙骦髃髎髢髽鬒鬘鬶鬷魆魋鱽鱾
鲀鲃鲉鲊鲌鲏鲖鲗鲘鲙鲝鲪鲬鲯鲹鲾鲿鳀鳁鳂鳈鳉鳑鳒鳚鳛鳠鳡鳣鳤鸤鸧鸮鸰鸻鸼鹀鹍鹐鹒鹔鹖鹙鹝鹟鹠鹡鹢鹮鹯鹲鹴麀麑麖麹黇黡鼒鼩
鼫鼱齁齇齉龁龂龢鿍鿎鿏
"""


def common_extra():
    return {ord(c) for c in COMMON_EXTRA if not c.isspace()}


def gb2312():
    """Every character of GB 2312: rows 0xA1–0xF7, cells 0xA1–0xFE, whatever the codec decodes."""
    out = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                out.add(ord(bytes((hi, lo)).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return out


def base_ranges():
    """kBaseRanges of platform/Fonts.cpp, the characters the desktop atlas always holds."""
    text = (ROOT / "platform/Fonts.cpp").read_text(encoding="utf-8")
    m = re.search(r"kBaseRanges\[\]\[2\]\s*=\s*\{(.*?)\};", text, re.S)
    if not m:
        sys.exit("platform/Fonts.cpp: kBaseRanges not found")
    out = set()
    for lo, hi in re.findall(r"\{\s*0x([0-9A-Fa-f]+)\s*,\s*0x([0-9A-Fa-f]+)\s*\}", m.group(1)):
        out.update(range(int(lo, 16), int(hi, 16) + 1))
    if len(out) < 100:
        sys.exit("platform/Fonts.cpp: kBaseRanges looks wrong")
    return out


def asset_chars():
    out = set()
    for path in sorted((ROOT / "assets").rglob("*")):
        if path.suffix in (".json", ".tpl", ".txt") and path.is_file():
            out.update(ord(c) for c in path.read_text(encoding="utf-8"))
    return {c for c in out if c >= 0x20}


def derive_common():
    """Re-derives COMMON_EXTRA from Debian's unicode-data (Unihan kTGH) and compares."""
    if not UNIHAN.exists():
        sys.exit(f"{UNIHAN} 不存在（apt-get install unicode-data）/ missing: apt-get install unicode-data")
    tgh = set()
    with bz2.open(UNIHAN, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("U+"):
                cp, key, _ = line.split("\t", 2)
                if key == "kTGH":
                    tgh.add(int(cp[2:], 16))
    derived = sorted(c for c in tgh - gb2312() if c <= 0xFFFF)
    text = "".join(map(chr, derived))
    print("\n".join(text[i:i + 60] for i in range(0, len(text), 60)))
    same = set(derived) == common_extra()
    print(f"kTGH: {len(tgh)}, beyond GB 2312 in the BMP: {len(derived)}; "
          f"COMMON_EXTRA is {'the same' if same else 'DIFFERENT: paste the lines above into it'}",
          file=sys.stderr)
    return 0 if same else 1


def load(font_path, index):
    # The source face's head.modified is kept (no "now" timestamp): same input, same bytes.
    return TTFont(str(font_path), fontNumber=index, recalcTimestamp=False, lazy=True)


def cut(font_path, index, unicodes, out_path):
    """Subsets one file; returns (glyph count, bytes). Runs in a worker process."""
    font = load(font_path, index)
    opts = subset.Options()
    opts.hinting = False
    opts.desubroutinize = True
    opts.layout_features = []
    opts.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "VORG", "vhea", "vmtx", "DSIG"]
    opts.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # family, style, version + copyright, licence
    opts.name_languages = [0x409]
    opts.glyph_names = False
    opts.notdef_outline = True
    opts.recalc_timestamp = False
    opts.flavor = None  # plain OpenType/CFF: FreeType reads it without WOFF support
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=sorted(unicodes))
    sub.subset(font)
    buf = io.BytesIO()
    font.save(buf, reorderTables=True)
    data = buf.getvalue()
    tmp = out_path.with_suffix(".tmp")
    tmp.write_bytes(data)
    tmp.replace(out_path)
    return font["maxp"].numGlyphs, data


def write_license(out_dir, font_path, index):
    """The SIL OFL text from Debian's copyright file, with the face's own copyright line."""
    font = load(font_path, index)
    notice = font["name"].getDebugName(0) or ""
    licence = ""
    if DEBIAN_COPYRIGHT.exists():
        text = DEBIAN_COPYRIGHT.read_text(encoding="utf-8")
        m = re.search(r"^License: SIL-1\.1\n((?: .*\n?)+)", text, re.M)
        if m:
            lines = [l[1:] for l in m.group(1).splitlines()]
            licence = "\n".join("" if l == "." else l for l in lines) + "\n"
    if not licence:
        licence = (font["name"].getDebugName(13) or "") + "\n" + (font["name"].getDebugName(14) or "") + "\n"
    (out_dir / "LICENSE-NotoSansCJK.txt").write_text(
        "jiceng-main.otf and jiceng-rest.otf are subsets of Noto Sans CJK SC Regular\n"
        "(Debian fonts-noto-cjk), cut by scripts/web-font.py.\n" + notice + "\n\n" + licence,
        encoding="utf-8")


def input_stamp(font_path, index, main_set):
    """What the output depends on: the face's bytes, the split, this script, fontTools' version."""
    import fontTools
    h = hashlib.sha256()
    with open(font_path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    h.update(f"{index}|{fontTools.version}|".encode())
    h.update(Path(__file__).read_bytes())
    h.update("".join(map(chr, sorted(main_set))).encode("utf-8"))
    return h.hexdigest() + "\n"


def sizes(data):
    out = [len(data), len(gzip.compress(data, 9, mtime=0))]
    try:
        import brotli
        out.append(len(brotli.compress(data, quality=11)))
    except ImportError:
        out.append(None)
    return out


def mb(n):
    return "—" if n is None else f"{n / 1e6:.2f} MB"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out_dir", nargs="?", type=Path)
    ap.add_argument("--font", type=Path, default=DEFAULT_FONT)
    ap.add_argument("--index", type=int, default=DEFAULT_INDEX)
    ap.add_argument("--force", action="store_true", help="cut again even when the stamp says nothing changed")
    ap.add_argument("--derive-common", action="store_true",
                    help="re-derive the 通用规范汉字表 list from Unihan and compare (needs unicode-data)")
    args = ap.parse_args()
    if args.derive_common:
        return derive_common()
    if args.out_dir is None:
        ap.error("OUT_DIR is required")
    if not args.font.exists():
        sys.exit(f"缺少字体 {args.font}（apt-get install fonts-noto-cjk）/ font missing: apt-get install fonts-noto-cjk")

    face = load(args.font, args.index)
    family = face["name"].getDebugName(1)
    if "SC" not in (family or ""):
        print(f"注意：第 {args.index} 个字体是 {family}，不是简体中文 / face {args.index} is {family}, not SC",
              file=sys.stderr)
    cmap = {c for c in face.getBestCmap() if c <= 0xFFFF}
    wanted = base_ranges() | asset_chars() | gb2312() | common_extra()
    wanted = {c for c in wanted if c <= 0xFFFF}
    main_set = wanted & cmap
    rest_set = cmap - main_set
    absent = sorted(c for c in wanted - cmap if c > 0x7F)
    if absent:
        shown = "".join(chr(c) if chr(c).isprintable() else f"U+{c:04X}" for c in absent[:40])
        # Expected: Noto CJK lacks a few rare dashes, triangles and ✔✕✖ of kBaseRanges (and U+FFFD).
        print(f"注意：字体中没有 {len(absent)} 个字符 / not in the face (app shows its fallback): {shown}",
              file=sys.stderr, flush=True)

    # Skip the minute or two of cutting when nothing that goes into the files has changed.
    args.out_dir.mkdir(parents=True, exist_ok=True)
    stamp_path = args.out_dir / ".web-font.stamp"
    stamp = input_stamp(args.font, args.index, main_set)
    outputs = [args.out_dir / n for n in ("jiceng-main.otf", "jiceng-rest.otf", "LICENSE-NotoSansCJK.txt")]
    if (not args.force and stamp_path.exists() and stamp_path.read_text() == stamp
            and all(p.exists() for p in outputs)):
        print(f"字体未变，跳过 / fonts up to date in {args.out_dir}")
        for p in outputs[:2]:
            print(f"{p.name:<16} {mb(p.stat().st_size):>9}  sha256 {hashlib.sha256(p.read_bytes()).hexdigest()[:16]}")
        return 0
    stamp_path.unlink(missing_ok=True)
    jobs = [("jiceng-main.otf", main_set), ("jiceng-rest.otf", rest_set)]
    # The two cuts are independent (each loads the face, ~30 s): one process each.
    with ProcessPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(cut, args.font, args.index, chars, args.out_dir / name) for name, chars in jobs]
        results = [f.result() for f in futures]
    write_license(args.out_dir, args.font, args.index)
    stamp_path.write_text(stamp)

    print(f"{'file':<16} {'chars':>6} {'glyphs':>6} {'raw':>9} {'gzip -9':>9} {'brotli':>9}  sha256")
    for (name, chars), (glyphs, data) in zip(jobs, results):
        raw, gz, br = sizes(data)
        print(f"{name:<16} {len(chars):>6} {glyphs:>6} {mb(raw):>9} {mb(gz):>9} {mb(br):>9}  "
              f"{hashlib.sha256(data).hexdigest()[:16]}")
    print(f"→ {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
