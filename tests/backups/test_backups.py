"""Backups round-trip an OPD: every row of every table and every file comes back.

pg_dump runs in its own process and only sees committed data, so these tests work outside the
usual rolled-back test transaction (never `transaction=True`, whose flush would wipe the public
tenant rows): they commit a dedicated OPD of their own and delete it, its copies and their files
at the end. Each runs with files and archives on local disk and on a real S3 server.
"""

import gzip
import io
import json
import os
import secrets
import tarfile
import zlib

import pytest
from cryptography.fernet import Fernet
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django_tenants.utils import schema_exists, tenant_context

from accounts.models import OperatorAccount
from backups import encryption
from backups.models import RestoreDrill
from backups.services import DRILL_PREFIX, BackupError, backup_opd, delete_opd, read_manifest
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


KEY = Fernet.generate_key().decode()


@pytest.fixture
def committed(django_db_setup, django_db_blocker, settings, storage_backend):
    """Database access without a test transaction; removes every OPD it was told about."""
    settings.BACKUP_ENCRYPTION_KEY = KEY
    slugs = [SLUG, COPY]
    with django_db_blocker.unblock():
        assert connection.settings_dict["NAME"].startswith("test_")
        try:
            yield storage_backend
        finally:
            connection.set_schema_to_public()
            for opd in Opd.objects.filter(slug__in=slugs):
                delete_opd(opd, confirm=opd.slug, backup=False)
            RestoreDrill.objects.filter(slug__in=slugs).delete()


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


def files_of(backend, schema, area) -> dict[str, bytes]:
    """The schema's files in `area`, named relative to its folder."""
    prefix = f"{schema}/"
    return {name[len(prefix) :]: data for name, data in backend.files(area, prefix).items()}


def decrypted(data: bytes, key: str = KEY) -> bytes:
    plain = io.BytesIO()
    encryption.decrypt(io.BytesIO(data), plain, encryption.fernet_from(key))
    return plain.getvalue()


def encrypted(data: bytes, key: str = KEY) -> bytes:
    target = io.BytesIO()
    encryption.encrypt(io.BytesIO(data), target, encryption.fernet_from(key))
    return target.getvalue()


def rewrite_archive(data: bytes, change) -> bytes:
    """The archive re-encrypted after `change(name, bytes) -> bytes` ran on every member."""
    source, target = io.BytesIO(decrypted(data)), io.BytesIO()
    with (
        tarfile.open(fileobj=source, mode="r:gz") as old,
        tarfile.open(fileobj=target, mode="w:gz") as new,
    ):
        for member in old.getmembers():
            content = change(member.name, old.extractfile(member).read())
            member.size = len(content)
            new.addfile(member, io.BytesIO(content))
    return encrypted(target.getvalue())


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue().strip()


def test_an_opd_round_trips_through_backup_and_restore_as_a_new_opd(committed):
    opd, article = make_content()
    archive = run("backup_opd", SLUG)
    assert archive.startswith(f"{SLUG}/{SLUG}-") and archive.endswith(".tar.gz.enc")
    stored = committed.files("backups")[archive]
    # Encrypted at rest: neither a tar nor a gzip stream, no readable name or dump inside.
    with pytest.raises(tarfile.ReadError), tarfile.open(fileobj=io.BytesIO(stored)):
        pass
    with pytest.raises((OSError, zlib.error)):
        gzip.decompress(stored)
    assert b"manifest.json" not in stored and b"PGDMP" not in stored
    assert stored.startswith(encryption.MAGIC)
    manifest = read_manifest(archive)
    assert manifest["schema"] == "arsip_uji" and manifest["opd"]["name"] == "Dinas Arsip Kota Uji"
    assert {"domain": "arsip-uji.localhost", "is_primary": True} in manifest["domains"]
    assert any(name.startswith("private/ppid/identitas/") for name in manifest["files"])

    assert "arsip-salinan" in run("restore_opd", str(archive), "--as", COPY)

    old_url, new_url = committed.public_url("arsip_uji/"), committed.public_url("arsip_salinan/")
    original = table_rows("arsip_uji", rewrite=(old_url, new_url))
    copy = table_rows("arsip_salinan")
    assert (
        set(copy) == set(original) and "news_article" in copy and "ppid_informationrequest" in copy
    )
    for table in original:
        assert copy[table] == original[table], table
    assert sum(len(rows) for rows in copy.values()) > 100  # permissions, content types, content
    assert manifest["tables"]["news_article"] == 2
    for area in ("media", "private"):
        source = files_of(committed, "arsip_uji", area)
        assert files_of(committed, "arsip_salinan", area) == source and source

    copy_opd = Opd.objects.get(slug=COPY)
    assert copy_opd.name == "Dinas Arsip Kota Uji" and copy_opd.schema_name == "arsip_salinan"
    assert copy_opd.logo.name.startswith("arsip_salinan/identitas/")
    assert copy_opd.logo.name in committed.files()
    assert Domain.objects.get(tenant=copy_opd).domain == "arsip-salinan.localhost"
    assert OperatorAccount.objects.filter(opd=copy_opd, username="admin@arsip.example.org").exists()
    assert PublishedItem.objects.filter(opd=copy_opd, source_id=article.pk).exists()
    page = Client(HTTP_HOST="arsip-salinan.localhost").get(f"/berita/{article.slug}/")
    assert page.status_code == 200 and f"{new_url}editor/" in page.content.decode()
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


def test_archive_then_delete_for_good_with_confirmation_then_restore(committed):
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
    assert files_of(committed, "arsip_uji", "media") == {}
    assert files_of(committed, "arsip_uji", "private") == {}

    run("restore_opd", final_backup)
    restored = Opd.objects.get(slug=SLUG)
    assert restored.is_active is False  # it was archived: Kominfo reactivates it on purpose
    with tenant_context(restored):
        assert Article.objects.filter(pk=article.pk, title="Rapat koordinasi").exists()
    assert any(
        name.startswith("ppid/identitas/") for name in files_of(committed, "arsip_uji", "private")
    )


def test_backup_all_writes_one_archive_per_opd_and_keeps_backup_keep_generations(
    committed, settings
):
    settings.BACKUP_KEEP = 2
    outputs = [run("backup_all") for _ in range(3)]
    archives = sorted(committed.files("backups"))
    slugs = set(Opd.objects.exclude(schema_name="public").values_list("slug", flat=True))
    assert {name.split("/")[0] for name in archives} == slugs
    assert len(archives) == 2 * len(slugs)
    newest = sorted(
        line.split(": ")[1].split(" ")[0] for out in outputs[1:] for line in out.splitlines()
    )
    assert archives == newest
    assert "1 old removed" in outputs[2]


def test_a_damaged_or_tampered_archive_is_refused(committed):
    archive = run("backup_opd", "alpha")
    stored = committed.files("backups")[archive]
    flipped = bytearray(stored)
    flipped[len(stored) // 2] ^= 1
    cut_short = stored[: len(stored) - 10]

    def damage_dump(name, data):
        return data[:-10] + b"0" * 10 if name == "schema.dump" else data

    for name, data, message in (
        ("alpha/alpha-20000101-000000-000001.tar.gz.enc", bytes(flipped), "decrypted"),
        ("alpha/alpha-20000101-000000-000002.tar.gz.enc", cut_short, "cut short|decrypted"),
        ("alpha/alpha-20000101-000000-000003.tar.gz.enc", rewrite_archive(stored, damage_dump),
         "checksum"),
    ):  # fmt: skip
        committed.write(name, data, area="backups")
        with pytest.raises(CommandError, match=message):
            run("restore_opd", name, "--as", COPY)
        assert not Opd.objects.filter(slug=COPY).exists()


def test_an_archive_needs_its_key_and_keys_can_be_rotated(committed, settings):
    archive = run("backup_opd", "alpha")
    settings.BACKUP_ENCRYPTION_KEY = Fernet.generate_key().decode()
    with pytest.raises(CommandError, match="wrong BACKUP_ENCRYPTION_KEY"):
        run("restore_opd", archive, "--as", COPY)
    settings.BACKUP_ENCRYPTION_KEY = f"{settings.BACKUP_ENCRYPTION_KEY},{KEY}"
    assert read_manifest(archive)["slug"] == "alpha"


@pytest.mark.parametrize("storage_backend", ["disk"], indirect=True)
def test_a_backup_without_a_key_refuses_to_start_in_production(committed, settings):
    settings.BACKUP_ENCRYPTION_KEY = ""
    settings.DEBUG = False
    for command in (("backup_opd", "alpha"), ("backup_all",)):
        with pytest.raises(CommandError, match="BACKUP_ENCRYPTION_KEY is not set"):
            run(*command)
    assert committed.files("backups") == {}


@pytest.mark.parametrize("storage_backend", ["disk"], indirect=True)
def test_development_makes_its_own_key_once_under_var(committed, settings, tmp_path):
    settings.BACKUP_ENCRYPTION_KEY = ""
    settings.DEBUG = True
    settings.BACKUP_DEV_KEY_FILE = tmp_path / "var" / "backup-dev.key"
    archive = run("backup_opd", "alpha")
    key = settings.BACKUP_DEV_KEY_FILE.read_bytes()
    assert os.stat(settings.BACKUP_DEV_KEY_FILE).st_mode & 0o777 == 0o600
    assert read_manifest(archive)["slug"] == "alpha"
    assert settings.BACKUP_DEV_KEY_FILE.read_bytes() == key


def test_a_restore_drill_passes_and_leaves_no_trace_and_the_real_opd_untouched(committed):
    opd, article = make_content()
    run("backup_opd", SLUG)
    rows, media = table_rows("arsip_uji"), files_of(committed, "arsip_uji", "media")
    private = files_of(committed, "arsip_uji", "private")

    output = run("restore_drill", SLUG)

    assert output.startswith(f"{SLUG}: ok in ") and " s (" in output
    drill = RestoreDrill.objects.get(slug=SLUG)
    assert drill.ok and drill.opd == opd and drill.details == "" and drill.duration_seconds > 0
    assert drill.archive.startswith(f"{SLUG}/")
    assert not Opd.objects.filter(slug__startswith=DRILL_PREFIX).exists()
    assert not [s for s in _schemas() if s.startswith("uji_pulih")]
    assert not [n for n in committed.files() if n.startswith("uji_pulih")]
    assert not [n for n in committed.files("private") if n.startswith("uji_pulih")]
    assert not PublishedItem.objects.filter(opd__slug__startswith=DRILL_PREFIX).exists()
    assert table_rows("arsip_uji") == rows
    assert files_of(committed, "arsip_uji", "media") == media
    assert files_of(committed, "arsip_uji", "private") == private
    response = Client(HTTP_HOST="arsip-uji.localhost").get(f"/berita/{article.slug}/")
    assert response.status_code == 200


def test_a_restore_drill_reports_a_tampered_archive(committed):
    make_content()
    archive = run("backup_opd", SLUG)
    stored = committed.files("backups")[archive]
    manifest = read_manifest(archive)
    cover = next(n for n in manifest["files"] if n.startswith("media/berita/sampul/"))

    def other_cover(name, data):
        return data + b"tambahan" if name == cover else data

    def fewer_rows(name, data):
        if name != "manifest.json":
            return data
        changed = json.loads(data)
        changed["tables"]["news_article"] = 99
        return json.dumps(changed).encode()

    for step, (change, expected) in enumerate(
        ((other_cover, "checksum"), (fewer_rows, "Tabel news_article: 99 baris di arsip, 2"))
    ):
        newer = f"{SLUG}/{SLUG}-2099010{step + 1}-000000-000000.tar.gz.enc"
        committed.write(newer, rewrite_archive(stored, change), area="backups")
        with pytest.raises(CommandError, match="Restore drill failed"):
            run("restore_drill", SLUG)
        drill = RestoreDrill.objects.filter(slug=SLUG).first()
        assert not drill.ok and expected in drill.details and drill.archive == newer
        assert not Opd.objects.filter(slug__startswith=DRILL_PREFIX).exists()
        assert not [s for s in _schemas() if s.startswith("uji_pulih")]
        assert not [n for n in committed.files() if n.startswith("uji_pulih")]


@pytest.mark.django_db
def test_the_portal_itself_is_not_backed_up_as_an_opd(public_tenant):
    # (Also makes pytest-django set up the test database when this module runs alone.)
    with pytest.raises(BackupError):
        backup_opd(public_tenant)


def _schemas():
    with connection.cursor() as cursor:
        cursor.execute("SELECT nspname FROM pg_namespace ORDER BY nspname")
        return [name for (name,) in cursor.fetchall()]
