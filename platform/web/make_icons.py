#!/usr/bin/python3
"""Draws the web app's icons: a Party-red square with 基层 in white, the two characters' outlines
taken from Noto Sans CJK SC Bold (Debian fonts-noto-cjk) and filled by the small anti-aliased
scanline rasteriser below (Debian's python has no PIL). Written at build time, never committed.

    /usr/bin/python3 platform/web/make_icons.py OUT_DIR     # writes OUT_DIR/icon-192.png, …

icon-192.png, icon-512.png   rounded square, transparent corners (manifest "any")
icon-maskable-512.png        full-bleed square, characters inside the 80 % safe circle ("maskable")
apple-touch-icon-180.png     full-bleed and opaque (iOS rounds the corners itself)

The output is the same bytes for the same font (no timestamps in the PNGs).
"""
import math
import struct
import sys
import zlib
from pathlib import Path

try:
    from fontTools.pens.basePen import BasePen
    from fontTools.ttLib import TTFont
except ImportError:
    sys.exit("缺少 fontTools（apt-get install fonttools）/ fontTools missing: apt-get install fonttools")

FONTS = [Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"),
         Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")]
FACE_SC = 2
TEXT = "基层"
RED = (0xC8, 0x10, 0x2E)   # theme_color of manifest.webmanifest
WHITE = (0xFF, 0xFF, 0xFF)
SUBSAMPLES = 8            # sub-scanlines per pixel row (coverage along x is exact)

# name, size, full-bleed (no rounded corners, opaque), em size as a fraction of the icon
ICONS = [("icon-192.png", 192, False, 0.40),
         ("icon-512.png", 512, False, 0.40),
         ("icon-maskable-512.png", 512, True, 0.32),
         ("apple-touch-icon-180.png", 180, True, 0.38)]


class FlattenPen(BasePen):
    """Collects closed polygons, curves cut into short line segments."""

    def __init__(self, glyph_set, transform):
        super().__init__(glyph_set)
        self.polys, self.cur, self.t = [], [], transform

    def _moveTo(self, p):
        self._close()
        self.cur = [self.t(p)]

    def _lineTo(self, p):
        self.cur.append(self.t(p))

    def _curveToOne(self, p1, p2, p3):
        p0 = self._getCurrentPoint()
        n = 12
        for i in range(1, n + 1):
            s = i / n
            u = 1 - s
            self.cur.append(self.t(tuple(u * u * u * a + 3 * u * u * s * b + 3 * u * s * s * c + s * s * s * d
                                         for a, b, c, d in zip(p0, p1, p2, p3))))

    def _qCurveToOne(self, p1, p2):
        p0 = self._getCurrentPoint()
        n = 8
        for i in range(1, n + 1):
            s = i / n
            u = 1 - s
            self.cur.append(self.t(tuple(u * u * a + 2 * u * s * b + s * s * c for a, b, c in zip(p0, p1, p2))))

    def _closePath(self):
        self._close()

    _endPath = _closePath

    def _close(self):
        if len(self.cur) > 2:
            self.polys.append(self.cur)
        self.cur = []


def coverage(polys, w, h):
    """Non-zero-winding coverage (0..1) of polygons in pixel coordinates, row by row."""
    rows = [[] for _ in range(h)]
    for poly in polys:
        for (x0, y0), (x1, y1) in zip(poly, poly[1:] + poly[:1]):
            if y0 == y1:
                continue
            d = 1 if y1 > y0 else -1
            if y0 > y1:
                x0, y0, x1, y1 = x1, y1, x0, y0
            edge = (x0, y0, x1, y1, (x1 - x0) / (y1 - y0), d)
            for r in range(max(0, int(y0)), min(h, int(y1) + 1)):
                rows[r].append(edge)
    out = []
    weight = 1.0 / SUBSAMPLES
    for r in range(h):
        acc = [0.0] * (w + 2)
        for k in range(SUBSAMPLES):
            y = r + (k + 0.5) / SUBSAMPLES
            xs = sorted((x0 + (y - y0) * slope, d) for x0, y0, x1, y1, slope, d in rows[r] if y0 <= y < y1)
            wind = 0
            start = 0.0
            for x, d in xs:
                before = wind
                wind += d
                if before == 0 and wind != 0:
                    start = x
                elif before != 0 and wind == 0:
                    add_span(acc, start, x, w, weight)
        line, run = [], 0.0
        for i in range(w):
            run += acc[i]
            line.append(min(1.0, max(0.0, run)))
        out.append(line)
    return out


def add_span(acc, a, b, w, weight):
    """Adds [a, b) to the row's derivative: its prefix sum is the exact per-pixel overlap."""
    for x, sign in ((a, weight), (b, -weight)):
        x = min(max(x, 0.0), float(w))
        i = int(x)
        f = x - i
        acc[i] += sign * (1 - f)
        acc[i + 1] += sign * f


def rounded_square(size, radius):
    pts = []
    corners = [(size - radius, radius, -90), (size - radius, size - radius, 0),
               (radius, size - radius, 90), (radius, radius, 180)]
    for cx, cy, a0 in corners:
        for i in range(17):
            a = math.radians(a0 + 90 * i / 16)
            pts.append((cx + radius * math.cos(a), cy + radius * math.sin(a)))
    return [pts]


def text_polys(font, size, em_fraction):
    glyphs = font.getGlyphSet()
    cmap = font.getBestCmap()
    upem = font["head"].unitsPerEm
    scale = size * em_fraction / upem
    # Lay out in font units (advance plus a little tracking), then centre the ink box.
    polys, pen_x = [], 0
    for ch in TEXT:
        name = cmap[ord(ch)]
        ox = pen_x
        pen = FlattenPen(glyphs, lambda p, ox=ox: (ox + p[0], p[1]))
        glyphs[name].draw(pen)
        polys += pen.polys
        pen_x += glyphs[name].width + upem * 0.04
    xs = [x for p in polys for x, _ in p]
    ys = [y for p in polys for _, y in p]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    return [[(size / 2 + (x - cx) * scale, size / 2 - (y - cy) * scale) for x, y in p] for p in polys]


def png(path, size, pixels, alpha):
    """pixels: rows of (r, g, b, a) tuples; written as RGBA or RGB, filter 0, zlib level 9."""
    raw = bytearray()
    for row in pixels:
        raw.append(0)
        for r, g, b, a in row:
            raw += bytes((r, g, b, a)) if alpha else bytes((r, g, b))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    ihdr = struct.pack(">IIBBBBB", size, size, 8, 6 if alpha else 2, 0, 0, 0)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(bytes(raw), 9))
                    + chunk(b"IEND", b""))
    tmp.replace(path)


def draw(font, size, full_bleed, em_fraction):
    bg = None if full_bleed else coverage(rounded_square(size, size * 0.18), size, size)
    fg = coverage(text_polys(font, size, em_fraction), size, size)
    rows = []
    for y in range(size):
        row = []
        for x in range(size):
            t = fg[y][x]
            rgb = tuple(round(r + (w - r) * t) for r, w in zip(RED, WHITE))
            a = 255 if bg is None else round(255 * bg[y][x])
            row.append(rgb + (a,))
        rows.append(row)
    return rows


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    path = next((p for p in FONTS if p.exists()), None)
    if path is None:
        sys.exit("缺少 Noto Sans CJK（apt-get install fonts-noto-cjk）/ font missing: apt-get install fonts-noto-cjk")
    font = TTFont(str(path), fontNumber=FACE_SC, lazy=True)
    for name, size, full_bleed, em in ICONS:
        png(out / name, size, draw(font, size, full_bleed, em), alpha=not full_bleed)
        print(f"{out / name}  {size}×{size}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
