"""Accessible colours derived from an OPD's primary colour (WCAG 2.1 contrast, level AA)."""

from dataclasses import dataclass

AA_CONTRAST = 4.5
WHITE = (255, 255, 255)
BLACK = (0, 0, 0)


def parse_hex(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def to_hex(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def relative_luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def darken_until_readable_on(rgb, background=WHITE) -> tuple[int, int, int]:
    """The colour, darkened step by step until text in it reaches AA contrast on `background`."""
    factor = 1.0
    candidate = rgb
    while contrast_ratio(candidate, background) < AA_CONTRAST and factor > 0:
        factor -= 0.05
        candidate = tuple(max(0, round(v * factor)) for v in rgb)
    return candidate


@dataclass(frozen=True)
class Theme:
    primary: str
    on_primary: str
    link: str

    def as_css(self) -> str:
        return f":root{{--brand:{self.primary};--on-brand:{self.on_primary};--link:{self.link}}}\n"


def theme_for(opd) -> Theme:
    primary = parse_hex(opd.primary_color or "#0b5394")
    on_primary = max((WHITE, BLACK), key=lambda text: contrast_ratio(primary, text))
    return Theme(
        primary=to_hex(primary),
        on_primary=to_hex(on_primary),
        link=to_hex(darken_until_readable_on(primary)),
    )
