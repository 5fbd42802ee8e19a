"""Pictures for the demo, drawn with Pillow: nothing is downloaded and nothing is stored in git.

Every picture is a function of its arguments (a topic or initials, and a seed string), so two
runs of `seed_demo` draw the same pixels. Scenes are drawn on a small canvas (800 × 450) and
enlarged: the enlargement softens the flat shapes into something closer to a photo, and keeps
drawing fast (a few hundredths of a second a cover; the renditions core.images makes of it as
of any upload cost more).

- `illustration(topic, seed)`: a 16:9 scene for an article cover or a headline banner.
- `portrait(seed)`: a 4:5 head-and-shoulders bust of an official (some with a hijab or a peci).
- `emblem(initials, colour)`: a round OPD logo with the OPD's initials (`initials_of`).
- `as_upload(image, name)`: the picture as the file a browser would upload.
"""

import io
import math
import random
from collections.abc import Callable

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageOps

# 1200 px wide: the renditions core.images makes of an upload (480, 960 and the source) cover a
# full-width banner, and seed_demo stays quick (a 1600 px WebP rendition costs as much again).
COVER_SIZE = (1200, 675)
PORTRAIT_SIZE = (600, 750)
EMBLEM_SIZE = 512

Colour = tuple[int, int, int]


def _hex(value: str) -> Colour:
    value = value.lstrip("#")
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))


def _mix(a: Colour, b: Colour, amount: float) -> Colour:
    return tuple(round(x + (y - x) * amount) for x, y in zip(a, b, strict=True))


def _vary(rng: random.Random, colour: Colour, spread: int = 14) -> Colour:
    return tuple(max(0, min(255, c + rng.randint(-spread, spread))) for c in colour)


def _gradient(size: tuple[int, int], top: Colour, bottom: Colour) -> Image.Image:
    """A vertical gradient (a 256-step ramp, resized: no pixel loop)."""
    ramp = Image.linear_gradient("L").resize(size)
    return ImageOps.colorize(ramp, black=top, white=bottom)


def _font(size: int) -> ImageFont.FreeTypeFont:
    # Pillow's bundled font: the same everywhere, no system font needed.
    return ImageFont.load_default(size=size)


# --- scene parts (coordinates on the drawing canvas, 800 × 450) ---------------------------

W, H = 800, 450

SKIES = {
    "day": ((96, 156, 222), (206, 228, 245)),
    "morning": ((120, 170, 220), (250, 222, 180)),
    "overcast": ((128, 140, 156), (200, 206, 212)),
    "evening": ((70, 96, 160), (246, 178, 120)),
}


def _sky(rng: random.Random, mood: str) -> Image.Image:
    top, bottom = SKIES[mood]
    image = _gradient((W, H), _vary(rng, top, 8), _vary(rng, bottom, 8))
    draw = ImageDraw.Draw(image, "RGBA")
    if mood in ("day", "morning"):
        x, y = rng.randint(80, W - 80), rng.randint(40, 110)
        draw.ellipse((x - 60, y - 60, x + 60, y + 60), fill=(255, 250, 225, 50))
        draw.ellipse((x - 26, y - 26, x + 26, y + 26), fill=(255, 247, 214, 255))
    cloud = (255, 255, 255, 150) if mood != "overcast" else (230, 232, 236, 170)
    for _ in range(rng.randint(2, 5)):
        x, y = rng.randint(-40, W), rng.randint(20, 150)
        for _ in range(4):
            dx, dy, r = rng.randint(0, 90), rng.randint(-12, 12), rng.randint(18, 34)
            draw.ellipse((x + dx - r * 1.6, y + dy - r, x + dx + r * 1.6, y + dy + r), fill=cloud)
    return image


def _ridge(rng: random.Random, base: float, height: float, roughness: int) -> list[tuple]:
    phase, phase2 = rng.random() * 6.3, rng.random() * 6.3
    points = []
    for x in range(0, W + 20, 20):
        y = base - height * (
            0.6 + 0.3 * math.sin(x / (90 + roughness) + phase) + 0.1 * math.sin(x / 23 + phase2)
        )
        points.append((x, y))
    return points + [(W, H), (0, H)]


def _hills(draw, rng, horizon: float, colours: list[Colour]) -> None:
    for depth, colour in enumerate(colours):
        base = horizon + depth * 22
        draw.polygon(_ridge(rng, base, 70 - depth * 18, depth * 40), fill=_vary(rng, colour, 8))


def _tree(draw, rng, x: float, ground: float, scale: float = 1.0) -> None:
    trunk = (92, 64, 44)
    draw.rectangle((x - 3 * scale, ground - 26 * scale, x + 3 * scale, ground), fill=trunk)
    leaf = _vary(rng, (46, 120, 62), 18)
    for dx, dy, r in ((0, -40, 20), (-13, -30, 15), (13, -30, 15)):
        draw.ellipse(
            (x + (dx - r) * scale, ground + (dy - r) * scale, x + (dx + r) * scale,
             ground + (dy + r) * scale),
            fill=leaf,
        )  # fmt: skip


def _palm(draw, rng, x: float, ground: float, scale: float = 1.0) -> None:
    top = ground - 70 * scale
    draw.line((x, ground, x + 6 * scale, top), fill=(110, 84, 58), width=max(2, int(4 * scale)))
    leaf = _vary(rng, (52, 128, 60), 14)
    for angle in range(0, 360, 45):
        rad = math.radians(angle)
        end = (x + 6 * scale + math.cos(rad) * 30 * scale, top + math.sin(rad) * 14 * scale + 8)
        draw.line((x + 6 * scale, top, *end), fill=leaf, width=max(2, int(5 * scale)))


def _person(draw, x: float, feet: float, height: float, colour: Colour, head: Colour) -> None:
    """A standing figure seen from afar."""
    r = height * 0.11
    draw.ellipse((x - r, feet - height, x + r, feet - height + 2 * r), fill=head)
    body_top = feet - height + 2 * r
    draw.rounded_rectangle(
        (x - r * 1.5, body_top, x + r * 1.5, feet - height * 0.35), radius=r, fill=colour
    )
    draw.rectangle((x - r * 1.1, feet - height * 0.38, x + r * 1.1, feet), fill=(52, 58, 70))


def _flag(draw, x: float, ground: float, height: float = 120) -> None:
    draw.line((x, ground, x, ground - height), fill=(200, 200, 200), width=3)
    draw.rectangle((x + 2, ground - height, x + 40, ground - height + 12), fill=(206, 17, 38))
    draw.rectangle(
        (x + 2, ground - height + 12, x + 40, ground - height + 24), fill=(250, 250, 250)
    )


def _building(draw, rng, left, ground, width, height, wall: Colour, roof: Colour) -> None:
    draw.rectangle((left, ground - height, left + width, ground), fill=wall)
    # A pitched roof, as on most kantor pemerintahan.
    draw.polygon(
        [(left - 14, ground - height), (left + width / 2, ground - height - height * 0.35),
         (left + width + 14, ground - height)],
        fill=roof,
    )  # fmt: skip
    glass = _mix(wall, (60, 90, 120), 0.7)
    rows = max(1, int(height // 34))
    cols = max(2, int(width // 30))
    for row in range(rows):
        for col in range(cols):
            x0 = left + 10 + col * (width - 20) / cols
            y0 = ground - height + 10 + row * (height - 20) / rows
            draw.rectangle((x0 + 3, y0 + 3, x0 + (width - 20) / cols - 5, y0 + 18), fill=glass)
    door = left + width / 2
    draw.rectangle((door - 14, ground - 30, door + 14, ground), fill=_mix(wall, (60, 50, 40), 0.6))


def _ground(draw, horizon: float, colour: Colour) -> None:
    draw.rectangle((0, horizon, W, H), fill=colour)


def _water(draw, rng, top: float, colour: Colour, murky: bool = False) -> None:
    draw.rectangle((0, top, W, H), fill=colour)
    ripple = _mix(colour, (255, 255, 255), 0.35 if not murky else 0.2)
    for _ in range(40):
        x, y = rng.randint(0, W), rng.randint(int(top) + 4, H)
        length = rng.randint(14, 50) * (0.5 + (y - top) / (H - top))
        draw.line((x, y, x + length, y), fill=ripple, width=2)


# --- scenes ----------------------------------------------------------------------------------


def _landscape(rng, draw, image) -> None:
    horizon = H * 0.58
    _hills(draw, rng, horizon, [(128, 164, 150), (84, 140, 96), (62, 122, 70)])
    _ground(draw, horizon + 60, (88, 150, 72))
    for _ in range(6):
        _tree(draw, rng, rng.randint(0, W), rng.randint(int(horizon + 70), H - 10), 1.2)


def _rice_fields(rng, draw, image) -> None:
    horizon = H * 0.5
    _hills(draw, rng, horizon, [(130, 160, 160), (96, 142, 110)])
    greens = [(120, 176, 64), (98, 160, 52), (140, 188, 80), (86, 150, 60)]
    y, step = horizon + 40, 10
    while y < H:
        draw.rectangle((0, y, W, y + step), fill=_vary(rng, rng.choice(greens), 10))
        draw.line((0, y, W, y), fill=(70, 110, 50), width=1)
        y += step
        step *= 1.28
    for _ in range(3):
        _palm(draw, rng, rng.randint(0, W), horizon + rng.randint(40, 70), 1.1)
    # A farmer with a caping.
    x, feet = rng.randint(200, W - 200), H * 0.86
    _person(draw, x, feet, 80, (60, 96, 150), (150, 110, 80))
    draw.polygon([(x - 22, feet - 72), (x, feet - 92), (x + 22, feet - 72)], fill=(214, 186, 120))


def _flood(rng, draw, image) -> None:
    horizon = H * 0.5
    _hills(draw, rng, horizon - 20, [(150, 160, 170), (120, 140, 140)])
    for i in range(5):
        left = 20 + i * 160 + rng.randint(-20, 20)
        wall = _vary(rng, rng.choice([(236, 226, 206), (210, 224, 236), (240, 214, 190)]), 8)
        _building(draw, rng, left, H * 0.74, 110, 70, wall, _vary(rng, (168, 72, 48), 12))
    _water(draw, rng, H * 0.68, (128, 112, 84), murky=True)
    # A rescue boat with orange-vested crew.
    x, y = rng.randint(150, W - 250), H * 0.82
    draw.polygon([(x, y), (x + 150, y), (x + 130, y + 22), (x + 16, y + 22)], fill=(230, 90, 30))
    for i in range(3):
        _person(draw, x + 35 + i * 38, y + 2, 44, (245, 130, 30), (120, 86, 60))


def _office(rng, draw, image) -> None:
    ground = H * 0.78
    _hills(draw, rng, ground - 120, [(150, 176, 180)])
    _ground(draw, ground, (120, 160, 96))
    wall = _vary(rng, rng.choice([(240, 236, 224), (226, 232, 236), (238, 228, 206)]), 6)
    left, width = rng.randint(150, 300), rng.randint(320, 440)
    _building(draw, rng, left, ground, width, rng.randint(120, 160), wall,
              _vary(rng, rng.choice([(150, 60, 40), (60, 70, 90), (120, 40, 40)]), 10))  # fmt: skip
    draw.rectangle((0, ground + 10, W, ground + 40), fill=(150, 150, 150))
    _flag(draw, left - 50, ground + 10, 150)
    for x in (rng.randint(10, left - 80), left + width + 50, rng.randint(700, 780)):
        _tree(draw, rng, x, ground + 10, 1.1 + rng.random() * 0.4)


def _hall(rng, draw, image) -> None:
    """A meeting in a hall, seen from the back rows."""
    wall = _vary(rng, (222, 210, 190), 8)
    draw.rectangle((0, 0, W, H), fill=wall)
    draw.rectangle((0, H * 0.62, W, H), fill=_vary(rng, (150, 112, 80), 8))
    draw.rectangle((160, 40, 640, 160), fill=_vary(rng, (30, 70, 130), 10))
    draw.rectangle((180, 60, 620, 70), fill=(240, 240, 240))
    draw.rectangle((180, 84, 520, 92), fill=(200, 214, 232))
    draw.rectangle((180, 104, 560, 112), fill=(200, 214, 232))
    draw.rectangle((200, 200, 600, 240), fill=(110, 70, 40))  # the speakers' table
    draw.rectangle((200, 236, 600, 280), fill=(240, 240, 240))
    for i in range(4):
        _person(draw, 250 + i * 100, 220, 70, (40, 50, 70), (120, 86, 60))
    _flag(draw, 90, H * 0.62, 150)
    heads = [(90, 64, 48), (30, 30, 36), (120, 110, 100)]
    for row in range(3):
        y = H * 0.72 + row * 44
        for col in range(9):
            x = 30 + col * 92 + (row % 2) * 46 + rng.randint(-6, 6)
            r = 18 + row * 4
            colour = rng.choice([(240, 240, 236), (196, 170, 120), (70, 90, 120), (150, 60, 60)])
            draw.ellipse((x - r * 1.9, y + r * 0.4, x + r * 1.9, y + r * 3.4), fill=colour)
            if rng.random() < 0.35:  # a hijab
                draw.ellipse(
                    (x - r * 1.2, y - r * 1.1, x + r * 1.2, y + r * 1.6),
                    fill=rng.choice([(60, 90, 140), (170, 80, 110), (90, 120, 90)]),
                )
            else:
                draw.ellipse((x - r, y - r, x + r, y + r), fill=rng.choice(heads))  # fmt: skip


def _road(rng, draw, image) -> None:
    horizon = H * 0.5
    _hills(draw, rng, horizon, [(140, 166, 170), (100, 146, 110)])
    _ground(draw, horizon + 30, (96, 152, 76))
    vanish = W / 2 + rng.randint(-60, 60)
    draw.polygon([(vanish - 8, horizon + 30), (vanish + 8, horizon + 30), (W * 0.95, H),
                  (W * 0.05, H)], fill=(88, 90, 96))  # fmt: skip
    for i in range(7):
        t0, t1 = (i / 7) ** 1.8, ((i + 0.5) / 7) ** 1.8
        y0, y1 = horizon + 30 + t0 * (H - horizon - 30), horizon + 30 + t1 * (H - horizon - 30)
        draw.polygon([(vanish - 1 - 4 * t0, y0), (vanish + 1 + 4 * t0, y0),
                      (vanish + 1 + 4 * t1, y1), (vanish - 1 - 4 * t1, y1)],
                     fill=(240, 240, 230))  # fmt: skip
    for i in range(5):
        t = (i + 1) / 6
        y = horizon + 30 + t * (H - horizon - 30)
        spread = (W * 0.45 + 40) * t
        _tree(draw, rng, vanish - spread - 30, y, 0.4 + t * 1.4)
        _tree(draw, rng, vanish + spread + 30, y, 0.4 + t * 1.4)
    # Workers in orange vests by the roadside.
    for i in range(2):
        _person(draw, W * 0.78 + i * 34, H * 0.9, 70, (245, 130, 30), (120, 86, 60))


def _tents(rng, draw, image) -> None:
    """A disaster-response post: tents, a banner, volunteers."""
    horizon = H * 0.55
    _hills(draw, rng, horizon, [(140, 156, 160), (110, 136, 112)])
    _ground(draw, horizon + 40, (156, 142, 104))
    colours = [(230, 110, 40), (40, 96, 170), (230, 110, 40), (210, 210, 206)]
    for i, colour in enumerate(colours):
        left = 40 + i * 190 + rng.randint(-10, 10)
        base = horizon + 150 + (i % 2) * 20
        draw.polygon([(left, base), (left + 80, base - 100), (left + 160, base)], fill=colour)
        draw.polygon([(left + 60, base), (left + 80, base - 60), (left + 100, base)],
                     fill=_mix(colour, (0, 0, 0), 0.4))  # fmt: skip
    draw.rectangle((W * 0.3, horizon - 10, W * 0.7, horizon + 24), fill=(250, 250, 250))
    draw.rectangle((W * 0.3, horizon + 14, W * 0.7, horizon + 24), fill=(206, 17, 38))
    for _ in range(6):
        _person(draw, rng.randint(30, W - 30), rng.randint(int(H * 0.86), H - 6), 64,
                rng.choice([(245, 130, 30), (245, 130, 30), (40, 70, 130), (230, 230, 226)]),
                rng.choice([(120, 86, 60), (90, 64, 48)]))  # fmt: skip


def _clinic(rng, draw, image) -> None:
    ground = H * 0.78
    _ground(draw, ground, (120, 160, 96))
    wall = (244, 246, 244)
    left, width, height = rng.randint(120, 260), rng.randint(360, 480), rng.randint(110, 140)
    _building(draw, rng, left, ground, width, height, wall, _vary(rng, (30, 120, 100), 10))
    middle = left + width / 2
    cross = ground - height - 40
    draw.rectangle((middle - 20, cross - 20, middle + 20, cross + 20), fill=(30, 150, 110))
    draw.rectangle((middle - 8, cross - 32, middle + 8, cross + 32), fill=(30, 150, 110))
    draw.rectangle((0, ground + 10, W, ground + 40), fill=(160, 160, 160))
    _flag(draw, left - 60, ground + 10, 140)
    for i in range(rng.randint(2, 5)):
        colour = rng.choice([(250, 250, 250), (170, 80, 110), (60, 90, 140), (120, 150, 90)])
        _person(draw, middle + 30 + i * 40, ground + 20, 60, colour, (140, 100, 70))
    _tree(draw, rng, min(780, left + width + 70), ground + 10, 1.2 + rng.random() * 0.4)


def _service_desk(rng, draw, image) -> None:
    """A service hall: counters with numbers, a queue display, citizens waiting."""
    draw.rectangle((0, 0, W, H), fill=_vary(rng, (232, 236, 240), 6))
    draw.rectangle((0, H * 0.7, W, H), fill=(196, 190, 180))
    accent = _vary(rng, (30, 80, 160), 10)
    draw.rectangle((0, 30, W, 60), fill=accent)
    for i in range(4):
        left = 40 + i * 190
        draw.rectangle((left, 110, left + 150, 160), fill=(30, 40, 60))  # a screen
        draw.text((left + 52, 118), f"A{rng.randint(10, 99)}", fill=(250, 200, 60), font=_font(30))
        draw.rectangle((left, 230, left + 150, 300), fill=_mix(accent, (255, 255, 255), 0.75))
        _person(draw, left + 75, 250, 70, (196, 170, 120), (120, 86, 60))
        draw.rectangle((left - 5, 250, left + 155, 262), fill=accent)
    for i in range(7):
        x = 60 + i * 110 + rng.randint(-10, 10)
        colour = rng.choice([(240, 240, 236), (150, 60, 60), (70, 90, 120), (90, 120, 90)])
        _person(draw, x, H - 10, 110, colour, rng.choice([(30, 30, 36), (90, 64, 48)]))


def _city(rng, draw, image) -> None:
    ground = H * 0.74
    for i in range(11):
        height = rng.randint(60, 200)
        left = i * 76 + rng.randint(-10, 10)
        colour = _vary(rng, (150, 164, 182), 20)
        draw.rectangle((left, ground - height, left + 66, ground), fill=colour)
        for row in range(int(height // 22)):
            for col in range(3):
                draw.rectangle((left + 8 + col * 20, ground - height + 8 + row * 22,
                                left + 20 + col * 20, ground - height + 18 + row * 22),
                               fill=_mix(colour, (240, 236, 200), 0.5))  # fmt: skip
    _ground(draw, ground, (110, 110, 116))
    for i in range(10):
        draw.rectangle((i * 90 + 20, ground + 40, i * 90 + 60, ground + 46), fill=(240, 240, 230))


SCENES: dict[str, tuple[Callable, str]] = {
    "bukit": (_landscape, "day"),
    "sawah": (_rice_fields, "morning"),
    "banjir": (_flood, "overcast"),
    "kantor": (_office, "day"),
    "rapat": (_hall, "day"),
    "jalan": (_road, "morning"),
    "posko": (_tents, "overcast"),
    "puskesmas": (_clinic, "day"),
    "layanan": (_service_desk, "day"),
    "kota": (_city, "evening"),
}
TOPICS = tuple(SCENES)
# What each scene shows, for alt texts.
DESCRIPTIONS = {
    "bukit": "Ilustrasi perbukitan hijau dan pepohonan di bawah langit cerah",
    "sawah": "Ilustrasi petani bercaping di tengah sawah hijau",
    "banjir": "Ilustrasi permukiman tergenang banjir dan perahu tim penyelamat",
    "kantor": "Ilustrasi gedung kantor pemerintahan dengan bendera Merah Putih",
    "rapat": "Ilustrasi rapat di aula: pimpinan di meja depan, peserta di kursi",
    "jalan": "Ilustrasi jalan raya di antara pepohonan dan petugas berompi oranye",
    "posko": "Ilustrasi posko tanggap darurat dengan tenda dan relawan",
    "puskesmas": "Ilustrasi gedung puskesmas dan warga yang datang berobat",
    "layanan": "Ilustrasi ruang pelayanan dengan loket dan warga yang mengantre",
    "kota": "Ilustrasi deretan gedung kota pada sore hari",
}


def illustration(topic: str, seed: str, size: tuple[int, int] = COVER_SIZE) -> Image.Image:
    """A 16:9 scene about `topic` (one of TOPICS), the same for the same seed."""
    scene, mood = SCENES[topic]
    rng = random.Random(f"{topic}:{seed}")
    if mood in ("day", "morning"):  # the same place at another hour
        mood = rng.choice(("day", "morning"))
    image = _sky(rng, mood)
    scene(rng, ImageDraw.Draw(image, "RGBA"), image)
    image = image.resize(size, Image.BICUBIC).filter(ImageFilter.SMOOTH)
    return image


# --- portraits and emblems -------------------------------------------------------------------

SKIN = [(241, 200, 160), (224, 172, 128), (198, 140, 100), (168, 112, 76), (140, 92, 62)]
KHAKI = (176, 150, 104)  # the civil servants' PDH
SUIT = (40, 52, 80)
CLOTHES = [
    KHAKI,
    KHAKI,
    SUIT,
    (245, 245, 242),  # white shirt
    (122, 40, 44),  # batik maroon
]
HIJAB = [(40, 70, 120), (120, 60, 90), (70, 100, 80), (210, 190, 170), (30, 30, 36)]
BACKDROPS = [(214, 226, 238), (226, 222, 214), (218, 232, 224), (234, 224, 226)]


ANY = "any"


def portrait(seed: str, *, headwear: str | None = ANY, size=PORTRAIT_SIZE) -> Image.Image:
    """A neutral bust on a soft background. `headwear`: "hijab", "peci", "long-hair", None
    (short hair), or ANY (the seed picks)."""
    rng = random.Random(f"portrait:{seed}")
    if headwear == ANY:
        headwear = rng.choice(["hijab", "peci", "long-hair", None, None])
    w, h = size[0] // 2, size[1] // 2
    backdrop = rng.choice(BACKDROPS)
    image = _gradient((w, h), _mix(backdrop, (255, 255, 255), 0.4), backdrop)
    draw = ImageDraw.Draw(image)
    skin, clothes = rng.choice(SKIN), rng.choice(CLOTHES)
    if headwear in ("hijab", "long-hair") and clothes == SUIT:
        clothes = KHAKI  # the suit is drawn with a tie
    cx, head_y, head_r = w / 2, h * 0.38, w * 0.19
    top = h * 0.62  # where the shoulders begin
    hair = rng.choice([(24, 22, 24), (40, 32, 28), (70, 70, 72)])
    if headwear == "long-hair":  # falls behind the shoulders
        draw.rounded_rectangle((cx - head_r * 1.15, head_y - head_r * 1.1, cx + head_r * 1.15,
                                top + 30), radius=head_r, fill=hair)  # fmt: skip
    # Shoulders and the uniform (with a collar), then the neck.
    draw.rounded_rectangle((w * 0.08, top, w * 0.92, h * 1.3), radius=w * 0.2, fill=clothes)
    draw.rectangle((cx - head_r * 0.42, head_y + head_r * 0.6, cx + head_r * 0.42, top + 12),
                   fill=_mix(skin, (0, 0, 0), 0.12))  # fmt: skip
    if clothes == SUIT:  # a white shirt and a tie under the suit
        draw.polygon([(cx - 24, top), (cx + 24, top), (cx, top + 60)], fill=(250, 250, 250))
        draw.polygon([(cx - 5, top + 6), (cx + 5, top + 6), (cx + 8, top + 70), (cx - 8, top + 70)],
                     fill=(150, 30, 40))  # fmt: skip
    else:
        collar = _mix(clothes, (0, 0, 0), 0.18)
        draw.polygon([(cx - 32, top + 2), (cx, top + 28), (cx - 10, top + 40)], fill=collar)
        draw.polygon([(cx + 32, top + 2), (cx, top + 28), (cx + 10, top + 40)], fill=collar)
        draw.rectangle((w * 0.60, top + 50, w * 0.74, top + 58), fill=(30, 30, 36))  # name tag
    if headwear == "hijab":
        colour = rng.choice(HIJAB)
        draw.ellipse((cx - head_r * 1.35, head_y - head_r * 1.3, cx + head_r * 1.35,
                      head_y + head_r * 1.45), fill=colour)  # fmt: skip
        draw.polygon([(cx - head_r * 1.3, head_y + head_r * 0.3), (cx + head_r * 1.3,
                      head_y + head_r * 0.3), (cx + head_r * 2.0, top + 40),
                      (cx - head_r * 2.0, top + 40)], fill=colour)  # fmt: skip
        draw.ellipse((cx - head_r * 0.82, head_y - head_r * 0.85, cx + head_r * 0.82,
                      head_y + head_r * 1.0), fill=skin)  # fmt: skip
    else:
        draw.ellipse((cx - head_r * 1.12, head_y - head_r * 0.6, cx - head_r * 0.8,
                      head_y + head_r * 0.3), fill=skin)  # fmt: skip
        draw.ellipse((cx + head_r * 0.8, head_y - head_r * 0.6, cx + head_r * 1.12,
                      head_y + head_r * 0.3), fill=skin)  # fmt: skip
        draw.ellipse((cx - head_r * 0.92, head_y - head_r * 1.1, cx + head_r * 0.92,
                      head_y + head_r), fill=skin)  # fmt: skip
        draw.chord((cx - head_r * 0.96, head_y - head_r * 1.22, cx + head_r * 0.96,
                    head_y + head_r * 0.1), 180, 360, fill=hair)  # fmt: skip
        if headwear == "peci":
            cap = (cx - head_r * 0.94, head_y - head_r * 1.42, cx + head_r * 0.94,
                   head_y - head_r * 0.6)  # fmt: skip
            draw.rounded_rectangle(cap, radius=6, fill=(22, 22, 26))
    # A calm face: eyes, brows and a faint smile.
    eye_y = head_y - head_r * 0.05
    for side in (-1, 1):
        ex = cx + side * head_r * 0.38
        draw.ellipse((ex - 4, eye_y - 4, ex + 4, eye_y + 4), fill=(40, 30, 26))
        draw.line((ex - 10, eye_y - 14, ex + 10, eye_y - 15), fill=(50, 36, 30), width=3)
    draw.arc((cx - 16, head_y + head_r * 0.35, cx + 16, head_y + head_r * 0.62), 20, 160,
             fill=_mix(skin, (120, 40, 40), 0.5), width=3)  # fmt: skip
    return image.resize(size, Image.BICUBIC).filter(ImageFilter.SMOOTH)


def emblem(initials: str, colour: str, size: int = EMBLEM_SIZE) -> Image.Image:
    """A round logo: the OPD's colour, a gold ring, a star and its initials (RGBA PNG)."""
    base, gold = _hex(colour), (212, 170, 60)
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((4, 4, size - 4, size - 4), fill=gold)
    draw.ellipse((size * 0.05, size * 0.05, size * 0.95, size * 0.95), fill=base)
    ring = size * 0.12
    draw.ellipse((ring, ring, size - ring, size - ring), outline=(255, 255, 255), width=size // 80)
    cx, cy, r = size / 2, size * 0.28, size * 0.07
    star = [
        (cx + math.cos(math.radians(-90 + i * 36)) * (r if i % 2 == 0 else r * 0.45),
         cy + math.sin(math.radians(-90 + i * 36)) * (r if i % 2 == 0 else r * 0.45))
        for i in range(10)
    ]  # fmt: skip
    draw.polygon(star, fill=gold)
    text = initials[:5].upper()
    font = _font(size * min(0.34, 0.8 / len(text)))
    draw.text((cx, size * 0.56), text, font=font, fill=(255, 255, 255), anchor="mm",
              stroke_width=max(1, size // 120), stroke_fill=(255, 255, 255))  # fmt: skip
    for i in range(5):  # rice stalks along the bottom of the ring
        angle = math.radians(200 + i * 35)
        x, y = cx + math.cos(angle) * size * 0.3, size * 0.62 - math.sin(angle) * size * 0.1
        draw.ellipse((x - 6, y + 40, x + 6, y + 58), fill=gold)
    return image


_NOT_IN_INITIALS = {"dan", "kota", "serang", "daerah", "&"}


def initials_of(short_name: str, name: str = "") -> str:
    """What an emblem shows, short enough to read at 40 px: BPBD, DLH, DK (Dinas Kesehatan
    Kota Serang), DKPS (Dinas Kependudukan dan Pencatatan Sipil), KS (Kec. Serang)."""
    if short_name.isupper() and len(short_name) <= 5:
        return short_name
    words = [w.strip(",.") for w in (name or short_name.replace(".", " ")).split()]
    words = [w for w in words if w and w.lower() not in _NOT_IN_INITIALS]
    if len(words) == 1:  # "Kecamatan Serang" without "Serang", a one-word short name
        words = short_name.replace(".", " ").split()
    initials = "".join(word[0] for word in words).upper()[:4]
    return initials if len(initials) > 1 else short_name[:4].upper()  # Inspektorat: INSP


def as_upload(image: Image.Image, name: str) -> SimpleUploadedFile:
    """`image` as a browser would send it: a JPEG (or a PNG for `.png` names)."""
    buffer = io.BytesIO()
    if name.endswith(".png"):
        image.save(buffer, "PNG")
        content_type = "image/png"
    else:
        image.convert("RGB").save(buffer, "JPEG", quality=88)
        content_type = "image/jpeg"
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)
