"""YouTube videos in rich text: only valid YouTube ids survive the sanitiser, and the citizen
site shows a click-to-load block that asks nothing of another host until clicked."""

import pytest

from core.richtext import embed_videos, sanitize_html, youtube_id
from tests.news.factories import make_article

VIDEO = "dQw4w9WgXcQ"
EMBED = f'<figure class="media"><oembed url="https://www.youtube.com/watch?v={VIDEO}"></oembed></figure>'


@pytest.mark.parametrize(
    "url",
    [
        f"https://www.youtube.com/watch?v={VIDEO}",
        f"https://youtube.com/watch?v={VIDEO}&t=42s",
        f"https://m.youtube.com/watch?v={VIDEO}",
        f"https://youtu.be/{VIDEO}?si=abc",
        f"https://www.youtube.com/embed/{VIDEO}",
        f"https://www.youtube.com/shorts/{VIDEO}",
        f"https://www.youtube-nocookie.com/embed/{VIDEO}",
    ],
)
def test_youtube_addresses_give_their_id(url):
    assert youtube_id(url) == VIDEO


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        f"https://www.youtube.com.evil.example/watch?v={VIDEO}",
        f"https://evil.example/?v={VIDEO}",
        "https://www.youtube.com/watch?v=short",
        'https://www.youtube.com/watch?v=dQw4w9WgXcQ"onload="x',
        "https://www.youtube.com/watch?v=dQw4w9WgXc<",
        f"https://vimeo.com/{VIDEO}",
        f"ftp://youtu.be/{VIDEO}",
    ],
)
def test_anything_else_is_not_a_youtube_video(url):
    assert youtube_id(url) is None


def test_the_editor_embed_is_kept_in_one_canonical_form():
    stored = sanitize_html(
        f'<figure class="media"><oembed url="https://youtu.be/{VIDEO}?si=track"></oembed></figure>'
    )
    assert stored == EMBED


def test_an_embed_of_another_site_or_a_bad_id_is_removed():
    for url in ("https://vimeo.com/1234567", "https://www.youtube.com/watch?v=x", "javascript:1"):
        stored = sanitize_html(
            f'<figure class="media"><oembed url="{url}"></oembed></figure><p>a</p>'
        )
        assert stored == "<p>a</p>"


def test_iframes_stay_out_even_from_youtube():
    html = sanitize_html(f'<iframe src="https://www.youtube.com/embed/{VIDEO}"></iframe>')
    assert "iframe" not in html


def test_the_site_shows_a_click_to_load_block():
    shown = embed_videos(sanitize_html(EMBED))
    assert "oembed" not in shown and "<iframe" not in shown
    assert 'title="Putar video di YouTube"' in shown
    assert f'data-youtube-id="{VIDEO}"' in shown
    # The only address that points elsewhere is a plain link (for a browser without scripts).
    assert "ytimg" not in shown and "<img" not in shown
    assert f'href="https://www.youtube.com/watch?v={VIDEO}"' in shown


def test_a_pasted_youtube_address_alone_in_a_paragraph_becomes_a_video():
    for pasted in (
        f"<p>https://youtu.be/{VIDEO}</p>",
        f'<p><a href="https://www.youtube.com/watch?v={VIDEO}">tonton</a></p>',
    ):
        assert f'data-youtube-id="{VIDEO}"' in embed_videos(sanitize_html(pasted))
    inline = f'<p>Lihat <a href="https://youtu.be/{VIDEO}">video ini</a> ya.</p>'
    assert "data-youtube-id" not in embed_videos(sanitize_html(inline))


@pytest.mark.django_db
def test_an_article_with_a_video_loads_nothing_from_another_host(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        article = make_article("Video sosialisasi", body=f"<p>Simak:</p>{EMBED}")
    response = client_a.get(f"/berita/{article.slug}/")
    html = response.content.decode()
    assert "Putar video di YouTube" in html and "js/video.js" in html
    for attribute in (" src=", " srcset=", " data="):
        for value in html.split(attribute)[1:]:
            assert not value.lstrip('"').startswith(("http://", "https://", "//")), value[:80]
    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert policy["frame-src"] == "https://www.youtube-nocookie.com"


@pytest.mark.django_db
def test_a_body_holding_only_a_video_is_kept(opd_a, in_opd, client_a):
    """django-ckeditor-5 stores "" for HTML with no text and no <img>: a lone video is not empty."""
    with in_opd(opd_a):
        article = make_article("Hanya video", body=EMBED)
        article.refresh_from_db()
    assert article.body == EMBED
    assert "Putar video di YouTube" in client_a.get(f"/berita/{article.slug}/").content.decode()
