"""The citizen pages of the service catalogue: the list, a service's standard, the Maklumat."""

import pytest

from tests.news.factories import image_bytes, uploaded
from tests.publicservices.factories import PDF_BYTES, make_maklumat, make_service

pytestmark = pytest.mark.django_db


def _document(title="Formulir F-1.01"):
    from library.services import add_document

    return add_document(upload=uploaded("f.pdf", PDF_BYTES, "application/pdf"), title=title)


def test_the_list_shows_published_services_and_the_maklumat(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_service("Penerbitan KTP-el", slug="ktp-el", position=1)
        make_service("Akta kelahiran", slug="akta", position=2)
        make_service("Layanan tersembunyi", slug="rahasia", is_published=False)
        make_maklumat(text="<p>Kami sanggup melayani dengan ramah.</p>")
    response = client_a.get("/layanan/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Penerbitan KTP-el") < html.index("Akta kelahiran")
    assert "Layanan tersembunyi" not in html
    assert "Maklumat Pelayanan" in html and "melayani dengan ramah" in html
    assert client_a.get("/layanan/rahasia/").status_code == 404


def test_the_detail_shows_the_standard_steps_forms_and_apply_button(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        service = make_service(
            "Penerbitan KTP-el",
            slug="ktp-el",
            steps=3,
            apply_url="https://alpha.localhost/daftar/",
            opening_hours="Senin–Jumat 08.00–15.00",
            location="Mal Pelayanan Publik",
            complaints="<p>Lapor ke SP4N-LAPOR!</p>",
        )
        service.forms.add(_document())
    html = client_a.get("/layanan/ktp-el/").content.decode()
    for text in ("Fotokopi Kartu Keluarga", "1 hari kerja", "Gratis", "Kartu Tanda Penduduk",
                 "Senin–Jumat", "Mal Pelayanan Publik", "SP4N-LAPOR!", "Formulir F-1.01",
                 "Ajukan online", 'href="https://alpha.localhost/daftar/"'):  # fmt: skip
        assert text in html
    assert '<ol class="service__steps">' in html
    assert html.index("Langkah ke-1") < html.index("Langkah ke-2") < html.index("Langkah ke-3")
    assert "PDF, 1,6\xa0KB" in html  # type and size of the form


def test_the_maklumat_page_shows_the_text_and_the_scan(opd_a, in_opd, client_a):
    from library.services import add_image

    with in_opd(opd_a):
        scan = add_image(upload=uploaded("m.jpg", image_bytes(size=(600, 800))), alt_text="scan")
        make_maklumat(scan_image=scan, signed_by="Kepala Dinas")
    html = client_a.get("/layanan/maklumat/").content.decode()
    assert "Kami sanggup melayani" in html and "Kepala Dinas" in html
    assert "<picture>" in html and 'width="' in html and 'height="' in html


def test_the_maklumat_page_without_a_maklumat_is_not_an_error(client_a):
    response = client_a.get("/layanan/maklumat/")
    assert response.status_code == 200
    assert "sedang disiapkan" in response.content.decode()


def test_a_service_cannot_take_the_maklumat_slug(opd_a, in_opd):
    from django.core.exceptions import ValidationError

    from publicservices.models import Service

    with in_opd(opd_a), pytest.raises(ValidationError):
        Service(name="X", slug="maklumat").full_clean()


def test_hostile_html_is_sanitised_on_save_and_on_the_page(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        service = make_service(
            "Izin usaha",
            slug="izin-usaha",
            requirements='<p onclick="steal()">Syarat</p><script>alert(1)</script>',
            complaints='<a href="javascript:alert(1)">lapor</a><iframe src="https://x.test"></iframe>',
        )
        maklumat = make_maklumat(text='<img src=x onerror="alert(1)"><p>Janji</p>')
        service.refresh_from_db()
        assert "<script" not in service.requirements and "onclick" not in service.requirements
        assert "javascript:" not in service.complaints and "<iframe" not in service.complaints
        assert "onerror" not in maklumat.text
    for url in ("/layanan/izin-usaha/", "/layanan/", "/layanan/maklumat/"):
        html = client_a.get(url).content.decode()
        assert "alert(1)" not in html and "steal()" not in html


def test_the_sitemap_lists_the_services(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_service("Penerbitan KTP-el", slug="ktp-el")
        make_service("Rahasia", slug="rahasia", is_published=False)
    xml = client_a.get("/sitemap.xml").content.decode()
    assert "/layanan/ktp-el/" in xml and "/layanan/</loc>" in xml
    assert "/layanan/rahasia/" not in xml


def test_the_site_search_finds_a_service(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_service("Penerbitan KTP-el", slug="ktp-el", summary="Kartu tanda penduduk")
    html = client_a.get("/cari/?q=KTP").content.decode()
    assert "/layanan/ktp-el/" in html


def test_the_menu_target_is_registered(opd_a, in_opd):
    from core import registry

    with in_opd(opd_a):
        targets = {target.key: target for target in registry.menu_targets()}
    assert targets["publicservices:list"].url == "/layanan/"
    assert targets["publicservices:list"].default_parent == "top"


def real_queries(captured):
    return [q["sql"] for q in captured.captured_queries if not q["sql"].startswith("SET ")]


@pytest.mark.parametrize(
    ("url", "max_queries"),
    # As tests/news/test_performance.py counts: the domain, the menu and banner caches, the
    # pemda identity, the page cache's schedule; then the services (and the Maklumat), or the
    # service with its steps and forms.
    [("/layanan/", 8), ("/layanan/ktp-el/", 9), ("/layanan/maklumat/", 7)],
)
def test_pages_run_a_fixed_number_of_queries(
    opd_a, in_opd, client_a, django_assert_max_num_queries, url, max_queries
):
    with in_opd(opd_a):
        for number in range(15):
            service = make_service(f"Layanan nomor {number}", slug=f"layanan-{number}", steps=4)
            service.forms.add(_document(f"Formulir {number}"))
        make_service("Penerbitan KTP-el", slug="ktp-el", steps=6).forms.add(_document())
        make_maklumat()
    with django_assert_max_num_queries(2 * max_queries) as captured:
        response = client_a.get(url)
    assert response.status_code == 200
    assert len(real_queries(captured)) <= max_queries
