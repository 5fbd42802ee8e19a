"""Backups round-trip an OPD: every row of every table and every file comes back.

pg_dump runs in its own process and only sees committed data, so these tests work outside the
usual rolled-back test transaction (never `transaction=True`, whose flush would wipe the public
tenant rows): they commit a dedicated OPD of their own and delete it, its copies and their files
at the end.
"""

import hashlib
import io
import secrets
import tarfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django_tenants.utils import schema_exists, tenant_context

from accounts.models import OperatorAccount
from backups.services import BackupError, backup_opd, delete_opd, read_manifest
from mainsite.models import PublishedItem
from news.models import Article, Tag
from pages.models import Page
from ppid import services as ppid_services
from ppid.models import InformationRequest, PublicInformation
from tenants.models import Domain, Opd
from tenants.services import create_opd
from tests.news.factories import image_bytes, make_article

SLUG = "arsip-uji"
COPY = "arsip-salinan"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def committed(django_db_setup, django_db_blocker, settings, tmp_path):
    """Database access without a test transaction; removes every OPD it was told about."""
    settings.BACKUP_DIR = tmp_path / "backups"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    slugs = [SLUG, COPY]
    with django_db_blocker.unblock():
        assert connection.settings_dict["NAME"].startswith("test_")
        try:
            yield slugs
        finally:
            connection.set_schema_to_public()
            for opd in Opd.objects.filter(slug__in=slugs):
                delete_opd(opd, confirm=opd.slug, backup=False)


def make_content():
    create_opd(
        name="Dinas Arsip Kota Uji",
        short_name="Arsip",
        kind=Opd.Kind.DINAS,
        slug=SLUG,
        admin_name="Admin Arsip",
        admin_email="admin@arsip.example.org",
        send_invitation=False,
    )
    opd = Opd.objects.get(slug=SLUG)
    opd.logo.save("logo.png", ContentFile(image_bytes("PNG")), save=True)
    with tenant_context(opd):
        editor_image = default_storage.save("editor/foto.jpg", ContentFile(image_bytes()))
        cover = SimpleUploadedFile("sampul.jpg", image_bytes(size=(1200, 800)))
        article = make_article(
            "Rapat koordinasi",
            cover=cover,
            body=f'<p>Isi</p><figure class="image"><img src="{default_storage.url(editor_image)}"'
            ' alt="Rapat"></figure>',
        )
        article.tags.add(Tag.objects.create(name="Banjir", slug="banjir"))
        make_article("Draf", status=Article.Status.DRAFT)
        Page.objects.create(title="Sejarah", slug="sejarah", body="<p>Sejarah dinas</p>")
        entry = PublicInformation(
            number="001",
            title="LKPJ",
            summary="Laporan",
            holder="Sekretariat",
            responsible_person="Sekretaris",
            produced_when="2025",
            produced_where="Kota Uji",
            retention_period="5 tahun",
            year=2025,
            category=PublicInformation.Category.PERIODIC,
        )
        entry.file.save("lkpj.pdf", ContentFile(PDF), save=False)
        entry.save()
        for number in range(3):
            ppid_services.submit_request(
                opd=opd,
                submission_token=secrets.token_urlsafe(24),
                applicant_name=f"Pemohon {number}",
                identity_type="nik",
                identity_number="3273011501900001",
                address="Jl. Merdeka 1",
                phone="081234567890",
                email=f"p{number}@example.org",
                occupation="Peneliti",
                information_requested="Anggaran 2025",
                purpose="Penelitian",
                obtain_method="salinan",
                delivery_method="email",
                id_scan=SimpleUploadedFile("ktp.pdf", PDF),
            )
    return opd, article


def table_rows(schema, *, rewrite=None):
    """Every row of every table of `schema`, sorted, with an optional text substitution."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = %s AND table_type = 'BASE TABLE' ORDER BY table_name",
            [schema],
        )
        tables = [name for (name,) in cursor.fetchall()]
        content = {}
        for table in tables:
            cursor.execute(f'SELECT * FROM "{schema}"."{table}"')
            rows = [
                tuple(
                    value.replace(*rewrite) if rewrite and isinstance(value, str) else value
                    for value in row
                )
                for row in cursor.fetchall()
            ]
            content[table] = sorted(rows, key=repr)
    return content


def file_hashes(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue().strip()


def test_an_opd_round_trips_through_backup_and_restore_as_a_new_opd(committed, settings):
    opd, article = make_content()
    archive = Path(run("backup_opd", SLUG))
    assert archive.parent == settings.BACKUP_DIR and archive.name.startswith(f"{SLUG}-")
    manifest = read_manifest(archive)
    assert manifest["schema"] == "arsip_uji" and manifest["opd"]["name"] == "Dinas Arsip Kota Uji"
    assert {"domain": "arsip-uji.localhost", "is_primary": True} in manifest["domains"]
    assert any(name.startswith("private/ppid/identitas/") for name in manifest["files"])

    assert "arsip-salinan" in run("restore_opd", str(archive), "--as", COPY)

    original = table_rows("arsip_uji", rewrite=("/media/arsip_uji/", "/media/arsip_salinan/"))
    copy = table_rows("arsip_salinan")
    assert (
        set(copy) == set(original) and "news_article" in copy and "ppid_informationrequest" in copy
    )
    for table in original:
        assert copy[table] == original[table], table
    assert sum(len(rows) for rows in copy.values()) > 100  # permissions, content types, content
    for root in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT):
        source, restored = file_hashes(root / "arsip_uji"), file_hashes(root / "arsip_salinan")
        assert restored == source and source

    copy_opd = Opd.objects.get(slug=COPY)
    assert copy_opd.name == "Dinas Arsip Kota Uji" and copy_opd.schema_name == "arsip_salinan"
    assert copy_opd.logo.name.startswith("arsip_salinan/identitas/")
    assert (settings.MEDIA_ROOT / copy_opd.logo.name).is_file()
    assert Domain.objects.get(tenant=copy_opd).domain == "arsip-salinan.localhost"
    assert OperatorAccount.objects.filter(opd=copy_opd, username="admin@arsip.example.org").exists()
    assert PublishedItem.objects.filter(opd=copy_opd, source_id=article.pk).exists()
    page = Client(HTTP_HOST="arsip-salinan.localhost").get(f"/berita/{article.slug}/")
    assert page.status_code == 200 and "/media/arsip_salinan/editor/" in page.content.decode()
    with tenant_context(copy_opd):
        numbers = list(InformationRequest.objects.order_by("sequence").values_list("sequence"))
    assert numbers == [(1,), (2,), (3,)]


def test_restoring_into_the_same_opd_needs_force_and_brings_the_content_back(committed):
    opd, article = make_content()
    archive = run("backup_opd", SLUG)
    before = table_rows("arsip_uji")
    with tenant_context(opd):
        Article.objects.filter(pk=article.pk).update(title="Diubah setelah cadangan")
        Page.objects.all().delete()
    connection.set_schema_to_public()

    with pytest.raises(CommandError, match="--force"):
        run("restore_opd", archive)
    run("restore_opd", archive, "--force")

    assert table_rows("arsip_uji") == before
    assert [s for s in _schemas() if s.startswith("arsip_uji")] == ["arsip_uji"]
    response = Client(HTTP_HOST="arsip-uji.localhost").get(f"/berita/{article.slug}/")
    assert "Rapat koordinasi" in response.content.decode()


def test_archive_then_delete_for_good_with_confirmation_then_restore(committed, settings):
    opd, article = make_content()
    assert "deactivated" in run("archive_opd", SLUG)
    assert Client(HTTP_HOST="arsip-uji.localhost").get("/").status_code == 503

    with pytest.raises(CommandError):
        run("delete_opd", SLUG, "--confirm", "salah")
    assert schema_exists("arsip_uji")

    output = run("delete_opd", SLUG, "--confirm", SLUG)
    final_backup = output.rsplit(" ", 1)[-1]
    assert not schema_exists("arsip_uji")
    assert not Opd.objects.filter(slug=SLUG).exists()
    assert not Domain.objects.filter(domain="arsip-uji.localhost").exists()
    assert not (settings.MEDIA_ROOT / "arsip_uji").exists()
    assert not (settings.PRIVATE_MEDIA_ROOT / "arsip_uji").exists()

    run("restore_opd", final_backup)
    restored = Opd.objects.get(slug=SLUG)
    assert restored.is_active is False  # it was archived: Kominfo reactivates it on purpose
    with tenant_context(restored):
        assert Article.objects.filter(pk=article.pk, title="Rapat koordinasi").exists()
    assert (settings.PRIVATE_MEDIA_ROOT / "arsip_uji" / "ppid" / "identitas").is_dir()


def test_backup_all_writes_one_archive_per_opd_and_keeps_the_newest(committed, settings):
    run("backup_all")
    output = run("backup_all", "--keep", "1")
    archives = sorted(path.name for path in settings.BACKUP_DIR.iterdir())
    slugs = set(Opd.objects.exclude(schema_name="public").values_list("slug", flat=True))
    assert {name.rsplit("-", 3)[0] for name in archives} == slugs
    assert len(archives) == len(slugs)
    assert "old removed" in output


def test_a_damaged_archive_is_refused(committed, tmp_path):
    archive = Path(run("backup_opd", "alpha"))
    damaged = tmp_path / "rusak.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "schema.dump":
                data = data[:-10] + b"0" * 10
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    with pytest.raises(CommandError, match="checksum"):
        run("restore_opd", str(damaged), "--as", COPY)
    assert not Opd.objects.filter(slug=COPY).exists()


@pytest.mark.django_db
def test_the_portal_itself_is_not_backed_up_as_an_opd(public_tenant):
    # (Also makes pytest-django set up the test database when this module runs alone.)
    with pytest.raises(BackupError):
        backup_opd(public_tenant)


def _schemas():
    with connection.cursor() as cursor:
        cursor.execute("SELECT nspname FROM pg_namespace ORDER BY nspname")
        return [name for (name,) in cursor.fetchall()]
