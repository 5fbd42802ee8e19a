"""Every admin page an operator or Kominfo can reach reads in Indonesian.

Each role logs in and the test follows every link within /admin/ from the index: app indexes,
changelists, add forms, change forms (a few objects of each model, made by the demo seed and
below), history and delete confirmations, and the custom views the index links to. On every
page the text a person reads (title, text, labels, button values, placeholders, tooltips,
option texts; not scripts, styles or what the operator typed into inputs) must contain no word
of an English admin vocabulary and no `app_label.Model` name.
"""

import re
import secrets
from collections import defaultdict
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from axes.models import AccessAttempt, AccessLog
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.utils import timezone

from accounts import roles
from audit.models import AuditEvent
from backups.models import RestoreDrill
from banners.models import EmergencyBanner
from console.models import ActivityLevel, ActivityReminder
from core import registry
from demo.catalogue import DEMO_OPDS
from guard.models import AllowedLinkDomain, ContentHold
from library import services as library_services
from news.models import Tag
from ppid import services as ppid_services
from ppid.models import InformationRequest, Objection
from redirects.models import Redirect
from tests.factories import login_console, make_operator
from tests.news.factories import image_bytes, uploaded
from tests.pemda.helpers import make_identity
from workdays.models import LocalHoliday
from wpimport.models import ImportRun

ENGLISH_WORDS = {
    "add",
    "change",
    "delete",
    "save",
    "search",
    "history",
    "filter",
    "by",
    "all",
    "yes",
    "no",
    "choose",
    "remove",
    "locked",
    "out",
    "path",
    "original",
    "name",
    "filename",
    "schema",
    "primary",
    "get",
    "full",
    "attempt",
    "attempts",
    "access",
    "log",
    "logs",
    "group",
    "groups",
    "permission",
    "permissions",
    "user",
    "users",
    "task",
    "job",
    "jobs",
    "queue",
    "worker",
    "view",
    "site",
    "administration",
    "action",
    "actions",
    "selected",
    "select",
    "show",
    "hide",
    "date",
    "time",
    "today",
    "now",
    "clear",
    "go",
    "home",
    "password",
    "username",
    "first",
    "last",
    "login",
    "logout",
    "welcome",
    "documentation",
    "content",
    "type",
    "object",
    "axes",
    "failures",
    "since",
    "is",
    "the",
    "of",
    "and",
    "to",
    "or",
    "on",
    "in",
    "with",
    "please",
    "correct",
    "error",
    "errors",
    "below",
    "field",
    "required",
    "active",
    "staff",
    "superuser",
    "device",
    "devices",
    "confirmed",
    "key",
    "created",
    "modified",
    "updated",
    "events",
    "event",
    "lockout",
    "args",
    "summary",
    "periodic",
    "defer",
    "lock",
}
WORD = re.compile(r"[A-Za-z]+")
# A model's label as Django writes it (``pages.Page``) or in lower case (``pages.page``).
MODEL_LABELS = re.compile(
    "|".join(
        rf"\b{re.escape(model._meta.app_label)}\.{re.escape(name)}\b"
        for model in apps.get_models()
        for name in {model.__name__, model._meta.model_name}
    )
)
# Not in the list, though English admins use it too: "status", which is Indonesian (KBBI:
# "keadaan atau kedudukan"), the word Indonesian offices write for it ("Status permohonan").
TEXT_ATTRIBUTES = ("title", "placeholder", "alt", "aria-label", "data-label")
BUTTON_TYPES = {"submit", "button", "reset"}
OBJECTS_PER_MODEL = 2
NOT_FOLLOWED = ("/admin/logout/", "/admin/jsi18n/", "/admin/r/", "/admin/autocomplete/")


class VisibleText(HTMLParser):
    """The text of a page as a person reads it, without what is marked as no language at all
    (`translate="no"`: a two-factor secret, whose random letters may spell "ON")."""

    SKIPPED = {"script", "style", "template", "textarea"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []
        self._skipping = 0
        self._skipped_tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.SKIPPED or attrs.get("translate") == "no":
            self._skipping += 1
            self._skipped_tags.append(tag)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        self.parts.extend(attrs[name] for name in TEXT_ATTRIBUTES if attrs.get(name))
        if tag == "input" and attrs.get("type") in BUTTON_TYPES and attrs.get("value"):
            self.parts.append(attrs["value"])

    def handle_endtag(self, tag):
        if self._skipped_tags and tag == self._skipped_tags[-1]:
            self._skipped_tags.pop()
            self._skipping -= 1

    def handle_data(self, data):
        if not self._skipping and data.strip():
            self.parts.append(data)


# Host names, e-mail and web addresses are data, not wording ("serangkota.go.id"), and so is a
# street number ("Jl. Kitapa No. 1", Indonesian for "nomor").
ADDRESS = re.compile(r"\S+@\S+|\S+\.\S*[a-z]\S*|\bNo\. ?\d+")


def english_on(text: str) -> set[str]:
    found = set(MODEL_LABELS.findall(text))
    words = WORD.findall(ADDRESS.sub(" ", MODEL_LABELS.sub(" ", text)))
    return found | {word for word in words if word.lower() in ENGLISH_WORDS}


def in_context(text: str, word: str) -> str:
    """`word` with a little of the text around it, for the failure message."""
    at = re.search(rf"\b{re.escape(word)}\b", text)
    start = at.start() if at else 0
    return f"{word} («{' '.join(text[max(0, start - 30) : start + 40].split())}»)"


def object_key(path: str) -> str | None:
    """`/admin/news/article/` for `/admin/news/article/7/change/` and its history and delete."""
    match = re.match(r"^(/admin/[a-z_]+/[a-z_]+/)[^/]+/(change|history|delete)/$", path)
    return match.group(1) if match else None


def crawl(client, start="/admin/"):
    """{url: {English words}} for every admin page reachable from `start`, and the paths seen."""
    queue, seen, findings = [start], {start}, {}
    objects_seen = defaultdict(set)
    while queue:
        url = queue.pop(0)
        response = client.get(url, follow=True)
        # 403: a link the page offered before an earlier visit changed what is allowed (the
        # console's activity settings: adding one is refused once the first exists).
        if response.status_code == 403:
            continue
        assert response.status_code == 200, (url, response.status_code)
        if not response["Content-Type"].startswith("text/html"):
            continue
        parser = VisibleText()
        parser.feed(response.content.decode())
        text = " ".join(parser.parts)
        words = english_on(text)
        if words:
            findings[url] = sorted(in_context(text, word) for word in words)
        for href in parser.links:
            target = urlsplit(urljoin(url, href))
            path = target.path
            if target.netloc or not path.startswith("/admin/") or path.startswith(NOT_FOLLOWED):
                continue
            if path in seen:
                continue
            key = object_key(path)
            if key is not None:
                pk = path[len(key) :].split("/")[0]
                if pk not in objects_seen[key] and len(objects_seen[key]) >= OBJECTS_PER_MODEL:
                    continue
                objects_seen[key].add(pk)
            seen.add(path)
            queue.append(path)
    return findings, seen


def change_forms_missing(site, seen, user) -> list[str]:
    """Models of `site` the user may view whose change form the crawl never reached."""
    missing = []
    for model, model_admin in site._registry.items():
        if not model_admin.has_view_permission(_request_for(user)):
            continue
        prefix = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        singleton = getattr(model_admin, "changelist_view", None)
        if not any(path.startswith(prefix) and path.endswith("/change/") for path in seen):
            missing.append(prefix)
        del singleton
    return missing


def _request_for(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def assert_indonesian(findings, missing):
    assert not findings, "English or app.Model text on admin pages:\n" + "\n".join(
        f"  {url}: {', '.join(words)}" for url, words in sorted(findings.items())
    )
    assert not missing, f"no change form reached for: {missing}"


MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
)


@pytest.fixture
def seeded_opd_a(opd_a, in_opd, media_root):
    with in_opd(opd_a):
        for app in registry.content_apps():
            if app.seed_demo is not None:
                app.seed_demo(DEMO_OPDS[0])
        make_operator("tamu", first_name="Sari", last_name="Wulan", role=roles.OPERATOR_BERITA)
        Tag.objects.create(name="Banjir", slug="banjir")
        library_services.add_image(
            upload=uploaded("posko.jpg", image_bytes(size=(400, 300))),
            alt_text="Posko pengungsian banjir",
        )
        library_services.add_document(
            upload=uploaded("laporan.pdf", MINIMAL_PDF, "application/pdf"),
            title="Laporan kegiatan 2026",
        )
        petugas = make_operator("petugas-uji", role=roles.PETUGAS_PPID)
        submission = ppid_services.submit_request(
            opd=opd_a,
            submission_token=secrets.token_urlsafe(24),
            applicant_name="Budi Santoso",
            identity_type="nik",
            identity_number="3273011501900001",
            address="Jl. Merdeka 1, Kota Uji",
            phone="081234567890",
            email="budi@contoh.id",
            occupation="Peneliti",
            information_requested="Laporan realisasi anggaran tahun 2025",
            purpose="Bahan penelitian",
            obtain_method="salinan",
            delivery_method="email",
        )
        answered = ppid_services.respond_to_request(
            opd=opd_a,
            request=submission.record,
            by=petugas,
            decision=InformationRequest.Status.GRANTED,
            notice="Informasi kami kirim lewat surel.",
        )
        ppid_services.file_objection(
            opd=opd_a,
            request=answered,
            ground=Objection.Ground.NOT_AS_REQUESTED,
            reason="Lampirannya tidak lengkap.",
            submission_token=secrets.token_urlsafe(24),
        )
        AccessAttempt.objects.create(
            username="tamu",
            ip_address="192.0.2.1",
            user_agent="Mozilla/5.0",
            path_info="/admin/login/",
            failures_since_start=3,
            get_data="",
            post_data="",
        )
        AccessLog.objects.create(
            username="tamu", ip_address="192.0.2.1", user_agent="Mozilla/5.0", path_info="/"
        )
        Redirect.objects.create(
            old_path="/2019/05/03/banjir/", target="/berita/banjir/", source="import", hits=3
        )
        ImportRun.objects.create(
            status=ImportRun.Status.DONE,
            total=3,
            processed=3,
            report={"created": {"article": 2}, "skipped": {"private": 1}, "problems": []},
        )
    AuditEvent.objects.create(
        opd=opd_a,
        actor="tamu",
        action=AuditEvent.Action.CHANGE,
        object_type="pages.Page",
        object_id="1",
        object_repr="Profil",
    )
    return opd_a


@pytest.mark.parametrize("role", roles.ROLES)
def test_every_opd_admin_page_reads_in_indonesian(role, seeded_opd_a, client_a, in_opd):
    from django.contrib import admin

    with in_opd(seeded_opd_a):
        user = make_operator(f"uji-{role.split()[-1].lower()}", role=role)
        client_a.force_login(user)
        findings, seen = crawl(client_a)
        missing = change_forms_missing(admin.site, seen, user)
    assert len(seen) > 10
    assert_indonesian(findings, missing)


def test_every_console_page_reads_in_indonesian(opd_a, portal_client, public_tenant):
    from core.sites import console_site

    now = timezone.now()
    kominfo = get_user_model().objects.create_superuser("kominfo", "k@example.org", "x")
    AuditEvent.objects.create(
        opd=opd_a, actor="tamu", action=AuditEvent.Action.CHANGE, object_type="news.Article"
    )
    EmergencyBanner.objects.create(
        issued_by=public_tenant,
        level=EmergencyBanner._meta.get_field("level").choices[0][0],
        text="Banjir di Kecamatan Uji",
        starts_at=now,
        expires_at=now + timedelta(days=1),
    )
    LocalHoliday.objects.create(date=now.date(), name="Hari jadi kota")
    Group.objects.create(name="Redaksi Kominfo")
    ContentHold.objects.create(
        opd=opd_a,
        kind=registry.kind_choices()[0][0],
        object_id=1,
        title="Pengumuman seleksi",
        findings=[{"code": "tautan", "message": "Tautan ke situs judi.", "evidence": "x"}],
        content_hash="0" * 64,
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO procrastinate_jobs (queue_name, task_name, args, status, attempts)"
            " VALUES ('default', 'core.mail.send_queued_mail', '{}', 'failed', 6)"
        )
    AllowedLinkDomain.objects.create(domain="serangkota.go.id", note="Pemda")
    make_identity()
    RestoreDrill.objects.create(slug=opd_a.slug, started_at=now, ok=True, duration_seconds=3)
    ActivityReminder.objects.create(
        opd=opd_a, sent_at=now, status=ActivityLevel.INACTIVE, recipients="a@example.org"
    )
    AccessAttempt.objects.create(
        username="kominfo",
        ip_address="192.0.2.1",
        user_agent="Mozilla/5.0",
        path_info="/admin/login/",
        failures_since_start=2,
        get_data="",
        post_data="",
    )
    AccessLog.objects.create(
        username="kominfo", ip_address="192.0.2.1", user_agent="Mozilla/5.0", path_info="/"
    )
    login_console(portal_client, kominfo)
    findings, seen = crawl(portal_client)
    missing = change_forms_missing(console_site, seen, kominfo)
    assert "/admin/aktivitas/" in seen
    assert_indonesian(findings, missing)


def test_the_check_finds_english_words_and_model_labels_but_not_addresses():
    parser = VisibleText()
    parser.feed(
        "<title>Site administration</title><script>var Add = 1;</script>"
        '<p>Jenis: pages.Page</p><input type="submit" value="Save">'
        '<input name="q" placeholder="Search"><textarea>Remove me</textarea>'
        "<p>admin@bpbd.serangkota.go.id</p><p>Jl. Kitapa No. 1</p><p>No</p>"
    )
    assert english_on(" ".join(parser.parts)) == {
        "Site",
        "administration",
        "pages.Page",
        "Save",
        "Search",
        "No",
    }


def test_the_compiled_catalogue_is_in_effect(admin_a):
    """Django's own Indonesian says "Filter" and "dibawah"; only our catalogue says otherwise."""
    page = admin_a.get("/admin/auth/user/").content.decode()
    assert ">Saring<" in page and ">Filter<" not in page
    catalogue = admin_a.get("/admin/jsi18n/").content.decode()
    assert "Lepaskan %s yang ditandai" in catalogue
    assert "Pindahkan" not in catalogue


def test_the_catalogue_compiles_without_gnu_gettext(tmp_path):
    from django.conf import settings

    from core.catalogue import compile_catalogue

    target = tmp_path / "id" / "LC_MESSAGES"
    target.mkdir(parents=True)
    for po in (settings.BASE_DIR / "locale" / "id" / "LC_MESSAGES").glob("*.po"):
        (target / po.name).write_bytes(po.read_bytes())
    written = compile_catalogue([tmp_path])
    assert sorted(mo.name for mo in written) == ["django.mo", "djangojs.mo"]
    import gettext

    translation = gettext.GNUTranslations((target / "django.mo").open("rb"))
    assert translation.gettext("Filter") == "Saring"
    # Untranslated entries (our Indonesian msgids) are left out, so the msgid shows.
    assert translation.ngettext("%(counter)s OPD", "%(counter)s OPD", 2) == "%(counter)s OPD"
    assert compile_catalogue([tmp_path]) == []  # up to date: nothing rewritten
