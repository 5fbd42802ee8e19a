"""manage.py import_wordpress: the operator's way in, and every bad input it refuses whole."""

import io
import tarfile
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from news.models import Article
from tenants.models import Opd
from wpimport import importer
from wpimport.archive import UploadsArchive, UploadsError

from .test_services import FIXTURE, counts

SPAM = (
    '<p>Rapat koordinasi penanggulangan banjir.</p><p><span style="font-size:0px">'
    '<a href="https://gacor88.example/">slot gacor maxwin</a></span></p>'
)


def zip_of(files: dict[str, bytes], path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def media_files(settings) -> list[Path]:
    return [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


def import_wordpress(*args) -> str:
    out = io.StringIO()
    call_command("import_wordpress", *map(str, args), stdout=out)
    return out.getvalue()


def test_the_command_imports_and_prints_the_report_in_indonesian(
    opd_a, in_opd, uploads_zip, settings
):
    output = import_wordpress(opd_a.slug, FIXTURE, "--uploads", uploads_zip)
    assert "Impor selesai." in output
    assert "artikel: 4 baru" in output
    assert "gambar: 1 baru" in output
    with in_opd(opd_a):
        assert Article.objects.filter(title__startswith="Pekan Imunisasi").exists()
    assert media_files(settings)


def test_the_dry_run_prints_the_plan_and_writes_nothing(opd_a, in_opd, uploads_zip, settings):
    with in_opd(opd_a):
        before = counts()
    output = import_wordpress(opd_a.slug, FIXTURE, "--uploads", uploads_zip, "--dry-run")
    assert "Uji coba" in output and "artikel: 4 baru" in output
    with in_opd(opd_a):
        assert counts() == before
    assert media_files(settings) == []


def test_a_missing_attachment_is_reported(opd_a):
    output = import_wordpress(opd_a.slug, FIXTURE, "--dry-run")
    assert "Berkas lampiran tidak ada: 2024/02/imunisasi.jpg" in output


def nothing_left(opd, in_opd, before, settings):
    with in_opd(opd):
        assert counts() == before
    assert media_files(settings) == []


@pytest.mark.parametrize(
    "data, message",
    [
        (b"Judul,Isi\nSatu,Dua\n", "bukan XML"),
        (FIXTURE.read_bytes()[:5000], "terpotong"),
        (
            b'<?xml version="1.0"?><rss version="2.0"><channel><title>B</title>'
            b"<item><title>Satu</title></item></channel></rss>",
            "bukan ekspor WordPress",
        ),
        (
            FIXTURE.read_bytes().replace(
                b"</wp:base_blog_url>",
                b"</wp:base_blog_url><wp:base_blog_url>https://lain.example</wp:base_blog_url>",
                1,
            ),
            "lebih dari satu situs",
        ),
    ],
    ids=["not-xml", "truncated", "plain-rss", "multisite"],
)
def test_a_bad_export_is_refused_whole(opd_a, in_opd, tmp_path, settings, data, message):
    with in_opd(opd_a):
        before = counts()
    export = tmp_path / "export.xml"
    export.write_bytes(data)
    with pytest.raises(CommandError, match=message):
        import_wordpress(opd_a.slug, export)
    nothing_left(opd_a, in_opd, before, settings)


def test_a_zip_slip_archive_is_refused_whole(opd_a, in_opd, tmp_path, settings):
    with in_opd(opd_a):
        before = counts()
    archive = zip_of(
        {"2024/02/imunisasi.jpg": b"x", "../../etc/cron.d/x": b"x"}, tmp_path / "u.zip"
    )
    with pytest.raises(CommandError, match="keluar dari foldernya"):
        import_wordpress(opd_a.slug, FIXTURE, "--uploads", archive)
    nothing_left(opd_a, in_opd, before, settings)


def test_a_symlink_in_a_tar_is_refused_whole(opd_a, in_opd, tmp_path, settings):
    with in_opd(opd_a):
        before = counts()
    path = tmp_path / "uploads.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        link = tarfile.TarInfo("uploads/2024/02/imunisasi.jpg")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        archive.addfile(link)
    with pytest.raises(CommandError, match="tautan simbolik"):
        import_wordpress(opd_a.slug, FIXTURE, "--uploads", path)
    nothing_left(opd_a, in_opd, before, settings)


def test_an_absolute_path_and_too_many_files_are_refused(tmp_path):
    archive = zip_of({"/etc/passwd": b"x"}, tmp_path / "abs.zip")
    with pytest.raises(UploadsError, match="jalur mutlak"):
        UploadsArchive(archive)
    many = zip_of({f"2024/01/{n}.jpg": b"x" for n in range(5)}, tmp_path / "many.zip")
    with pytest.raises(UploadsError, match="lebih dari 3 berkas"):
        UploadsArchive(many, max_files=3)
    big = zip_of({"2024/01/a.pdf": b"0" * 5000}, tmp_path / "big.zip")
    with pytest.raises(UploadsError, match="melebihi"):
        UploadsArchive(big, max_total_bytes=1000)


def test_a_tar_gz_archive_maps_files_by_their_uploads_path(tmp_path):
    path = tmp_path / "uploads.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        info = tarfile.TarInfo("wp-content/uploads/2024/01/SK-Kadis-2024.pdf")
        info.size = 4
        archive.addfile(info, io.BytesIO(b"%PDF"))
    with UploadsArchive(path) as uploads_archive:
        assert dict(uploads_archive) == {"2024/01/SK-Kadis-2024.pdf": b"%PDF"}


def test_a_deactivated_opd_is_refused(opd_a, in_opd, settings):
    Opd.objects.filter(pk=opd_a.pk).update(is_active=False)
    with in_opd(opd_a):
        before = counts()
    with pytest.raises(CommandError, match="dinonaktifkan"):
        import_wordpress(opd_a.slug, FIXTURE)
    nothing_left(opd_a, in_opd, before, settings)


def test_a_failure_halfway_leaves_no_rows_and_no_files(
    opd_a, in_opd, uploads_zip, settings, monkeypatch
):
    def fail(self):
        raise RuntimeError("disk full")

    monkeypatch.setattr(importer.Importer, "_redirects", fail)
    with in_opd(opd_a):
        before = counts()
    with pytest.raises(RuntimeError):
        import_wordpress(opd_a.slug, FIXTURE, "--uploads", uploads_zip)
    nothing_left(opd_a, in_opd, before, settings)


def test_a_spam_post_is_held_and_reported_not_published(opd_a, in_opd, tmp_path):
    data = FIXTURE.read_text()
    start = data.index("<content:encoded>", data.index("Pekan Imunisasi Nasional di Puskesmas"))
    end = data.index("</content:encoded>", start)
    data = data[:start] + f"<content:encoded><![CDATA[{SPAM}]]>" + data[end:]
    export = tmp_path / "spam.xml"
    export.write_text(data)
    planned = import_wordpress(opd_a.slug, export, "--dry-run")
    assert "Ditahan penjaga konten" in planned
    output = import_wordpress(opd_a.slug, export)
    assert "Ditahan penjaga konten" in output
    assert "Pekan Imunisasi Nasional di Puskesmas Sukamaju" in output
    with in_opd(opd_a):
        article = Article.objects.get(title__startswith="Pekan Imunisasi")
        assert article.status == Article.Status.DRAFT


def test_a_tar_gz_archive_is_read_in_any_order_and_a_bomb_is_refused(tmp_path):
    path = tmp_path / "uploads.tar.gz"
    files = {f"wp-content/uploads/2024/01/{n}.jpg": bytes([n]) * 1000 for n in range(5)}
    with tarfile.open(path, "w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    with UploadsArchive(path) as uploads_archive:
        assert [uploads_archive[f"2024/01/{n}.jpg"][0] for n in (4, 0, 3, 1)] == [4, 0, 3, 1]
    with pytest.raises(UploadsError, match="melebihi"):
        UploadsArchive(path, max_total_bytes=100, max_files=1)
