#!/usr/bin/env python3
"""Generate the sample store's media (Content/media/) for Kestrel & Pine.

Flat-illustration "product photos": a warm neutral gradient backdrop, a soft spot
of light, a contact shadow and a simple drawn silhouette of the product in the
variant colour. Also collection banners, a short H.264 product video (ffmpeg)
and its poster frame.

Deterministic and re-runnable: no clock, no unseeded randomness; running it
twice produces the same bytes (same Pillow and ffmpeg versions assumed).

    python3 scripts/make-sample-media.py            # writes Content/media/
    python3 scripts/make-sample-media.py --no-video # skip the ffmpeg step

Requires Pillow (pip install pillow) and, for the video, ffmpeg with libx264.
"""

import os
import random
import shutil
import subprocess
import sys
import tempfile

from PIL import Image, ImageDraw, ImageFilter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Content", "media")

SS = 2  # supersampling factor for the drawn objects
JPEG = dict(quality=82, optimize=True, progressive=True, subsampling="4:2:0")


# --------------------------------------------------------------------------- colour helpers

def rgb(h):
    h = h.lstrip("#")
    return tuple(int(h[i:i + 2], 16) for i in (0, 2, 4))


def mix(a, b, t):
    a, b = rgb(a) if isinstance(a, str) else a, rgb(b) if isinstance(b, str) else b
    return tuple(round(a[i] + (b[i] - a[i]) * t) for i in range(3))


def shade(c, f):
    """f < 1 darkens, f > 1 lightens (towards white)."""
    c = rgb(c) if isinstance(c, str) else c
    if f <= 1:
        return tuple(round(v * f) for v in c)
    return mix(c, (255, 255, 255), min(1.0, f - 1))


def rgba(c, a=255):
    c = rgb(c) if isinstance(c, str) else c
    return (c[0], c[1], c[2], a)


CLEAR = (0, 0, 0, 0)
LEATHER = "#7B4A2B"
BRASS = "#C79B45"
STEEL = "#CDD2D6"


# --------------------------------------------------------------------------- pen

class Pen:
    """Draws in a 1200 x 1200 design space, mapped by (cx, cy, k) onto an image."""

    def __init__(self, img, cx, cy, k):
        self.img, self.cx, self.cy, self.k = img, cx, cy, k
        self.d = ImageDraw.Draw(img)

    def p(self, x, y):
        return (self.cx + (x - 600) * self.k, self.cy + (y - 600) * self.k)

    def box(self, x0, y0, x1, y1):
        a, b = self.p(x0, y0), self.p(x1, y1)
        return [a[0], a[1], b[0], b[1]]

    def w(self, v):
        return max(1, round(v * self.k))

    def like(self, img):
        return Pen(img, self.cx, self.cy, self.k)

    # primitives (fill may be a colour string, an RGB tuple or an RGBA tuple)
    @staticmethod
    def _c(fill):
        if fill is None:
            return None
        if isinstance(fill, str):
            return rgba(fill)
        if isinstance(fill, int):
            return fill
        return fill if len(fill) == 4 else rgba(fill)

    def rect(self, x0, y0, x1, y1, fill):
        self.d.rectangle(self.box(x0, y0, x1, y1), fill=self._c(fill))

    def rrect(self, x0, y0, x1, y1, r, fill):
        self.d.rounded_rectangle(self.box(x0, y0, x1, y1), radius=r * self.k, fill=self._c(fill))

    def ellipse(self, x0, y0, x1, y1, fill=None, outline=None, width=0):
        self.d.ellipse(self.box(x0, y0, x1, y1), fill=self._c(fill), outline=self._c(outline),
                       width=self.w(width) if width else 0)

    def poly(self, pts, fill):
        self.d.polygon([self.p(*q) for q in pts], fill=self._c(fill))

    def line(self, pts, fill, width):
        self.d.line([self.p(*q) for q in pts], fill=self._c(fill), width=self.w(width), joint="curve")

    def arc(self, x0, y0, x1, y1, a0, a1, fill, width):
        self.d.arc(self.box(x0, y0, x1, y1), a0, a1, fill=self._c(fill), width=self.w(width))

    def chord(self, x0, y0, x1, y1, a0, a1, fill):
        self.d.chord(self.box(x0, y0, x1, y1), a0, a1, fill=self._c(fill))

    def pie(self, x0, y0, x1, y1, a0, a1, fill):
        self.d.pieslice(self.box(x0, y0, x1, y1), a0, a1, fill=self._c(fill))

    def dot(self, x, y, r, fill):
        self.ellipse(x - r, y - r, x + r, y + r, fill=fill)

    def shaded(self, mask_fn, x0, x1, base, dark=0.8, light=1.14, extra=None):
        """Fill the shape drawn by mask_fn(pen, 255) with a flat cylinder shading:
        base colour, a darker band on the right, a light stripe on the left.
        extra(pen) may draw a pattern on the colour layer before it is clipped."""
        mask = Image.new("L", self.img.size, 0)
        mask_fn(self.like(mask), 255)
        layer = Image.new("RGBA", self.img.size, rgba(base))
        wdt = x1 - x0
        if extra:
            over = Image.new("RGBA", self.img.size, CLEAR)
            extra(self.like(over))
            layer.alpha_composite(over)
        for x_a, x_b, colour in ((x0 + 0.70 * wdt, x1 + 50, rgba(shade(base, dark), 150)),
                                 (x0 + 0.86 * wdt, x1 + 50, rgba(shade(base, dark * 0.95), 120)),
                                 (x0 + 0.13 * wdt, x0 + 0.20 * wdt, rgba(shade(base, light), 110))):
            over = Image.new("RGBA", self.img.size, CLEAR)
            self.like(over).rect(x_a, -2000, x_b, 4000, colour)
            layer.alpha_composite(over)
        self.img.paste(layer, (0, 0), mask)


def tree_mark(P, x, y, s, fill):
    """The Kestrel & Pine pine mark: three stacked triangles and a trunk."""
    for i, (w, h) in enumerate([(0.55, 0.45), (0.8, 0.5), (1.0, 0.55)]):
        top = y - s + i * 0.32 * s
        P.poly([(x, top), (x - w * s * 0.5, top + h * s), (x + w * s * 0.5, top + h * s)], fill)
    P.rect(x - 0.07 * s, y + 0.18 * s, x + 0.07 * s, y + 0.36 * s, fill)


# --------------------------------------------------------------------------- products
# Each drawer gets a Pen, the main colour and an options dict.  Design space is
# 1200 x 1200; objects stand on a ground line near y = 880.

def draw_mug(P, c, o):
    rim = o.get("rim", "#1E2A44")
    inner = shade(c, 0.8)
    # handle (drawn first, the body covers its left part)
    P.ellipse(670, 545, 845, 775, fill=shade(c, 0.86))
    P.ellipse(712, 590, 800, 728, fill=CLEAR)
    P.arc(670, 545, 845, 775, -70, 70, rim, 9)

    def body(m, f):
        m.rect(420, 500, 740, 860, f)
        m.ellipse(420, 830, 740, 890, f)

    def speckle(lp):
        r = random.Random(7)
        for _ in range(70):
            lp.dot(r.uniform(430, 730), r.uniform(520, 875), r.uniform(1.5, 3.2), rgba(shade(c, 0.72), 160))
        tree_mark(lp, 580, 690, 70, rgba(rim, 230))

    P.shaded(body, 420, 740, c, extra=speckle)
    P.arc(420, 830, 740, 890, 0, 180, rim, 12)
    P.ellipse(420, 470, 740, 530, fill=rim)
    P.ellipse(434, 479, 726, 521, fill=inner)
    P.chord(434, 479, 726, 521, 180, 360, shade(c, 0.7))


def draw_canteen(P, c, o):
    cap = o.get("cap", "#34302C")
    P.ellipse(568, 168, 632, 250, outline=cap, width=15)

    def body(m, f):
        m.rrect(495, 420, 705, 885, 70, f)
        m.poly([(495, 480), (538, 352), (662, 352), (705, 480)], f)
        m.rect(545, 300, 655, 360, f)

    def band(lp):
        lp.rect(400, 575, 800, 705, rgba(shade(c, 1.18)))
        lp.rect(400, 575, 800, 583, rgba(shade(c, 0.85)))
        lp.rect(400, 697, 800, 705, rgba(shade(c, 0.85)))
        tree_mark(lp, 600, 640, 44, rgba(shade(c, 0.7)))

    P.shaded(body, 495, 705, c, extra=band)
    P.rrect(535, 228, 665, 308, 16, cap)
    P.rect(548, 240, 556, 300, shade(cap, 1.3))
    for x in range(575, 660, 18):
        P.rect(x, 236, x + 6, 300, shade(cap, 0.8))


def draw_daypack(P, c, o):
    dark = shade(c, 0.82)
    P.arc(545, 240, 655, 360, 180, 360, shade(LEATHER, 0.85), 18)

    def body(m, f):
        m.rrect(390, 320, 810, 890, 95, f)

    P.shaded(body, 390, 810, c)

    def flap(m, f):
        m.rrect(390, 320, 810, 610, 95, f)

    P.shaded(flap, 390, 810, dark, dark=0.85)
    # stitching along the flap edge
    for x in range(430, 780, 22):
        P.rect(x, 588, x + 11, 592, shade(dark, 1.25))

    def pocket(m, f):
        m.rrect(450, 690, 750, 872, 42, f)

    P.shaded(pocket, 450, 750, shade(c, 0.93))
    P.rect(465, 712, 735, 716, shade(c, 0.78))
    for x in (470, 690):
        P.rect(x, 560, x + 40, 735, LEATHER)
        P.rect(x + 14, 560, x + 20, 735, shade(LEATHER, 1.15))
        P.rrect(x - 8, 648, x + 48, 690, 6, BRASS)
        P.rrect(x + 2, 656, x + 38, 682, 4, LEATHER)


def draw_blanket(P, c, o):
    plaid = o.get("pattern") == "plaid"
    layers = [(330, 730, 870, 880, 0), (322, 610, 862, 745, -8), (336, 490, 876, 625, 6)]
    for i, (x0, y0, x1, y1, _) in enumerate(layers):
        def m(pen, f, x0=x0, y0=y0, x1=x1, y1=y1):
            pen.rrect(x0, y0, x1, y1, 55, f)

        def pattern(lp, x0=x0, y0=y0, x1=x1, y1=y1, i=i):
            if plaid:
                for x in range(x0 - 40 + i * 23, x1, 110):
                    lp.rect(x, y0, x + 34, y1, rgba("#1F3A2C", 150))
                    lp.rect(x + 50, y0, x + 58, y1, rgba("#D9B45A", 170))
                mid = (y0 + y1) / 2
                lp.rect(x0, mid - 22, x1, mid + 22, rgba("#1F3A2C", 130))
                lp.rect(x0, mid - 3, x1, mid + 3, rgba("#D9B45A", 170))
            else:
                r = random.Random(11 + i)
                for _ in range(260):
                    x, y = r.uniform(x0, x1), r.uniform(y0, y1)
                    lp.rect(x, y, x + r.uniform(4, 10), y + 2.5,
                            rgba(shade(c, r.choice([0.82, 1.12])), 150))
            lp.rect(x0, y1 - 22, x1, y1, rgba(shade(c, 0.82), 180))
        P.shaded(m, x0, x1, c, extra=pattern)
    # leather carry strap
    P.rect(690, 476, 735, 895, LEATHER)
    P.rect(702, 476, 708, 895, shade(LEATHER, 1.18))
    P.rrect(680, 520, 745, 560, 6, BRASS)
    P.rrect(692, 530, 733, 550, 4, LEATHER)


def draw_skillet(P, c, o):
    iron = c
    # long handle to the right with a hanging hole, helper handle to the left
    P.poly([(770, 640), (1000, 612), (1035, 640), (1005, 672), (790, 708)], shade(iron, 0.9))
    P.ellipse(950, 628, 992, 656, fill=CLEAR)
    P.ellipse(240, 640, 335, 705, fill=shade(iron, 0.9))
    P.ellipse(262, 655, 312, 690, fill=CLEAR)
    P.ellipse(290, 548, 810, 832, fill=shade(iron, 0.75))
    P.ellipse(290, 520, 810, 800, fill=shade(iron, 1.18))
    P.ellipse(318, 538, 782, 782, fill=shade(iron, 1.05))
    P.arc(340, 556, 760, 766, 200, 250, shade(iron, 1.45), 8)


def draw_knife(P, c, o):
    layer = Image.new("RGBA", P.img.size, CLEAR)
    K = P.like(layer)

    def handle(m, f):
        m.rrect(300, 600, 650, 690, 44, f)

    K.shaded(handle, 300, 650, c, dark=0.78)
    K.line([(330, 630), (420, 622), (520, 634), (610, 626)], shade(c, 0.78), 3)
    K.line([(335, 662), (450, 668), (560, 656), (620, 664)], shade(c, 0.8), 3)
    K.rect(632, 598, 668, 692, "#A7ACB1")
    K.rect(640, 598, 646, 692, "#C6CBCF")
    K.poly([(668, 606), (935, 606), (992, 628), (932, 672), (668, 690)], STEEL)
    K.poly([(668, 606), (935, 606), (955, 614), (668, 622)], "#AEB3B8")
    K.poly([(668, 672), (932, 660), (932, 672), (668, 690)], "#E6E9EB")
    for x in (378, 560):
        K.dot(x, 645, 11, BRASS)
    K.dot(330, 645, 10, CLEAR)
    layer = layer.rotate(14, resample=Image.BICUBIC, center=P.p(640, 645))
    P.img.alpha_composite(layer)


def draw_candle_lantern(P, c, o):
    brass = c
    glow = Image.new("RGBA", P.img.size, CLEAR)
    G = P.like(glow)
    G.ellipse(420, 320, 780, 680, fill=rgba("#FFD27A", 140 if o.get("night") else 70))
    glow = glow.filter(ImageFilter.GaussianBlur(60 * P.k))
    P.img.alpha_composite(glow)
    P.arc(535, 175, 665, 345, 180, 360, shade(brass, 0.7), 8)
    P.dot(600, 262, 12, shade(brass, 0.8))

    def dome(m, f):
        m.pie(515, 268, 685, 378, 180, 360, f)
        m.rect(510, 318, 690, 350, f)

    P.shaded(dome, 510, 690, brass)
    for x in (560, 600, 640):
        P.dot(x, 300, 7, shade(brass, 0.55))
    # glass chimney with the candle inside
    glass = mix("#F4EEDD", brass, 0.08) if not o.get("night") else (70, 62, 52)
    P.rect(530, 350, 670, 740, glass)
    P.rect(548, 350, 560, 740, shade(glass, 1.5) if not o.get("night") else (95, 85, 70))
    P.rect(575, 520, 625, 740, "#F6F0E1")
    P.rect(612, 520, 625, 740, "#E4DCC8")
    P.line([(600, 520), (600, 500)], "#3A2E24", 4)
    P.ellipse(586, 440, 614, 505, fill="#F2A23A")
    P.ellipse(593, 462, 607, 500, fill="#FFE7A3")
    for x in (527, 597, 667):
        P.rect(x, 350, x + 6, 740, shade(brass, 0.85))

    def base(m, f):
        m.rect(512, 735, 688, 780, f)
        m.ellipse(512, 764, 688, 796, f)

    P.shaded(base, 512, 688, brass)
    P.rect(512, 735, 688, 742, shade(brass, 1.2))


def draw_led_lantern(P, c, o):
    P.arc(515, 200, 685, 350, 180, 360, shade(c, 0.6), 14)

    def cap(m, f):
        m.rrect(498, 300, 702, 385, 32, f)

    P.shaded(cap, 498, 702, c)
    P.rrect(510, 372, 690, 725, 24, "#FBE6B0")
    P.rrect(540, 390, 660, 705, 18, "#FFF4D6")
    for x in range(535, 690, 26):
        P.rect(x, 378, x + 4, 718, shade("#FBE6B0", 0.93))

    def base(m, f):
        m.rrect(488, 712, 712, 835, 32, f)

    P.shaded(base, 488, 712, c)
    P.dot(600, 772, 20, shade(c, 0.7))
    P.dot(600, 772, 12, "#D9A441")
    P.rrect(650, 765, 680, 779, 4, shade(c, 0.5))


def draw_pillar_candles(P, c, o):
    def candle(x0, x1, top, bottom):
        h = (x1 - x0) * 0.22

        def body(m, f):
            m.rect(x0, top, x1, bottom, f)
            m.ellipse(x0, bottom - h / 2, x1, bottom + h / 2, f)

        def rings(lp):
            for y in range(int(top) + 30, int(bottom), 34):
                lp.rect(x0, y, x1, y + 3, rgba(shade(c, 0.9), 120))

        P.shaded(body, x0, x1, c, extra=rings)
        P.ellipse(x0, top - h / 2, x1, top + h / 2, fill=shade(c, 1.2))
        P.ellipse(x0 + 14, top - h / 2 + 7, x1 - 14, top + h / 2 - 5, fill=shade(c, 0.95))
        cx = (x0 + x1) / 2
        P.line([(cx, top), (cx - 4, top - 30)], "#2F261E", 5)

    candle(520, 690, 400, 850)
    candle(350, 505, 620, 875)
    candle(695, 850, 540, 868)


def draw_bowl(P, c, o):
    rim = o.get("rim", "#5A4535")
    P.rect(525, 850, 675, 888, "#B58E6A")
    P.ellipse(525, 876, 675, 900, fill="#A47E5B")

    def body(m, f):
        m.chord(320, 390, 880, 890, 0, 180, f)

    def glaze(lp):
        r = random.Random(3)
        lp.rect(300, 600, 900, 672, rgba(rim))
        x = 330
        while x < 870:
            wd = r.uniform(26, 48)
            lp.rrect(x, 640, x + wd, 640 + r.uniform(40, 110), wd / 2, rgba(rim))
            x += wd + r.uniform(10, 40)
        for _ in range(90):
            lp.dot(r.uniform(330, 870), r.uniform(680, 880), r.uniform(1.5, 3), rgba(shade(c, 0.65), 170))

    P.shaded(body, 320, 880, c, extra=glaze)
    P.ellipse(320, 595, 880, 685, fill=shade(rim, 1.1))
    P.ellipse(336, 604, 864, 677, fill=shade(c, 0.92))
    P.chord(336, 604, 864, 677, 180, 360, shade(c, 0.8))


def draw_pour_over(P, c, o):
    glass = "#DCE4E2"

    def carafe(m, f):
        m.ellipse(430, 560, 770, 890, f)
        m.rect(545, 470, 655, 600, f)

    P.shaded(carafe, 430, 770, glass, dark=0.88)
    P.chord(447, 577, 753, 873, 15, 165, "#5B3A24")
    P.chord(447, 577, 753, 873, 15, 60, "#6B4630")
    P.rect(470, 600, 478, 780, shade(glass, 1.6))
    P.rect(528, 518, 672, 578, "#A47148")
    P.rect(528, 540, 672, 548, "#3D2A1E")
    # dripper
    P.ellipse(488, 452, 712, 492, fill=shade(c, 0.9))

    def cone(m, f):
        m.poly([(452, 332), (748, 332), (662, 470), (538, 470)], f)

    P.shaded(cone, 452, 748, c, dark=0.86)
    for x in (520, 560, 600, 640, 680):
        P.line([(x, 350), (600 + (x - 600) * 0.55, 455)], shade(c, 0.88), 4)
    P.ellipse(452, 315, 748, 350, fill=shade(c, 1.05))
    P.ellipse(470, 321, 730, 345, fill="#6B4A33")


def draw_stool(P, c, o):
    wood = c
    back = shade(wood, 0.78)
    P.line([(470, 876), (735, 525)], back, 30)
    P.line([(730, 876), (465, 525)], back, 30)
    P.line([(425, 885), (770, 520)], wood, 34)
    P.line([(775, 885), (430, 520)], wood, 34)
    for x in (425, 775):
        P.rrect(x - 22, 874, x + 22, 896, 6, "#3A2E26")
    P.dot(600, 702, 14, BRASS)
    P.dot(600, 702, 6, shade(BRASS, 0.6))

    def seat(m, f):
        m.rrect(385, 452, 815, 528, 18, f)
        m.chord(400, 470, 800, 570, 0, 180, f)

    P.shaded(seat, 385, 815, o.get("seat", LEATHER))
    for x in range(405, 800, 24):
        P.rect(x, 466, x + 12, 470, shade(o.get("seat", LEATHER), 1.3))


def draw_tote(P, c, o):
    P.arc(470, 250, 630, 590, 180, 360, shade(LEATHER, 0.75), 22)
    P.arc(575, 262, 735, 602, 180, 360, LEATHER, 22)

    def body(m, f):
        m.rrect(395, 470, 805, 900, 22, f)

    def details(lp):
        lp.rect(380, 470, 820, 512, rgba(shade(c, 0.86)))
        lp.poly([(395, 800), (495, 900), (395, 900)], rgba(LEATHER))
        lp.poly([(805, 800), (705, 900), (805, 900)], rgba(LEATHER))
        lp.rect(470, 600, 730, 604, rgba(shade(c, 0.8)))

    P.shaded(body, 395, 805, c, extra=details)
    for x in (470, 575, 630, 735):
        P.rrect(x - 18, 488, x + 18, 560, 8, LEATHER)
        P.dot(x, 535, 7, BRASS)


def draw_cap(P, c, o):
    def crown(m, f):
        m.chord(400, 330, 800, 800, 180, 360, f)
        m.rect(400, 560, 800, 650, f)

    def ribs(lp):
        for x in range(404, 800, 20):
            lp.rect(x, 300, x + 6, 900, rgba(shade(c, 0.88)))

    P.shaded(crown, 400, 800, c, extra=ribs)

    def cuff(m, f):
        m.rrect(385, 615, 815, 795, 26, f)

    P.shaded(cuff, 385, 815, shade(c, 0.95), extra=ribs)
    P.rect(392, 615, 808, 624, shade(c, 0.75))
    P.rect(568, 672, 632, 728, "#EFE8D8")
    tree_mark(P, 600, 696, 22, "#2E3B2F")


def draw_cutting_board(P, c, o):
    P.rrect(330, 478, 870, 892, 60, shade(c, 0.78))

    def top(m, f):
        m.rrect(330, 440, 870, 860, 60, f)

    def grain(lp):
        r = random.Random(5)
        y = 452
        while y < 860:
            amp = r.uniform(4, 12)
            pts = [(x, y + amp * ((x * 7 + y) % 97) / 97) for x in range(330, 880, 60)]
            lp.line(pts, rgba(shade(c, 0.9), 170), r.choice([2, 3, 4]))
            y += r.uniform(18, 42)

    P.shaded(top, 330, 870, c, dark=0.9, extra=grain)
    P.ellipse(575, 470, 625, 520, fill=shade(c, 0.7))
    P.ellipse(583, 478, 617, 512, fill=CLEAR)
    # a small kanji brand on the board
    P.rect(770, 790, 830, 796, shade(c, 0.6))


def draw_tin(P, c, o):
    # cedar sticks lying beside the tin
    for i, (x, y) in enumerate([(250, 840), (270, 870), (780, 855), (800, 880)]):
        P.rrect(x, y, x + 170, y + 22, 6, shade("#B9825A", 1 - 0.08 * (i % 2)))
        P.rrect(x + 150, y, x + 170, y + 22, 6, "#3A2A1E")

    def body(m, f):
        m.rect(430, 640, 770, 840, f)
        m.ellipse(430, 810, 770, 870, f)

    def label(lp):
        lp.rect(400, 690, 800, 800, rgba("#EFE6D2"))
        lp.ellipse(583, 705, 617, 770, rgba("#E0792F"))
        lp.ellipse(592, 730, 608, 768, rgba("#F6C25B"))

    P.shaded(body, 430, 770, c, extra=label)
    P.ellipse(420, 600, 780, 680, fill=shade(c, 0.85))
    P.rect(420, 615, 780, 652, shade(c, 0.9))
    P.ellipse(420, 585, 780, 650, fill=shade(c, 1.15))
    P.ellipse(470, 596, 730, 640, outline=shade(c, 0.8), width=4)


# kind -> (drawer, ground y, shadow half-width, visual centre x)
KINDS = {
    "mug": (draw_mug, 885, 230, 600),
    "canteen": (draw_canteen, 885, 150, 600),
    "daypack": (draw_daypack, 890, 250, 600),
    "blanket": (draw_blanket, 885, 330, 600),
    "skillet": (draw_skillet, 830, 330, 640),
    "knife": (draw_knife, 760, 330, 645),
    "candle-lantern": (draw_candle_lantern, 790, 130, 600),
    "led-lantern": (draw_led_lantern, 835, 150, 600),
    "candles": (draw_pillar_candles, 880, 290, 600),
    "bowl": (draw_bowl, 895, 250, 600),
    "pour-over": (draw_pour_over, 888, 200, 600),
    "stool": (draw_stool, 895, 260, 600),
    "tote": (draw_tote, 900, 250, 600),
    "cap": (draw_cap, 800, 240, 600),
    "cutting-board": (draw_cutting_board, 892, 310, 600),
    "tin": (draw_tin, 895, 330, 600),
}

# Warm neutral backdrops: (top, bottom)
BACKDROPS = {
    "linen": ("#F4EEE5", "#E3D8C8"),
    "oat": ("#EFE7DA", "#DACDB9"),
    "sage": ("#E8EBE2", "#D0D7C8"),
    "clay": ("#F2E7DF", "#E0CCBF"),
    "stone": ("#ECEBE7", "#D5D3CC"),
    "dusk": ("#343A48", "#1E222C"),
}


# --------------------------------------------------------------------------- rendering

def backdrop(w, h, name, spots):
    top, bottom = BACKDROPS[name]
    grad = Image.linear_gradient("L").resize((w, h), Image.BICUBIC)
    img = Image.composite(Image.new("RGB", (w, h), rgb(bottom)), Image.new("RGB", (w, h), rgb(top)), grad)
    light = Image.new("L", (w, h), 0)
    d = ImageDraw.Draw(light)
    for (x, y, r) in spots:
        d.ellipse([x - r, y - r * 0.9, x + r, y + r * 0.9], fill=120 if name != "dusk" else 40)
    light = light.filter(ImageFilter.GaussianBlur(min(w, h) / 9))
    img = Image.composite(Image.new("RGB", (w, h), shade(top, 1.35)), img, light)
    return img.convert("RGBA")


def draw_objects(size, items):
    """items: list of (kind, colour, opts, cx, cy, zoom) in output pixels.
    Returns (objects layer, shadow layer) at output size."""
    w, h = size
    layer = Image.new("RGBA", (w * SS, h * SS), CLEAR)
    shadow = Image.new("L", (w, h), 0)
    sd = ImageDraw.Draw(shadow)
    for kind, colour, opts, cx, cy, zoom in items:
        fn, ground, half, centre = KINDS[kind]
        gy = cy + (ground - 600) * zoom
        gx = cx + (centre - 600) * zoom
        hw = half * zoom
        sd.ellipse([gx - hw, gy - hw * 0.075, gx + hw, gy + hw * 0.075], fill=95)
        sd.ellipse([gx - hw * 0.7, gy - hw * 0.04, gx + hw * 0.7, gy + hw * 0.04], fill=150)
        fn(Pen(layer, cx * SS, cy * SS, zoom * SS), colour, opts)
    shadow = shadow.filter(ImageFilter.GaussianBlur(14))
    return layer.resize((w, h), Image.LANCZOS), shadow


def compose(size, bg, items):
    w, h = size
    spots = [(cx, cy - 40 * z, 380 * z) for (_, _, _, cx, cy, z) in items]
    img = backdrop(w, h, bg, spots)
    objects, shadow = draw_objects(size, items)
    dark = Image.new("RGBA", size, (40, 30, 20, 255) if bg != "dusk" else (0, 0, 0, 255))
    img = Image.composite(dark, img, shadow.point(lambda v: v * 0.55))
    img.alpha_composite(objects)
    return img.convert("RGB")


def save(img, name):
    path = os.path.join(OUT, name)
    img.save(path, "JPEG", **JPEG)
    return path


def product_image(name, kind, colour, bg="linen", opts=None, zoom=1.0):
    opts = opts or {}
    zoom *= 1.2                      # the base framing: the product fills about 60 % of the frame
    cy = 600 - (zoom - 1) * 200      # keep the ground line in the lower part of the frame
    cx = 600 - (KINDS[kind][3] - 600) * zoom
    img = compose((1200, 1200), bg, [(kind, colour, opts, cx, cy, zoom)])
    return save(img, name)


# --------------------------------------------------------------------------- the catalogue's media

PRODUCT_IMAGES = [
    # file name, kind, colour, backdrop, options, zoom
    ("enamel-camp-mug-loon-white.jpg", "mug", "#F3F1EA", "sage", {"rim": "#1E2A44"}, 1.0),
    ("enamel-camp-mug-lake-blue.jpg", "mug", "#4F7A9A", "linen", {"rim": "#172235"}, 1.0),
    ("enamel-camp-mug-ember-red.jpg", "mug", "#B5462F", "stone", {"rim": "#231C1A"}, 1.0),
    ("insulated-canteen-spruce.jpg", "canteen", "#3F5E4B", "oat", {}, 1.0),
    ("insulated-canteen-granite.jpg", "canteen", "#6D7175", "clay", {}, 1.0),
    ("insulated-canteen-birch.jpg", "canteen", "#E6DFD0", "sage", {"cap": "#6B4B33"}, 1.0),
    ("waxed-canvas-daypack-field-tan.jpg", "daypack", "#B8955F", "linen", {}, 1.0),
    ("waxed-canvas-daypack-loden.jpg", "daypack", "#5B6445", "stone", {}, 1.0),
    ("wool-camp-blanket-heather-grey.jpg", "blanket", "#9C9B97", "clay", {"pattern": "heather"}, 1.0),
    ("wool-camp-blanket-pine-plaid.jpg", "blanket", "#8E3B2E", "oat", {"pattern": "plaid"}, 1.0),
    ("cast-iron-skillet-10-1.jpg", "skillet", "#2F2D2B", "linen", {}, 1.0),
    ("cast-iron-skillet-10-2.jpg", "skillet", "#2F2D2B", "sage", {}, 1.3),
    ("folding-camp-knife-1.jpg", "knife", "#6B4430", "oat", {}, 1.0),
    ("folding-camp-knife-2.jpg", "knife", "#6B4430", "stone", {}, 1.25),
    ("brass-candle-lantern-1.jpg", "candle-lantern", BRASS, "linen", {}, 1.0),
    ("brass-candle-lantern-2.jpg", "candle-lantern", BRASS, "clay", {}, 1.22),
    ("brass-candle-lantern-3.jpg", "candle-lantern", BRASS, "dusk", {"night": True}, 1.0),
    ("field-lantern-refurbished-1.jpg", "led-lantern", "#5E6B4A", "stone", {}, 1.0),
    ("field-lantern-refurbished-2.jpg", "led-lantern", "#5E6B4A", "dusk", {}, 1.08),
    ("beeswax-pillar-candles-1.jpg", "candles", "#E3B04B", "linen", {}, 1.0),
    ("beeswax-pillar-candles-2.jpg", "candles", "#E3B04B", "sage", {}, 1.3),
    ("hand-thrown-stoneware-bowl-1.jpg", "bowl", "#D8CCB6", "clay", {}, 1.0),
    ("hand-thrown-stoneware-bowl-2.jpg", "bowl", "#D8CCB6", "stone", {}, 1.4),
    ("cafe-pour-over-kit-1.jpg", "pour-over", "#F2EFEA", "oat", {}, 1.0),
    ("cafe-pour-over-kit-2.jpg", "pour-over", "#F2EFEA", "clay", {}, 1.3),
    ("folding-camp-stool-1.jpg", "stool", "#C39463", "linen", {}, 1.0),
    ("waxed-canvas-tote-field-tan.jpg", "tote", "#B8955F", "sage", {}, 1.0),
    ("waxed-canvas-tote-loden.jpg", "tote", "#5B6445", "linen", {}, 1.0),
    ("waxed-canvas-tote-charcoal.jpg", "tote", "#45474A", "clay", {}, 1.0),
    ("merino-watch-cap-rust.jpg", "cap", "#A9532F", "linen", {}, 1.0),
    ("merino-watch-cap-navy.jpg", "cap", "#27324A", "stone", {}, 1.0),
    ("merino-watch-cap-oat.jpg", "cap", "#D9CDB4", "sage", {}, 1.0),
    ("merino-watch-cap-charcoal.jpg", "cap", "#434548", "clay", {}, 1.0),
    ("hinoki-cutting-board-1.jpg", "cutting-board", "#EAD5A8", "sage", {}, 1.0),
    ("hinoki-cutting-board-2.jpg", "cutting-board", "#EAD5A8", "stone", {}, 1.35),
    ("cedar-fire-starters-1.jpg", "tin", "#4E5B45", "oat", {}, 1.0),
]

# collection banners: 1600 x 900, three products each
COLLECTION_IMAGES = [
    ("collection-camp-kitchen.jpg", "linen", [
        ("canteen", "#3F5E4B", {}), ("skillet", "#2F2D2B", {}), ("mug", "#4F7A9A", {"rim": "#172235"})]),
    ("collection-field-gear.jpg", "sage", [
        ("tote", "#5B6445", {}), ("daypack", "#B8955F", {}), ("cap", "#A9532F", {})]),
    ("collection-home.jpg", "clay", [
        ("bowl", "#D8CCB6", {}), ("blanket", "#8E3B2E", {"pattern": "plaid"}), ("candles", "#E3B04B", {})]),
    ("collection-lighting.jpg", "oat", [
        ("candle-lantern", BRASS, {}), ("candles", "#E3B04B", {}), ("led-lantern", "#5E6B4A", {})]),
]


def collection_image(name, bg, objs):
    xs = [330, 800, 1270]
    zoom = 0.6
    items = []
    for (kind, colour, opts), x in zip(objs, xs):
        _, ground, _, centre = KINDS[kind]
        cy = 730 - (ground - 600) * zoom          # all three stand on y = 730
        items.append((kind, colour, opts, x - (centre - 600) * zoom, cy, zoom))
    return save(compose((1600, 900), bg, items), name)


def make_video(frames, out_name, poster_name):
    """A 10 s, 720 x 720 H.264 clip: slow zoom over the first image, cross-fade,
    slow pan over the second. Poster = the first frame, rendered by Pillow."""
    ffmpeg = shutil.which("ffmpeg")
    if not ffmpeg:
        print("ffmpeg not found; skipping the video", file=sys.stderr)
        return
    a, b = (os.path.join(OUT, f) for f in frames)
    out = os.path.join(OUT, out_name)
    fps, seg = 25, 5.5
    n = int(fps * seg)
    zoom_in = (f"scale=2160:2160,zoompan=z='1+0.15*on/{n}':d=1:s=720x720:fps={fps}:"
               f"x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)'")
    pan = (f"scale=2160:2160,zoompan=z='1.18':d=1:s=720x720:fps={fps}:"
           f"x='(iw-iw/zoom)*(0.15+0.7*on/{n})':y='ih/2-(ih/zoom/2)'")
    graph = (f"[0:v]{zoom_in},format=yuv420p[a];[1:v]{pan},format=yuv420p[b];"
             f"[a][b]xfade=transition=fade:duration=1:offset={seg - 1},format=yuv420p[v]")
    with tempfile.TemporaryDirectory() as tmp:
        tmp_out = os.path.join(tmp, "v.mp4")
        cmd = [ffmpeg, "-v", "error", "-y",
               "-loop", "1", "-framerate", str(fps), "-t", str(seg), "-i", a,
               "-loop", "1", "-framerate", str(fps), "-t", str(seg), "-i", b,
               "-filter_complex", graph, "-map", "[v]", "-an",
               "-c:v", "libx264", "-preset", "slow", "-crf", "27", "-pix_fmt", "yuv420p",
               "-profile:v", "high", "-threads", "1", "-movflags", "+faststart",
               "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:v", "+bitexact",
               tmp_out]
        subprocess.run(cmd, check=True)
        shutil.copyfile(tmp_out, out)
    poster = Image.open(a).convert("RGB").resize((720, 720), Image.LANCZOS)
    save(poster, poster_name)


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, kind, colour, bg, opts, zoom in PRODUCT_IMAGES:
        product_image(name, kind, colour, bg, opts, zoom)
        print("wrote", name)
    for name, bg, objs in COLLECTION_IMAGES:
        collection_image(name, bg, objs)
        print("wrote", name)
    if "--no-video" not in sys.argv:
        make_video(["waxed-canvas-daypack-field-tan.jpg", "waxed-canvas-daypack-loden.jpg"],
                   "waxed-canvas-daypack.mp4", "waxed-canvas-daypack-video.jpg")
        print("wrote waxed-canvas-daypack.mp4, waxed-canvas-daypack-video.jpg")


if __name__ == "__main__":
    main()
