"""What an upgraded release-0.1 database holds and serves, read through the current code's models
and pages. Run by test_upgrade_from_release_0_1.py in a subprocess (its own Django, pointed by
DATABASE_URL at the throw-away database) from the repository root:

    DATABASE_URL=... DJANGO_DEBUG=1 python tests/upgrade/check_upgraded.py \
        tests/upgrade/fixtures/EXPECTED.json tests/upgrade/fixtures/tracking_codes.json

It fails (exit status 1, traceback) on any exception, a 500 included, and otherwise writes one
JSON document to stdout; the test compares it with EXPECTED.json.
"""

import csv
import html
import io
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import SESSION_KEY, get_user_model  # noqa: E402
from django.contrib.auth.models import Permission  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_tenants.utils import schema_context, tenant_context  # noqa: E402

from accounts.models import OperatorAccount  # noqa: E402
from audit.models import AuditEvent  # noqa: E402
from banners.models import EmergencyBanner  # noqa: E402
from console.models import ActivityReminder, ActivitySettings  # noqa: E402
from guard.models import AllowedLinkDomain, ContentHold  # noqa: E402
from mainsite.models import PublishedItem  # noqa: E402
from navigation.services import site_menu  # noqa: E402
from news.models import Article  # noqa: E402
from pages.models import Official, Page  # noqa: E402
from ppid.models import (  # noqa: E402
    InformationRequest,
    Objection,
    PublicInformation,
    RequestEvent,
)
from ppidutama.models import DipEntry, ObjectionRecord, RequestRecord  # noqa: E402
from tenants.models import Domain, Opd  # noqa: E402
from tests.upgrade.layout import MOVED_MODELS as MOVED  # noqa: E402
from workdays.models import LocalHoliday  # noqa: E402

PASSWORD = "portal-demo-2026"

expected = json.loads(Path(sys.argv[1]).read_text())
tracking_codes = json.loads(Path(sys.argv[2]).read_text())


def upgrade_events():
    """The audit log without the events the upgrade itself writes: the default roles gaining
    the media library's permissions (one event per role and OPD, recorded by audit)."""
    added = [
        event.pk
        for event in AuditEvent.objects.filter(object_type="auth.Group")
        if "Pustaka media |" in json.dumps(event.changes)
    ]
    return AuditEvent.objects.exclude(pk__in=added), len(added)


def shows(response, text: str) -> bool:
    return html.escape(text) in response.content.decode()


def log_in(host: str, username: str, password: str) -> dict:
    """Post the admin log-in form as a person would; the second step (two-factor set-up or code)
    comes after the password check, so a redirect with a session user means the password passed."""
    client = Client(HTTP_HOST=host)
    response = client.post(
        "/admin/login/",
        {"username": username, "password": password, "otp_token": "", "next": "/admin/"},
    )
    admin = client.get("/admin/")
    return {
        "status": response.status_code,
        "location": response.get("Location", ""),
        "logged_in": SESSION_KEY in client.session,
        "admin": {"status": admin.status_code, "location": admin.get("Location", "")},
    }


def track(host: str, path: str, number: str, code: str, label: str) -> dict:
    """Post the tracking form (number + code), as on the receipt; the status box shows the
    record's number in its heading and its status in bold."""
    response = Client(HTTP_HOST=host).post(path, {"number": number, "code": code})
    content = response.content.decode()
    return {
        "status": response.status_code,
        "shows_record": 'id="status-judul"' in content and html.escape(number) in content,
        "shows_status": f"<strong>{html.escape(label)}</strong>" in content,
        "says_not_found": 'class="ppid-errors"' in content,
        "status_label": label,
    }


def public_facts() -> dict:
    with schema_context("public"):
        moved_types = ContentType.objects.filter(model__in=MOVED)
        return {
            "opd_slugs": sorted(
                Opd.objects.values_list("slug", flat=True),
                key=lambda slug: (slug != "public", slug),
            ),
            "opd_rows": Opd.objects.count(),
            "opd_rows_excluding_public": Opd.objects.sites().count(),
            "domains": {
                domain.domain: domain.tenant.schema_name
                for domain in Domain.objects.select_related("tenant").order_by("domain")
            },
            "audit_events": upgrade_events()[0].count(),
            "role_permission_events": upgrade_events()[1],
            "audit_events_by_action": dict(
                upgrade_events()[0]
                .order_by("action")
                .values_list("action")
                .annotate(count=Count("pk"))
                .values_list("action", "count")
            ),
            "audit_actors": sorted(set(upgrade_events()[0].values_list("actor", flat=True))),
            "published_items": PublishedItem.objects.count(),
            "operator_accounts": OperatorAccount.objects.count(),
            "emergency_banners": list(
                EmergencyBanner.objects.order_by("pk").values_list("text", flat=True)
            ),
            # The release-0.1 banner ran "until 2099": banners 0002 caps it.
            "broadcast_days_left": max(
                (
                    (banner.expires_at - timezone.now()).total_seconds() / 86400
                    for banner in EmergencyBanner.objects.all()
                ),
                default=0,
            ),
            "content_holds": [
                {
                    "opd": hold.opd.slug,
                    "kind": hold.kind,
                    "title": hold.title,
                    "status": hold.status,
                }
                for hold in ContentHold.objects.select_related("opd").order_by("pk")
            ],
            "allowed_link_domains": list(
                AllowedLinkDomain.objects.order_by("domain").values_list("domain", flat=True)
            ),
            "local_holidays": {
                holiday.date.isoformat(): holiday.name for holiday in LocalHoliday.objects.all()
            },
            "activity_settings": list(
                ActivitySettings.objects.order_by("pk").values(
                    "id", "active_days", "barely_active_days", "reminder_interval_days"
                )
            ),
            "activity_reminders": ActivityReminder.objects.count(),
            "moved_content_types": sorted(moved_types.values_list("app_label", "model")),
            "moved_model_permissions": Permission.objects.filter(
                content_type__in=moved_types
            ).count(),
            "latest_portal_item": PublishedItem.objects.order_by("-published_at", "-pk")
            .values_list("title", flat=True)
            .first(),
        }


def opd_facts(opd: Opd) -> dict:
    with tenant_context(opd):
        requests = InformationRequest.objects.order_by("number")
        objections = Objection.objects.order_by("number")
        return {
            "slug": opd.slug,
            "schema_name": opd.schema_name,
            "name": opd.name,
            "short_name": opd.short_name,
            "kind": opd.kind,
            "is_active": opd.is_active,
            "domains": sorted(opd.domains.values_list("domain", flat=True)),
            "articles": Article.objects.count(),
            "articles_published": Article.objects.filter(status=Article.Status.PUBLISHED).count(),
            "articles_draft": Article.objects.filter(status=Article.Status.DRAFT).count(),
            "article_slugs": list(Article.objects.order_by("pk").values_list("slug", flat=True)),
            "latest_published": Article.objects.published()
            .order_by("-published_at", "-pk")
            .values_list("slug", flat=True)
            .first(),
            "pages": Page.objects.count(),
            "page_slugs": list(Page.objects.order_by("pk").values_list("slug", flat=True)),
            "officials": Official.objects.count(),
            "ppid_public_information": PublicInformation.objects.count(),
            # What the pemda's DIP holds of them after the upgrade (ppid 0008).
            "ppid_published_titles": sorted(
                PublicInformation.objects.published().values_list("title", flat=True)
            ),
            "pemda_dip_titles": sorted(
                DipEntry.objects.filter(opd=opd).values_list("title", flat=True)
            ),
            "information_requests": requests.count(),
            "information_request_numbers": dict(requests.values_list("number", "status")),
            "request_events": RequestEvent.objects.count(),
            "objections": objections.count(),
            "objection_numbers": dict(objections.values_list("number", "status")),
            # The pemda's records of them (ppid 0007, a data migration).
            "request_records": dict(
                RequestRecord.objects.filter(opd=opd).values_list("number", "status")
            ),
            "objection_records": dict(
                ObjectionRecord.objects.filter(opd=opd).values_list("number", "status")
            ),
            "status_labels": {
                record.number: str(record.get_status_display())
                for record in [*requests, *objections]
            },
            "operator_usernames": list(
                get_user_model().objects.order_by("username").values_list("username", flat=True)
            ),
            "audit_events": upgrade_events()[0].filter(opd=opd).count(),
            "content_holds": ContentHold.objects.filter(opd=opd).count(),
            "published_items": PublishedItem.objects.filter(opd=opd).count(),
            # The default menu the upgrade gives an OPD that had none (navigation 0002).
            "menu": [
                [item["label"], item["url"], [child["url"] for child in item["children"]]]
                for item in site_menu()
            ],
            "old_menu_pages": list(
                Page.objects.in_menu()
                .order_by("menu_order", "title")
                .values_list("slug", flat=True)
            ),
            # Covers uploaded before the media library: still shown, with their renditions.
            "covers": [
                {"slug": a.slug, "src": (a.cover_image() or {}).get("src", "")}
                for a in Article.objects.exclude(cover="").order_by("pk")
            ],
        }


def opd_served(opd: Opd, facts: dict) -> dict:
    host = f"{opd.slug}.localhost"
    client = Client(HTTP_HOST=host)
    article = expected["opds"][opd.schema_name]["published_article"]
    home = client.get("/")
    detail = client.get(f"/berita/{article['slug']}/")
    shown_covers = {}
    for cover in facts["covers"]:
        page = client.get(f"/berita/{cover['slug']}/")
        shown_covers[cover["slug"]] = page.status_code != 200 or (
            bool(cover["src"]) and cover["src"] in page.content.decode()
        )
    served = {
        "covers": shown_covers,
        "home": {"status": home.status_code, "shows_article": shows(home, article["title"])},
        "home_menu_links": [
            url
            for item in facts["menu"]
            for url in (item[2] or [item[1]])
            if f'href="{url}"' in home.content.decode()
        ],
        "article": {"status": detail.status_code, "shows_article": shows(detail, article["title"])},
        "tracking": {},
    }
    for number, code in tracking_codes.get(opd.schema_name, {}).items():
        path = "/ppid/keberatan/lacak/" if "/KEB/" in number else "/ppid/permohonan/lacak/"
        label = facts["status_labels"][number]
        served["tracking"][number] = track(host, path, number, code, label)
    if served["tracking"]:
        number = min(number for number in served["tracking"] if "/KEB/" not in number)
        label = facts["status_labels"][number]
        served["tracking_wrong_code"] = track(
            host, "/ppid/permohonan/lacak/", number, "AAAA-AAAA-AAAA", label
        )
    return served


def main() -> None:
    result = {
        "database": connection.settings_dict["NAME"],
        "public": public_facts(),
        "opds": {},
        "served": {},
        "log_in": {},
    }
    portal = Client(HTTP_HOST="localhost").get("/")
    result["served"]["portal"] = {
        "status": portal.status_code,
        "shows_banners": [shows(portal, text) for text in result["public"]["emergency_banners"]],
        "shows_latest_item": shows(portal, result["public"]["latest_portal_item"]),
    }
    pemda_dip = Client(HTTP_HOST="localhost").get("/ppid/informasi.csv")
    _header, *dip_rows = csv.reader(io.StringIO(pemda_dip.content.decode("utf-8-sig")))
    result["served"]["pemda_dip"] = {
        "status": pemda_dip.status_code,
        "titles": sorted(row[2] for row in dip_rows),
    }
    for opd in Opd.objects.sites().order_by("slug"):
        facts = opd_facts(opd)
        result["opds"][opd.schema_name] = facts
        result["served"][opd.schema_name] = opd_served(opd, facts)
        result["log_in"][opd.schema_name] = log_in(f"{opd.slug}.localhost", "admin", PASSWORD)
    result["log_in"]["kominfo"] = log_in("localhost", "kominfo", PASSWORD)
    result["log_in"]["kominfo_wrong_password"] = log_in("localhost", "kominfo", "salah-" + PASSWORD)
    # An operator of one OPD is no user of the main domain.
    result["log_in"]["opd_admin_on_portal"] = log_in("localhost", "admin", PASSWORD)
    sys.stdout.write(json.dumps(result, ensure_ascii=False, default=str))


main()
