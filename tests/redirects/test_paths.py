"""How a request is matched against stored old addresses (redirects.paths), without a database."""

import pytest

from redirects import paths


@pytest.mark.parametrize(
    ("path", "query", "expected"),
    [
        ("/feed/", "", ["/feed/", "/feed"]),
        ("/feed", "", ["/feed", "/feed/"]),
        ("/", "p=123", ["/?p=123", "/"]),
        (
            "/",
            "utm_source=wa&p=123",
            ["/?p=123&utm_source=wa", "/?utm_source=wa", "/?p=123", "/"],
        ),
        ("/berita/lama/", "amp=1", ["/berita/lama/?amp=1", "/berita/lama/", "/berita/lama"]),
        ("/é/", "", ["/é/", "/é"]),
        ("/", "", ["/"]),
    ],
)
def test_candidates_best_first(path, query, expected):
    assert paths.candidates(path, query) == expected


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/a\r\nb/", ""),
        ("/" + "a" * 600, ""),
        ("/admin/news/", ""),
        ("relative", ""),
    ],
)
def test_what_can_never_match_costs_no_query(path, query):
    assert paths.candidates(path, query) == []


def test_too_many_parameters_fall_back_to_the_path():
    query = "&".join(f"p{n}={n}" for n in range(50))
    assert paths.candidates("/lama/", query) == ["/lama/", "/lama"]


def test_control_characters_in_the_query_are_left_out():
    assert paths.candidates("/", "p=1%0A&page_id=2") == ["/?page_id=2", "/"]


def test_a_stored_address_and_a_request_meet_in_the_same_form():
    stored = paths.normalise_old_path("https://lama.example/?page_id=7&lang=id")
    assert stored in paths.candidates("/", "lang=id&page_id=7")
    stored = paths.normalise_old_path("/kategori/berita%20daerah/")
    assert stored in paths.candidates("/kategori/berita daerah/", "")
