"""The OPD admin's Skor Keterbukaan page: who may, answers with evidence, the evidence pack,
and isolation between OPDs."""

import io
import zipfile

import pytest
from django.contrib.messages import get_messages

from accounts import roles
from audit.models import AuditEvent
from openness.models import Answer, Evidence, ScoreSnapshot
from tests.factories import make_operator
from tests.openness.conftest import EXE_BYTES, PDF_BYTES, pdf

pytestmark = pytest.mark.django_db
PAGE = "/admin/keterbukaan/"


def answer(client, key="sk_ppid", value="ya", note="SK Kepala Dinas No. 1/2026", upload=None):
    data = {f"{key}-value": value, f"{key}-note": note}
    if upload is not None:
        data[f"{key}-evidence"] = upload
    return client.post(f"/admin/keterbukaan/jawab/{key}/", data)


def stored_files(root):
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_who_may_open_the_page(opd_a, in_opd, client_a, admin_a):
    assert admin_a.get(PAGE).status_code == 200
    with in_opd(opd_a):
        writer = make_operator("berita", role=roles.OPERATOR_BERITA)
    client_a.force_login(writer)
    assert client_a.get(PAGE).status_code == 403
    assert client_a.get("/admin/keterbukaan/paket-bukti/").status_code == 403
    assert answer(client_a).status_code == 403
    client_a.logout()
    assert client_a.get(PAGE).status_code == 302  # to the log-in


def test_page_shows_score_band_groups_and_stores_the_snapshot(
    opd_a, ppid_a, django_assert_max_num_queries
):
    with django_assert_max_num_queries(55):
        response = ppid_a.get(PAGE)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Skor penilaian mandiri" in body
    assert "Tidak Informatif" in body
    assert "Yang perlu dilakukan berikutnya" in body
    assert "Jenis informasi" in body and "Digitalisasi dan inovasi" in body
    assert "Unduh paket bukti" in body
    snapshot = ScoreSnapshot.objects.get(opd=opd_a)
    assert snapshot.score == response.context["assessment"].score
    # The Petugas PPID may fix the DIP: the measured DIP item links to it.
    assert "/admin/ppid/publicinformation/add/" in body
    # Answers and evidence do not add queries.
    for key in ("sk_ppid", "sop_ppid", "anggaran"):
        answer(ppid_a, key=key, upload=pdf())
        answer(ppid_a, key=key, upload=pdf("kedua.pdf"))
    with django_assert_max_num_queries(55):
        assert ppid_a.get(PAGE).status_code == 200


def test_answer_with_evidence_counts_and_is_stored_privately(opd_a, ppid_a, private_media_root):
    before = ppid_a.get(PAGE).context["assessment"].score
    response = answer(ppid_a, upload=pdf())
    assert response.status_code == 302
    saved = Answer.objects.get(opd=opd_a, indicator="sk_ppid")
    assert (saved.value, saved.answered_by) == ("ya", "ppid-alpha")
    document = Evidence.objects.get(opd=opd_a)
    assert document.original_filename == "sk-ppid.pdf"
    assert document.file.name.startswith("keterbukaan/bukti/")
    assert "sk-ppid" not in document.file.name  # a generated name
    files = stored_files(private_media_root)
    assert [f.relative_to(private_media_root).parts[0] for f in files] == [opd_a.schema_name]
    assert files[0].read_bytes() == PDF_BYTES
    after = ppid_a.get(PAGE).context["assessment"].score
    assert after - before == 3  # the indicator's full weight
    assert ScoreSnapshot.objects.get(opd=opd_a).score == after
    # The audit log of the OPD records the answer and the upload.
    events = AuditEvent.objects.filter(opd=opd_a, object_type__startswith="openness.")
    assert {(e.action, e.object_type) for e in events} == {
        ("create", "openness.Answer"),
        ("create", "openness.Evidence"),
    }
    download = ppid_a.get(f"/admin/keterbukaan/bukti/{document.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES


def test_an_answer_without_evidence_is_saved_but_not_counted(opd_a, ppid_a):
    before = ppid_a.get(PAGE).context["assessment"].score
    assert answer(ppid_a).status_code == 302
    page = ppid_a.get(PAGE)
    assert page.context["assessment"].score == before
    assert "Belum dihitung: unggah dokumen bukti" in page.content.decode()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (pdf("bukti.pdf", EXE_BYTES), "Jenis berkas tidak diizinkan"),
        (pdf("bukti.exe", EXE_BYTES), "Jenis berkas tidak diizinkan"),
        (pdf("kosong.pdf", b""), "kosong"),
    ],
)
def test_bad_evidence_is_refused_and_nothing_is_saved(
    opd_a, ppid_a, private_media_root, upload, message
):
    response = answer(ppid_a, upload=upload)
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert "belum tersimpan" in body
    assert not Answer.objects.filter(opd=opd_a).exists()
    assert not Evidence.objects.exists()
    assert stored_files(private_media_root) == []


def test_too_big_evidence_is_refused(opd_a, ppid_a, settings, private_media_root):
    settings.OPENNESS_EVIDENCE_MAX_MB = 1
    big = PDF_BYTES + b"%" + b"x" * (1024 * 1024 + 10) + b"\n"
    response = answer(ppid_a, upload=pdf("besar.pdf", big))
    assert response.status_code == 400
    assert "melebihi batas 1 MB" in response.content.decode()
    assert not Answer.objects.exists() and not Evidence.objects.exists()
    assert stored_files(private_media_root) == []


def test_bad_value_and_unknown_indicator(opd_a, ppid_a):
    assert answer(ppid_a, value="mungkin").status_code == 400
    # A measured indicator cannot be answered by hand, nor a made-up one.
    assert answer(ppid_a, key="dip_kategori").status_code == 404
    assert answer(ppid_a, key="tidak-ada").status_code == 404
    assert not Answer.objects.exists()


def test_evidence_pack_zip(opd_a, ppid_a):
    answer(ppid_a, upload=pdf("SK PPID 2026 (final).pdf"))
    answer(ppid_a, key="meja_layanan", value="sebagian", upload=pdf("foto-meja.pdf"))
    response = ppid_a.get("/admin/keterbukaan/paket-bukti/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "paket-bukti-keterbukaan-alpha-" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(archive.namelist())
    assert names == {
        "BACA-SAYA.txt",
        "ringkasan.html",
        "ringkasan.csv",
        "bukti/sk_ppid/01-SK-PPID-2026-final.pdf",
        "bukti/meja_layanan/01-foto-meja.pdf",
    }
    assert archive.read("bukti/sk_ppid/01-SK-PPID-2026-final.pdf") == PDF_BYTES
    readme = archive.read("BACA-SAYA.txt").decode()
    assert "Dinas Alpha" in readme and "bukan nilai resmi" in readme
    csv_text = archive.read("ringkasan.csv").decode("utf-8-sig")
    assert "PPID Pelaksana ditetapkan dengan surat keputusan" in csv_text
    assert "bukti/sk_ppid/01-SK-PPID-2026-final.pdf" in csv_text
    html = archive.read("ringkasan.html").decode()
    assert 'href="bukti/meja_layanan/01-foto-meja.pdf"' in html


def test_one_opd_never_reaches_another_opds_answers_or_evidence(
    opd_a, opd_b, ppid_a, ppid_b, private_media_root
):
    answer(ppid_a, upload=pdf())
    document = Evidence.objects.get(opd=opd_a)
    # By ID, from OPD beta's admin: nothing.
    assert ppid_b.get(f"/admin/keterbukaan/bukti/{document.pk}/").status_code == 404
    assert ppid_b.post(f"/admin/keterbukaan/bukti/{document.pk}/hapus/").status_code == 404
    assert Evidence.objects.filter(pk=document.pk).exists()
    # Beta's page shows none of alpha's answers; beta's answer is beta's own.
    page = ppid_b.get(PAGE)
    assert "sk-ppid.pdf" not in page.content.decode()
    answer(ppid_b, value="tidak", note="Belum ada SK")
    assert Answer.objects.get(opd=opd_a, indicator="sk_ppid").value == "ya"
    assert Answer.objects.get(opd=opd_b, indicator="sk_ppid").value == "tidak"
    pack = zipfile.ZipFile(io.BytesIO(ppid_b.get("/admin/keterbukaan/paket-bukti/").content))
    assert not [name for name in pack.namelist() if name.startswith("bukti/")]
    # Alpha's session does not open beta's admin.
    ppid_a.defaults["HTTP_HOST"] = "beta.localhost"
    assert ppid_a.get(PAGE).status_code in (302, 403)


def test_owner_deletes_evidence_and_its_file(
    opd_a, ppid_a, private_media_root, django_capture_on_commit_callbacks
):
    answer(ppid_a, upload=pdf())
    document = Evidence.objects.get(opd=opd_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = ppid_a.post(f"/admin/keterbukaan/bukti/{document.pk}/hapus/")
    assert response.status_code == 302
    assert not Evidence.objects.exists()
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert "Dokumen bukti dihapus." in messages
    assert stored_files(private_media_root) == []
    assert AuditEvent.objects.filter(opd=opd_a, action="delete", object_type="openness.Evidence")
