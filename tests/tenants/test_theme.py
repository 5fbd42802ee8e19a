import pytest

from tenants.theme import AA_CONTRAST, Theme, contrast_ratio, parse_hex, theme_for


class Colour:
    def __init__(self, primary_color):
        self.primary_color = primary_color


def test_contrast_ratio_matches_the_wcag_reference_values():
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast_ratio((255, 255, 255), (255, 255, 255)) == pytest.approx(1.0)
    assert contrast_ratio(parse_hex("#767676"), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize(
    "colour",
    [
        "#0b5394",
        "#ffff00",
        "#777777",
        "#ffffff",
        "#000000",
        "#00ff00",
        "#c2410c",
        "#7fdbff",
        "#808080",
    ],
)
def test_any_opd_colour_gives_readable_text(colour):
    theme = theme_for(Colour(colour))
    assert contrast_ratio(parse_hex(theme.primary), parse_hex(theme.on_primary)) >= AA_CONTRAST
    assert contrast_ratio(parse_hex(theme.link), (255, 255, 255)) >= AA_CONTRAST


def test_the_theme_is_plain_css_custom_properties():
    css = Theme(primary="#0b5394", on_primary="#ffffff", link="#0b5394").as_css()
    assert css == ":root{--brand:#0b5394;--on-brand:#ffffff;--link:#0b5394}\n"
