"""The old site's addresses: original images and keys of internal links."""

import pytest

from wpimport.links import original_image_url, url_key

SITE = "https://dinkes.kotauji.go.id"
UPLOADS = f"{SITE}/wp-content/uploads/2024/02"


@pytest.mark.parametrize(
    "url, original",
    [
        (f"{UPLOADS}/foto-300x200.jpg", f"{UPLOADS}/foto.jpg"),
        (f"{UPLOADS}/foto-1024x683.JPEG", f"{UPLOADS}/foto.JPEG"),
        (f"{UPLOADS}/foto-scaled.jpg", f"{UPLOADS}/foto.jpg"),
        (f"{UPLOADS}/foto-150x150.png?ver=2", f"{UPLOADS}/foto.png"),
        (f"{UPLOADS}/foto.jpg", f"{UPLOADS}/foto.jpg"),
        (f"{UPLOADS}/banner-2024-1920x600-300x94.webp", f"{UPLOADS}/banner-2024-1920x600.webp"),
        (f"{UPLOADS}/SK-300x200.pdf", f"{UPLOADS}/SK-300x200.pdf"),
        (
            "https://i0.wp.com/dinkes.kotauji.go.id/wp-content/uploads/2024/02/foto-300x200.jpg?w=300",
            f"{UPLOADS}/foto.jpg",
        ),
    ],
)
def test_original_image_url(url, original):
    assert original_image_url(url) == original


@pytest.mark.parametrize(
    "url, key",
    [
        (f"{SITE}/profil/", "/profil"),
        ("http://www.dinkes.kotauji.go.id/profil", "/profil"),
        ("//dinkes.kotauji.go.id/?p=12", "/?p=12"),
        ("/2024/02/15/pekan/#foto", "/2024/02/15/pekan"),
        ("https://kemkes.go.id/profil/", None),
        ("mailto:humas@dinkes.kotauji.go.id", None),
        ("profil.html", None),
    ],
)
def test_url_key(url, key):
    assert url_key(url, site_url=SITE) == key


@pytest.mark.parametrize(
    "url, key",
    [
        ("https://kotauji.go.id/dinkes/profil/", "/dinkes/profil"),
        ("/dinkes/?p=3", "/dinkes?p=3"),
        ("https://kotauji.go.id/dinkes", "/dinkes"),
        ("https://kotauji.go.id/dinkesos/profil/", None),
        ("https://kotauji.go.id/", None),
    ],
)
def test_a_site_in_a_folder_owns_only_the_addresses_under_it(url, key):
    assert url_key(url, site_url="https://kotauji.go.id/dinkes/") == key
