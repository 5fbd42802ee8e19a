"""Operators see, add and edit the OPD's redirects in its admin, with Indonesian validation,
and move many at once as CSV (issue #19)."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts import roles
from audit.models import AuditEvent
from redirects import services
from redirects.models import Redirect
from tests.factories import make_operator
from tests.redirects.factories import make_redirect

pytestmark = pytest.mark.django_db

LIST = "/admin/redirects/redirect/"


def html_of(response, status=200):
    assert response.status_code == status, response.status_code
    return response.content.decode()


@pytest.fixture
def operator_a(opd_a, in_opd, client_a):
    """client_a logged in as an Operator Berita (who manages pages and the menu)."""
    with in_opd(opd_a):
        client_a.force_login(make_operator("penulis", role=roles.OPERATOR_BERITA))
    return client_a


def csv_upload(text, name="pengalihan.csv", encoding="utf-8"):
    data = text.encode(encoding) if isinstance(text, str) else text
    return SimpleUploadedFile(name, data, content_type="text/csv")


# --- Validation ---


@pytest.mark.parametrize(
    ("old", "stored"),
    [
        ("/2019/05/03/judul/", "/2019/05/03/judul/"),
        ("  /category/berita/  ", "/category/berita/"),
        ("/?p=123", "/?p=123"),
        ("/?page_id=7&lang=id", "/?lang=id&page_id=7"),
        ("https://dinas-lama.example.go.id/tag/banjir/", "/tag/banjir/"),
        ("http://dinas-lama.example.go.id/?p=9#komentar", "/?p=9"),
        ("/berita/%C3%A9t%C3%A9/", "/berita/été/"),
        ("/feed/#top", "/feed/"),
    ],
)
def test_old_addresses_are_normalised(opd_a, in_opd, old, stored):
    with in_opd(opd_a):
        assert make_redirect(old, "/berita/").old_path == stored


@pytest.mark.parametrize(
    "old",
    ["", "berita/lama/", "//evil.example/x", "/", "/admin/", "/admin/news/", "/a\x07b/",
     "/" + "a" * 600, "ftp://lama.example/x", "/a\\b"],
)  # fmt: skip
def test_bad_old_addresses_are_refused(opd_a, in_opd, old):
    with in_opd(opd_a), pytest.raises(ValidationError) as error:
        make_redirect(old, "/berita/")
    assert "old_path" in error.value.message_dict


@pytest.mark.parametrize(
    "target",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "//evil.example/",
        "/\\evil.example/",
        "\\\\evil.example",
        "mailto:a@example.org",
        "berita/relatif/",
        "https://",
        "https:///tanpa-host",
        "/berita/ada spasi/",
        "/berita/\x00/",
        "",
        "https://example.org/" + "a" * 2100,
    ],
)
def test_bad_targets_are_refused(opd_a, in_opd, target):
    with in_opd(opd_a), pytest.raises(ValidationError) as error:
        make_redirect("/lama/", target)
    assert "target" in error.value.message_dict


@pytest.mark.parametrize(
    "target", ["/berita/baru/", "/cari/?q=banjir", "https://jdih.example.go.id/sk.pdf",
               "http://arsip.example.go.id/"],
)  # fmt: skip
def test_good_targets_are_kept_as_typed(opd_a, in_opd, target):
    with in_opd(opd_a):
        assert make_redirect("/lama/", target).target == target


def test_a_redirect_to_itself_is_refused_in_indonesian(opd_a, in_opd):
    with in_opd(opd_a), pytest.raises(ValidationError) as error:
        make_redirect("/berita/lama/", "/berita/lama/")
    assert "berputar" in str(error.value.message_dict["target"])
    with in_opd(opd_a), pytest.raises(ValidationError):
        make_redirect("/berita/%6Cama/", "/berita/lama/")


def test_two_addresses_leading_to_each_other_are_refused(opd_a, in_opd):
    with in_opd(opd_a):
        make_redirect("/a/", "/b/")
        with pytest.raises(ValidationError) as error:
            make_redirect("/b/", "/a/")
    assert "berputar" in str(error.value.message_dict["target"])


def test_an_old_address_is_unique(opd_a, in_opd):
    with in_opd(opd_a):
        make_redirect("/lama/", "/berita/")
        with pytest.raises(ValidationError) as error:
            make_redirect("https://situs-lama.example/lama/", "/halaman/profil/")
    assert "sudah dialihkan" in str(error.value)


# --- Admin ---


def test_the_opd_admin_lists_searches_and_filters(admin_a, opd_a, in_opd):
    with in_opd(opd_a):
        make_redirect("/2019/05/03/banjir/", "/berita/banjir/", source=Redirect.Source.IMPORT)
        make_redirect("/profil/", "/halaman/profil/")
        Redirect.objects.filter(old_path="/profil/").update(hits=42)
    html = html_of(admin_a.get(LIST))
    assert "Pengalihan tautan" in html and "Alamat lama" in html and "Alamat baru" in html
    assert "Jumlah kunjungan" in html and "42" in html
    assert "Impor CSV" in html and "Ekspor CSV" in html
    found = html_of(admin_a.get(LIST, {"q": "banjir"}))
    assert "/2019/05/03/banjir/" in found and "/halaman/profil/" not in found
    imported = html_of(admin_a.get(LIST, {"source__exact": "import"}))
    assert "/2019/05/03/banjir/" in imported and "/halaman/profil/" not in imported


def test_an_operator_berita_adds_a_redirect(operator_a, opd_a, in_opd, client_a):
    form = html_of(operator_a.get(f"{LIST}add/"))
    assert "Alamat lama" in form and "/?p=123" in form
    response = operator_a.post(
        f"{LIST}add/", {"old_path": "https://lama.example/?page_id=7", "target": "/halaman/x/"}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    with in_opd(opd_a):
        redirect = Redirect.objects.get()
    assert redirect.old_path == "/?page_id=7" and redirect.source == Redirect.Source.MANUAL
    assert client_a.get("/?page_id=7")["Location"] == "/halaman/x/"
    event = AuditEvent.objects.get(
        opd=opd_a, object_type="redirects.Redirect", object_id=str(redirect.pk)
    )
    assert event.actor == "penulis" and event.changes["old_path"] == [None, "/?page_id=7"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"old_path": "/lama/", "target": "javascript:alert(1)"}, "Alamat baru harus berupa"),
        ({"old_path": "/lama/", "target": "//evil.example/"}, "Alamat baru harus berupa"),
        ({"old_path": "/lama/", "target": "/lama/"}, "berputar"),
        ({"old_path": "lama", "target": "/berita/"}, "diawali satu garis miring"),
    ],
)
def test_a_bad_form_saves_nothing_and_says_why(admin_a, opd_a, in_opd, data, message):
    html = html_of(admin_a.post(f"{LIST}add/", data))
    assert "errornote" in html and message in html
    with in_opd(opd_a):
        assert not Redirect.objects.exists()


def test_editing_keeps_the_source_and_shows_the_hits(admin_a, opd_a, in_opd):
    with in_opd(opd_a):
        redirect = make_redirect("/lama/", "/berita/a/", source=Redirect.Source.SLUG_CHANGE)
    html = html_of(admin_a.get(f"{LIST}{redirect.pk}/change/"))
    assert "Perubahan slug" in html and "Kunjungan terakhir" in html
    response = admin_a.post(
        f"{LIST}{redirect.pk}/change/", {"old_path": "/lama/", "target": "/berita/b/"}
    )
    assert response.status_code == 302
    with in_opd(opd_a):
        redirect.refresh_from_db()
    assert redirect.target == "/berita/b/" and redirect.source == Redirect.Source.SLUG_CHANGE


def test_a_ppid_officer_may_not_touch_redirects(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        client_a.force_login(make_operator("ppid", role=roles.PETUGAS_PPID))
    assert client_a.get(LIST).status_code == 403
    assert client_a.get(f"{LIST}impor/").status_code == 403
    assert client_a.get(f"{LIST}ekspor/").status_code == 403


def test_anonymous_visitors_are_sent_to_the_log_in(client_a):
    for url in (LIST, f"{LIST}impor/", f"{LIST}ekspor/"):
        assert client_a.get(url).status_code == 302


# --- Isolation in the admin ---


def test_beta_admin_cannot_see_alphas_redirects(opd_a, opd_b, in_opd, client_b):
    with in_opd(opd_a):
        redirect = Redirect(pk=7001, old_path="/rahasia-alpha/", target="/berita/")
        redirect.full_clean()
        redirect.save()
    with in_opd(opd_b):
        client_b.force_login(make_operator("kepala-beta", role=roles.ADMIN_OPD))
    response = client_b.get(f"{LIST}7001/change/")
    assert response.status_code in (302, 404)
    assert "rahasia-alpha" not in response.content.decode()
    assert "rahasia-alpha" not in html_of(client_b.get(LIST))
    assert "rahasia-alpha" not in html_of(client_b.get(f"{LIST}ekspor/"))


# --- CSV ---


def test_csv_round_trip(admin_a, opd_a, opd_b, in_opd, client_b):
    with in_opd(opd_a):
        make_redirect("/?p=123", "/berita/banjir/")
        make_redirect("/tag/banjir/", "https://arsip.example.go.id/banjir?x=1,2")
        make_redirect("/sejarah/kota-lamá/", "/halaman/sejarah/")
    response = admin_a.get(f"{LIST}ekspor/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "pengalihan-alpha.csv" in response["Content-Disposition"]
    exported = response.content.decode("utf-8")
    assert exported.startswith("\ufeffalamat_lama,alamat_baru\r\n")
    assert '"https://arsip.example.go.id/banjir?x=1,2"' in exported
    # Into beta through beta's admin: the same redirects, answering on beta's host.
    with in_opd(opd_b):
        client_b.force_login(make_operator("kepala-beta", role=roles.ADMIN_OPD))
    exported_bytes = response.content
    assert client_b.get("/?p=123").status_code == 200  # beta's home: it knows no such address
    response = client_b.post(f"{LIST}impor/", {"file": csv_upload(exported_bytes)})
    assert response.status_code == 302
    with in_opd(opd_a):
        alpha = set(Redirect.objects.values_list("old_path", "target"))
    with in_opd(opd_b):
        beta = set(Redirect.objects.values_list("old_path", "target"))
        assert set(Redirect.objects.values_list("source", flat=True)) == {"import"}
    assert alpha == beta
    messages = html_of(client_b.get(LIST))
    assert "Impor selesai: 3 pengalihan baru, 0 diperbarui, 0 tidak berubah." in messages
    # The import retired beta's cached parameter names (redirects.home).
    assert client_b.get("/?p=123")["Location"] == "/berita/banjir/"


def test_csv_import_updates_existing_and_creates_new(admin_a, opd_a, in_opd):
    with in_opd(opd_a):
        make_redirect("/lama/", "/berita/a/")
        make_redirect("/tetap/", "/berita/t/")
    text = (
        "alamat_lama;alamat_baru\n"
        "/lama/;/berita/b/\n"
        "https://situs-lama.example/tetap/;/berita/t/\n"
        "\n"
        "/?p=5;/berita/lima/\n"
    )
    response = admin_a.post(f"{LIST}impor/", {"file": csv_upload(text)}, follow=True)
    assert "1 pengalihan baru, 1 diperbarui, 1 tidak berubah" in html_of(response)
    with in_opd(opd_a):
        assert dict(Redirect.objects.values_list("old_path", "target")) == {
            "/lama/": "/berita/b/",
            "/tetap/": "/berita/t/",
            "/?p=5": "/berita/lima/",
        }


def test_a_csv_with_bad_rows_saves_nothing_and_names_them(admin_a, opd_a, in_opd):
    with in_opd(opd_a):
        make_redirect("/lama/", "/berita/a/")
    text = (
        "alamat_lama,alamat_baru\n"
        "/lama/,/berita/b/\n"
        "/baik/,/berita/baik/\n"
        "/jahat/,javascript:alert(1)\n"
        "/sama/,/sama/\n"
        "/baik/,/berita/lagi/\n"
        "tanpa-garis,//evil.example/\n"
        "/tiga/,/kolom/,lebih\n"
    )
    html = html_of(admin_a.post(f"{LIST}impor/", {"file": csv_upload(text)}))
    assert "Tidak ada yang disimpan" in html
    assert "Baris 4: alamat baru: Alamat baru harus berupa" in html
    assert "Baris 5: alamat baru sama dengan alamat lama" in html
    assert "Baris 6: alamat lama /baik/ sudah ada di baris 3." in html
    assert "Baris 7: alamat lama:" in html and "Baris 7" in html
    assert "Baris 8: harus berisi dua kolom" in html
    with in_opd(opd_a):
        assert dict(Redirect.objects.values_list("old_path", "target")) == {"/lama/": "/berita/a/"}


def test_a_csv_making_a_loop_with_an_existing_redirect_is_refused(admin_a, opd_a, in_opd):
    with in_opd(opd_a):
        make_redirect("/a/", "/b/")
    html = html_of(
        admin_a.post(f"{LIST}impor/", {"file": csv_upload("alamat_lama,alamat_baru\n/b/,/a/\n")})
    )
    assert "Baris 2:" in html and "berputar" in html
    with in_opd(opd_a):
        assert Redirect.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("alamat_lama,alamat_baru\n/lamá/,/berita/\n".encode("latin-1"), "bukan teks UTF-8"),
        (b"\xff\xfe\x00a\x00l", "bukan teks UTF-8"),
        (b"", "Berkas CSV"),
        (b"alamat_lama,alamat_baru\n", "tidak berisi satu pun"),
        (b"old,new\n/a/,/b/\n", "Baris 1 harus berisi judul kolom"),
        (b"alamat_lama,alamat_baru\n/a\x00/,/b/\n", "NUL"),
        (b'alamat_lama,alamat_baru\n"/a/,/b/\n', "Baris"),
    ],
)
def test_unreadable_csv_files_get_a_clear_message(admin_a, opd_a, in_opd, data, message):
    html = html_of(admin_a.post(f"{LIST}impor/", {"file": csv_upload(data)}))
    assert message in html
    with in_opd(opd_a):
        assert not Redirect.objects.exists()


def test_a_csv_file_over_the_limit_is_refused(admin_a, monkeypatch):
    monkeypatch.setattr(services, "CSV_MAX_BYTES", 100)
    monkeypatch.setattr("redirects.forms.CSV_MAX_BYTES", 100)
    text = "alamat_lama,alamat_baru\n" + "".join(f"/a{n}/,/b/\n" for n in range(50))
    html = html_of(admin_a.post(f"{LIST}impor/", {"file": csv_upload(text)}))
    assert "Berkas terlalu besar" in html
    with pytest.raises(services.CsvImportError):
        services.import_csv(data=text.encode())


def test_the_export_is_safe_from_formula_injection(admin_a, opd_a, in_opd):
    with in_opd(opd_a):
        # Stored around the validation, as a later bug or a raw SQL import could.
        Redirect.objects.create(old_path="/a/", target='=HYPERLINK("https://evil")')
        Redirect.objects.create(old_path="/b/", target="@SUM(1)")
    exported = admin_a.get(f"{LIST}ekspor/").content.decode()
    assert "'=HYPERLINK" in exported and "'@SUM(1)" in exported
    assert "\n=" not in exported and ",=" not in exported and ",@" not in exported


def test_the_import_page_is_in_indonesian(admin_a):
    html = html_of(admin_a.get(f"{LIST}impor/"))
    assert "Impor pengalihan dari CSV" in html and "Berkas CSV" in html
    assert "alamat_lama" in html and "tidak ada yang disimpan" in html


def test_a_site_importer_adds_many_redirects_in_one_call(opd_a, in_opd):
    """What issue #19's WordPress import calls with the old links it found."""
    with in_opd(opd_a):
        make_redirect("/?p=1", "/berita/lama/")
        result = services.import_redirects(
            rows=[(1, "/?p=1", "/berita/satu/"), (2, "/?page_id=2", "/halaman/dua/")]
        )
        assert (result.created, result.updated, result.unchanged) == (1, 1, 0)
        assert Redirect.objects.get(old_path="/?p=1").source == Redirect.Source.MANUAL
        assert Redirect.objects.get(old_path="/?page_id=2").source == Redirect.Source.IMPORT
        with pytest.raises(services.CsvImportError) as error:
            services.import_redirects(rows=[(3, "/x/", "javascript:x")])
        assert error.value.problems[0].startswith("Baris 3:")
