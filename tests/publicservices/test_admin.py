"""The OPD admin of the service catalogue: a service with its steps and forms, the Maklumat,
bad input refused with a clear message and nothing half-saved."""

import pytest

from publicservices.models import Service, ServiceMaklumat, ServiceStep
from tests.news.factories import image_bytes, uploaded
from tests.publicservices.factories import PDF_BYTES, make_maklumat, make_service

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/publicservices/service/add/"


def service_data(**overrides):
    data = {
        "name": "Penerbitan KTP-el",
        "slug": "ktp-el",
        "summary": "KTP elektronik bagi warga",
        "requirements": "<ul><li>Fotokopi KK</li></ul>",
        "duration": "1 hari kerja",
        "cost": "Gratis",
        "product": "KTP-el",
        "complaints": "<p>SP4N-LAPOR!</p>",
        "opening_hours": "Senin–Jumat",
        "location": "MPP",
        "map_url": "",
        "apply_url": "",
        "position": "0",
        "is_published": "on",
        "form_title": "",
        "steps-TOTAL_FORMS": "2",
        "steps-INITIAL_FORMS": "0",
        "steps-MIN_NUM_FORMS": "0",
        "steps-MAX_NUM_FORMS": "1000",
        "steps-0-position": "2",
        "steps-0-title": "Perekaman biometrik",
        "steps-0-description": "",
        "steps-1-position": "1",
        "steps-1-title": "Ambil nomor antrean",
        "steps-1-description": "Di loket informasi",
    }
    data.update(overrides)
    return data


def test_an_admin_adds_a_service_with_ordered_steps_and_a_pdf_form(opd_a, in_opd, admin_a):
    data = service_data(
        form_upload=uploaded("f.pdf", PDF_BYTES, "application/pdf"), form_title="Formulir F-1.21"
    )
    response = admin_a.post(ADD_URL, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    with in_opd(opd_a):
        service = Service.objects.get(slug="ktp-el")
        assert [step.title for step in service.steps.all()] == [
            "Ambil nomor antrean",
            "Perekaman biometrik",
        ]
        assert [document.title for document in service.forms.all()] == ["Formulir F-1.21"]
    html = admin_a.get("/layanan/ktp-el/").content.decode()
    assert html.index("Ambil nomor antrean") < html.index("Perekaman biometrik")


def test_the_admin_pages_are_indonesian(admin_a):
    html = admin_a.get(ADD_URL).content.decode()
    for text in ("Persyaratan", "Jangka waktu penyelesaian", "Biaya/tarif", "Produk layanan",
                 "Sistem, mekanisme dan prosedur", "Ajukan online"):  # fmt: skip
        assert text.lower() in html.lower()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (uploaded("f.pdf", b"MZ\x90\x00 not a pdf at all" * 20, "application/pdf"), "Jenis berkas"),
        (uploaded("f.exe", PDF_BYTES, "application/pdf"), "Jenis berkas"),
    ],
)
def test_a_bad_form_upload_is_refused_and_nothing_is_saved(opd_a, in_opd, admin_a, upload, message):
    data = service_data(form_upload=upload, form_title="Formulir")
    response = admin_a.post(ADD_URL, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "errorlist" in html and message in html
    with in_opd(opd_a):
        assert not Service.objects.exists()
        assert not ServiceStep.objects.exists()


@pytest.mark.parametrize("field", ["apply_url", "map_url"])
def test_links_must_be_https(opd_a, in_opd, admin_a, field):
    response = admin_a.post(ADD_URL, service_data(**{field: "http://alpha.localhost/daftar/"}))
    assert response.status_code == 200
    assert "https://" in response.content.decode()
    with in_opd(opd_a):
        assert not Service.objects.exists()


def test_a_javascript_link_is_refused(opd_a, in_opd, admin_a):
    response = admin_a.post(ADD_URL, service_data(apply_url="javascript:alert(1)"))
    assert response.status_code == 200
    with in_opd(opd_a):
        assert not Service.objects.exists()


def test_the_maklumat_is_a_singleton_with_a_scan_upload(opd_a, in_opd, admin_a):
    response = admin_a.get("/admin/publicservices/servicemaklumat/")
    assert response.status_code == 302 and response["Location"].endswith("/add/")
    data = {
        "text": "<p>Kami sanggup melayani sesuai standar.</p>",
        "signed_by": "Kepala Dinas",
        "scan_upload": uploaded("scan.jpg", image_bytes(size=(600, 800))),
    }
    response = admin_a.post("/admin/publicservices/servicemaklumat/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    with in_opd(opd_a):
        maklumat = ServiceMaklumat.objects.get()
        assert maklumat.scan_image is not None and maklumat.is_complete
    response = admin_a.get("/admin/publicservices/servicemaklumat/")
    assert response["Location"].endswith(f"/{maklumat.pk}/change/")
    # A second one cannot be written: "Tambah" opens the one there is.
    response = admin_a.get("/admin/publicservices/servicemaklumat/add/")
    assert response["Location"].endswith(f"/{maklumat.pk}/change/")
    with in_opd(opd_a):
        assert ServiceMaklumat.objects.count() == 1


def test_a_pdf_scan_is_accepted(opd_a, in_opd, admin_a):
    data = {
        "text": "<p>Janji layanan.</p>",
        "signed_by": "",
        "scan_upload": uploaded("scan.pdf", PDF_BYTES, "application/pdf"),
    }
    response = admin_a.post("/admin/publicservices/servicemaklumat/add/", data)
    assert response.status_code == 302
    with in_opd(opd_a):
        assert ServiceMaklumat.objects.get().scan_document is not None


def test_a_bad_scan_is_refused_and_nothing_is_saved(opd_a, in_opd, admin_a):
    data = {
        "text": "<p>Janji layanan.</p>",
        "signed_by": "",
        "scan_upload": uploaded("scan.jpg", b"<?php system($_GET['c']); ?>" * 10),
    }
    response = admin_a.post("/admin/publicservices/servicemaklumat/add/", data)
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    with in_opd(opd_a):
        assert not ServiceMaklumat.objects.exists()


def test_a_second_maklumat_row_cannot_be_written(opd_a, in_opd):
    from django.db import IntegrityError, transaction

    with in_opd(opd_a):
        make_maklumat()
        with pytest.raises(IntegrityError), transaction.atomic():
            ServiceMaklumat(text="<p>kedua</p>").save(force_insert=True)


def test_hostile_html_in_the_admin_is_sanitised(opd_a, in_opd, admin_a):
    data = service_data(requirements='<p>Syarat</p><script>alert("x")</script>')
    assert admin_a.post(ADD_URL, data).status_code == 302
    with in_opd(opd_a):
        assert "<script" not in Service.objects.get().requirements


def test_unchanged_edit_keeps_the_service(opd_a, in_opd, admin_a):
    with in_opd(opd_a):
        service = make_service("Akta kelahiran", slug="akta", steps=0)
    response = admin_a.get(f"/admin/publicservices/service/{service.pk}/change/")
    assert response.status_code == 200 and "Akta kelahiran" in response.content.decode()
