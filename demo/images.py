"""Product pictures and producer logos for the demo, drawn with Pillow.

No photo is downloaded: each product gets a flat illustration of its kind (lychee,
noodles, honeycomb, bottle, ...) on its product group's colour, with its name set in
DejaVu Sans when the font is installed. Which drawing and colours make each picture, and
each group's colours, are in `data/pictures.toml`. The drawing depends only on its
arguments, so running the loader twice draws the same picture.
"""

import io
import math
import random
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from demo.records import data_file

SIZE = 800
FONT_PATH = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")

DEFAULT_COLOUR = "#f3e7d3"
INK = "#4a3322"
LEAF = "#5f8f3e"
LEAF_DARK = "#3f6b2a"


@cache
def _font(size: int):
    if FONT_PATH.exists():
        return ImageFont.truetype(str(FONT_PATH), size)
    return None


def _shade(colour: str, factor: float) -> tuple[int, int, int]:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return tuple(max(0, min(255, round(c * factor))) for c in (r, g, b))


def _leaf(draw, cx, cy, length, angle, fill=LEAF):
    """A pointed leaf from (cx, cy) in direction `angle` (degrees)."""
    a = math.radians(angle)
    tip = (cx + length * math.cos(a), cy + length * math.sin(a))
    mid = (cx + length * 0.5 * math.cos(a), cy + length * 0.5 * math.sin(a))
    side = length * 0.28
    left = (mid[0] + side * math.cos(a + math.pi / 2), mid[1] + side * math.sin(a + math.pi / 2))
    right = (mid[0] + side * math.cos(a - math.pi / 2), mid[1] + side * math.sin(a - math.pi / 2))
    draw.polygon([(cx, cy), left, tip, right], fill=fill)
    draw.line([(cx, cy), tip], fill=LEAF_DARK, width=3)


def _lychee(draw, rng, colour="#c8323c"):
    draw.line([(400, 110), (400, 200), (330, 250)], fill="#7a5230", width=8)
    draw.line([(400, 200), (470, 250)], fill="#7a5230", width=8)
    for angle, length in ((200, 150), (235, 130), (-20, 150), (-55, 125)):
        _leaf(draw, 400, 150, length, angle)
    centres = [(330, 330), (470, 330), (400, 300), (260, 420), (400, 420), (540, 420), (330, 500), (470, 500)]
    for x, y in centres:
        draw.line([(400, 200), (x, y)], fill="#7a5230", width=4)
    for x, y in centres:
        draw.ellipse([x - 62, y - 62, x + 62, y + 62], fill=colour, outline="#8e1f2a", width=4)
        for _ in range(14):
            dx, dy = rng.uniform(-42, 42), rng.uniform(-42, 42)
            if dx * dx + dy * dy < 42 * 42:
                draw.ellipse([x + dx - 4, y + dy - 4, x + dx + 4, y + dy + 4], fill="#a52633")
        draw.ellipse([x - 38, y - 40, x - 18, y - 22], fill="#e9717a")


def _bowl_back(draw, inside="#d9c2a0"):
    draw.ellipse([150, 330, 650, 430], fill=inside, outline="#b98b5e", width=5)


def _bowl_front(draw, colour="#f1e4cf"):
    draw.chord([150, 160, 650, 620], start=0, end=180, fill=colour, outline="#b98b5e", width=5)
    draw.line([(170, 430), (630, 430)], fill="#c0504d", width=8)
    draw.rectangle([330, 600, 470, 630], fill="#b98b5e")


def _noodles(draw, rng, colours=("#f6ead0",)):
    draw.line([(520, 130), (700, 380)], fill="#8a5a2b", width=12)
    draw.line([(565, 125), (725, 360)], fill="#8a5a2b", width=12)
    _bowl_back(draw)
    for i in range(12):
        colour = colours[i % len(colours)]
        y0 = 300 + i * 8
        half = 240 - abs(i - 6) * 6
        points = [(x, y0 + 14 * math.sin(x / 22 + i * 1.7)) for x in range(400 - half, 400 + half + 1, 6)]
        draw.line(points, fill=_shade(colour, 0.78), width=10)
        draw.line(points, fill=colour, width=6)
    _bowl_front(draw)


def _hexagon(cx, cy, r):
    return [
        (cx + r * math.cos(math.radians(60 * k)), cy + r * math.sin(math.radians(60 * k))) for k in range(6)
    ]


def _honey(draw, rng):
    r = 56
    for row in range(5):
        for col in range(6):
            cx = 175 + col * r * 1.5
            cy = 190 + row * r * math.sqrt(3) + (col % 2) * r * math.sqrt(3) / 2
            fill = "#f0a61c" if (row * 7 + col * 3) % 5 else "#f7c65a"
            draw.polygon(_hexagon(cx, cy, r - 4), fill=fill, outline="#b86e0b")
    draw.ellipse([560, 470, 660, 600], fill="#e8940f")
    draw.polygon([(610, 400), (566, 500), (654, 500)], fill="#e8940f")


def _bottle(draw, rng, glass="#e8c97a", label="#fff7e8", cap="#8b2a2a", flower=False):
    draw.ellipse([240, 585, 560, 640], fill="#e3cfa8")
    draw.rounded_rectangle([290, 230, 510, 610], radius=50, fill=glass, outline=_shade(glass, 0.7), width=5)
    draw.rectangle([360, 120, 440, 240], fill=glass, outline=_shade(glass, 0.7), width=5)
    draw.rounded_rectangle([350, 90, 450, 140], radius=12, fill=cap)
    draw.rounded_rectangle([315, 360, 485, 520], radius=14, fill=label, outline="#b98b5e", width=3)
    draw.rectangle([305, 250, 325, 560], fill=_shade(glass, 1.12))
    if flower:
        for k in range(8):
            a = math.radians(45 * k)
            draw.ellipse(
                [
                    400 + 34 * math.cos(a) - 18,
                    440 + 34 * math.sin(a) - 18,
                    400 + 34 * math.cos(a) + 18,
                    440 + 34 * math.sin(a) + 18,
                ],
                fill="#f2c230",
            )
        draw.ellipse([384, 424, 416, 456], fill="#c9801a")
    else:
        draw.line([(345, 420), (455, 420)], fill="#b98b5e", width=6)
        draw.line([(345, 460), (455, 460)], fill="#b98b5e", width=6)


def _roll(draw, rng, meat="#f2d9c4", wrap="#5f8f3e"):
    """Giò: a roll in banana leaf, with two slices in front."""
    draw.rounded_rectangle([180, 200, 560, 420], radius=110, fill=wrap, outline=LEAF_DARK, width=5)
    for x in range(230, 540, 45):
        draw.line([(x, 210), (x - 20, 410)], fill=LEAF_DARK, width=3)
    draw.line([(300, 205), (300, 415)], fill="#d9c7a0", width=9)
    draw.line([(440, 205), (440, 415)], fill="#d9c7a0", width=9)
    for cx, cy in ((470, 500), (610, 430)):
        draw.ellipse([cx - 110, cy - 110, cx + 110, cy + 110], fill=wrap)
        draw.ellipse([cx - 96, cy - 96, cx + 96, cy + 96], fill=meat, outline=_shade(meat, 0.8), width=3)
        for _ in range(12):
            dx, dy = rng.uniform(-70, 70), rng.uniform(-70, 70)
            if dx * dx + dy * dy < 70 * 70:
                draw.ellipse([cx + dx - 5, cy + dy - 5, cx + dx + 5, cy + dy + 5], fill=_shade(meat, 0.85))


def _patties(draw, rng, colour="#d99a55"):
    """Chả, nem: golden pieces on a plate, with herb leaves."""
    draw.ellipse([130, 250, 670, 600], fill="#fbf6ee", outline="#c9b79c", width=5)
    pieces = [(300, 380), (450, 360), (360, 470), (510, 470)]
    for x, y in pieces:
        draw.rounded_rectangle(
            [x - 90, y - 48, x + 90, y + 48], radius=40, fill=colour, outline=_shade(colour, 0.7), width=4
        )
        for _ in range(6):
            dx, dy = rng.uniform(-70, 70), rng.uniform(-30, 30)
            draw.ellipse([x + dx - 5, y + dy - 3, x + dx + 5, y + dy + 3], fill=_shade(colour, 0.75))
    for angle in (200, 230, 260):
        _leaf(draw, 610, 300, 110, angle)


def _sausages(draw, rng, colour="#c7674a"):
    for row, y in enumerate((260, 380, 500)):
        for col in range(3):
            x = 210 + col * 170 + (row % 2) * 40
            draw.rounded_rectangle(
                [x - 75, y - 40, x + 75, y + 40], radius=40, fill=colour, outline=_shade(colour, 0.7), width=4
            )
            draw.line([(x - 40, y - 18), (x + 30, y - 18)], fill=_shade(colour, 1.3), width=6)
            if col < 2:
                draw.line([(x + 75, y), (x + 95, y)], fill="#8a6a45", width=6)


def _chicken(draw, rng):
    draw.line([(120, 600), (680, 600)], fill="#8fb36a", width=10)
    draw.polygon([(230, 330), (130, 200), (170, 330), (110, 300), (200, 400)], fill="#3c4a2c")
    draw.ellipse([200, 280, 560, 560], fill="#b5652a", outline="#7d4217", width=5)
    draw.ellipse([280, 360, 470, 500], fill="#c98a45")
    draw.ellipse([470, 200, 600, 330], fill="#b5652a", outline="#7d4217", width=5)
    draw.polygon(
        [(495, 210), (510, 165), (530, 200), (550, 160), (565, 205), (585, 175), (585, 225)], fill="#d8282a"
    )
    draw.polygon([(595, 255), (650, 270), (595, 285)], fill="#e9b23a")
    draw.ellipse([545, 235, 565, 255], fill="#1e1e1e")
    draw.polygon([(580, 290), (600, 330), (570, 320)], fill="#d8282a")
    for x in (340, 420):
        draw.line([(x, 550), (x, 600)], fill="#d99a2b", width=9)


def _cakes(draw, rng, colour="#efe2c6"):
    """Bánh khảo: pale square cakes in a stack."""
    for i, (x, y) in enumerate(((300, 470), (500, 470), (400, 360), (300, 250), (500, 250))):
        draw.rounded_rectangle(
            [x - 90, y - 55, x + 90, y + 55], radius=10, fill=colour, outline="#b99a6a", width=4
        )
        draw.rectangle([x - 60, y - 30, x + 60, y + 30], outline="#d3b98c", width=3)
        draw.ellipse([x - 12, y - 12, x + 12, y + 12], fill="#c9a46a" if i % 2 else "#d2b27c")


def _cordyceps(draw, rng):
    draw.ellipse([140, 430, 660, 600], fill="#f5efe3", outline="#c9b79c", width=5)
    for _ in range(26):
        x0 = rng.uniform(220, 580)
        y0 = rng.uniform(480, 540)
        bend = rng.uniform(-60, 60)
        height = rng.uniform(200, 300)
        points = [(x0 + bend * math.sin(t / 10 * math.pi / 2), y0 - height * t / 10) for t in range(11)]
        draw.line(points, fill="#e07b1f", width=14)
        x, y = points[-1]
        draw.ellipse([x - 10, y - 12, x + 10, y + 12], fill="#f29a3a")


def _buds(draw, rng, colour="#e9d9b0"):
    """Dried flower buds (nụ hoa sâm nam) on sprigs."""
    for angle in (-120, -90, -60):
        a = math.radians(angle)
        draw.line([(400, 600), (400 + 260 * math.cos(a), 600 + 260 * math.sin(a))], fill="#7a5230", width=6)
    for angle in (-150, -30, -110, -70):
        _leaf(draw, 400, 560, 140, angle)
    for _ in range(60):
        r = rng.uniform(60, 250)
        a = math.radians(rng.uniform(-150, -30))
        x, y = 400 + r * math.cos(a), 470 + r * math.sin(a) * 0.9
        draw.ellipse([x - 15, y - 15, x + 15, y + 15], fill=colour, outline=_shade(colour, 0.7), width=3)


def _tea(draw, rng):
    for k in range(7):
        _leaf(draw, 250 + k * 50, 360 - (k % 3) * 30, 130, -120 + k * 12, fill="#4f8a35")
    _bowl_back(draw, inside="#9db85a")
    _bowl_front(draw, colour="#e8eede")


def _round_fruit(draw, rng, colour="#8a4f8c", highlight="#b58ab8"):
    """Vú sữa: round purple fruit with leaves."""
    for angle in (210, 250, 290, 330):
        _leaf(draw, 400, 200, 150, angle)
    for x, y, r in ((300, 420, 120), (500, 420, 120), (400, 300, 110)):
        draw.ellipse([x - r, y - r, x + r, y + r], fill=colour, outline=_shade(colour, 0.7), width=5)
        draw.ellipse([x - r * 0.55, y - r * 0.6, x - r * 0.15, y - r * 0.25], fill=highlight)
        draw.rectangle([x - 6, y - r - 20, x + 6, y - r + 5], fill="#7a5230")


def _bamboo_shoots(draw, rng):
    for x, height, tilt in ((280, 330, -30), (420, 380, 10), (550, 300, 40)):
        base_y = 600
        tip = (x + tilt, base_y - height)
        draw.polygon([(x - 80, base_y), tip, (x + 80, base_y)], fill="#d7c48a", outline="#9d8a4f")
        for k in range(1, 5):
            y = base_y - height * k / 5
            half = 80 * (1 - k / 5)
            cx = x + tilt * k / 5
            draw.line([(cx - half, y), (cx + half * 0.6, y + 18)], fill="#9d8a4f", width=5)
        draw.polygon(
            [(x + tilt - 10, base_y - height + 10), tip, (x + tilt + 22, base_y - height + 50)],
            fill="#8fb36a",
        )


def _rotated_rounded_rect(cx, cy, width, height, radius, angle):
    corners = [
        (width / 2 - radius, height / 2 - radius, 0),
        (-width / 2 + radius, height / 2 - radius, 90),
        (-width / 2 + radius, -height / 2 + radius, 180),
        (width / 2 - radius, -height / 2 + radius, 270),
    ]
    points = []
    for x, y, start in corners:
        for step in range(0, 91, 15):
            a = math.radians(start + step)
            points.append((x + radius * math.cos(a), y + radius * math.sin(a)))
    a = math.radians(angle)
    return [
        (cx + x * math.cos(a) - y * math.sin(a), cy + x * math.sin(a) + y * math.cos(a)) for x, y in points
    ]


def _crackers(draw, rng):
    """Rice snack: puffed crackers."""
    for x, y, angle in ((290, 300, -10), (500, 290, 12), (260, 480, 8), (470, 470, -6), (380, 390, 3)):
        draw.polygon(
            _rotated_rounded_rect(x, y, 230, 150, 30, angle), fill="#f1d9a3", outline="#c49a52", width=5
        )
        for _ in range(18):
            px, py = x + rng.uniform(-85, 85), y + rng.uniform(-50, 50)
            draw.ellipse([px - 5, py - 4, px + 5, py + 4], fill="#e2bd72")


def _landscape(draw, rng):
    """Community tourism: hills, a stilt house, a sun."""
    draw.ellipse([560, 110, 680, 230], fill="#f4b942")
    draw.polygon([(60, 520), (250, 230), (440, 520)], fill="#6f9a5a")
    draw.polygon([(300, 520), (520, 200), (740, 520)], fill="#5b8748")
    draw.rectangle([60, 500, 740, 620], fill="#8fb36a")
    draw.polygon([(280, 390), (400, 300), (520, 390)], fill="#8a5a2b")
    draw.rectangle([310, 390, 490, 470], fill="#c99a62", outline="#7d4e22", width=4)
    draw.rectangle([380, 410, 420, 470], fill="#7d4e22")
    for x in (320, 380, 420, 480):
        draw.line([(x, 470), (x, 530)], fill="#7d4e22", width=8)
    for k in range(5):
        x = 120 + k * 35
        draw.rectangle([x - 4, 470, x + 4, 540], fill="#6b4a2a")
        draw.ellipse([x - 26, 430, x + 26, 490], fill="#3f7a34")


DRAWINGS = {
    "lychee": _lychee,
    "noodles": _noodles,
    "honey": _honey,
    "bottle": _bottle,
    "roll": _roll,
    "patties": _patties,
    "sausages": _sausages,
    "chicken": _chicken,
    "cakes": _cakes,
    "cordyceps": _cordyceps,
    "buds": _buds,
    "tea": _tea,
    "round_fruit": _round_fruit,
    "bamboo_shoots": _bamboo_shoots,
    "crackers": _crackers,
    "landscape": _landscape,
}
PICTURES = data_file("pictures")["pictures"]
GROUPS = data_file("pictures")["groups"]


def _wrap(draw, text: str, font, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    return lines + [line]


def _caption(draw, text: str, band_colour):
    draw.rectangle([0, 650, SIZE, SIZE], fill=band_colour)
    for size in (50, 44, 38, 32):
        font = _font(size)
        if font is None:
            return
        lines = _wrap(draw, text, font, SIZE - 80)
        if len(lines) <= 2:
            break
    line_height = size + 10
    y = 650 + (150 - line_height * len(lines)) / 2
    for line in lines:
        x = (SIZE - draw.textlength(line, font=font)) / 2
        draw.text((x, y), line, font=font, fill="#fffaf0")
        y += line_height


def product_picture_png(*, title: str, picture: str, group_slug: str, seed: str) -> bytes:
    """An 800x800 PNG of the product kind `picture`, on the colour of its product group."""
    group = GROUPS.get(group_slug, {})
    background = group.get("background", DEFAULT_COLOUR)
    image = Image.new("RGB", (SIZE, SIZE), background)
    draw = ImageDraw.Draw(image)
    draw.ellipse([90, 60, 710, 680], fill=_shade(background, 1.05))
    options = dict(PICTURES[picture])
    DRAWINGS[options.pop("drawing")](draw, random.Random(seed), **options)  # noqa: S311  repeatable pictures
    _caption(draw, title, group.get("band", INK))
    return _png(image)


def producer_logo_png(*, monogram: str, colour: str) -> bytes:
    """A 256x256 round monogram logo."""
    image = Image.new("RGB", (256, 256), "#fffaf0")
    draw = ImageDraw.Draw(image)
    draw.ellipse([8, 8, 248, 248], fill=colour)
    draw.ellipse([22, 22, 234, 234], outline="#fffaf0", width=4)
    font = _font(96 if len(monogram) <= 2 else 72)
    if font is not None:
        left, top, right, bottom = draw.textbbox((0, 0), monogram, font=font)
        draw.text(
            ((256 - (right - left)) / 2 - left, (256 - (bottom - top)) / 2 - top),
            monogram,
            font=font,
            fill="#fffaf0",
        )
    return _png(image)


def _png(image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
