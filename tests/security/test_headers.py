"""Security headers on every kind of response, and templates that need no inline script."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts import roles
from ppid.models import PublicInformation
from tests.factories import make_operator

pytestmark = pytest.mark.django_db

TEMPLATES_DIR = Path(settings.BASE_DIR) / "templates"
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = (part.strip().split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in directives}


def assert_common_headers(response):
    csp = policy(response)
    assert csp["script-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    return csp


@pytest.mark.parametrize("path", ["/", "/berita/", "/ppid/", "/halaman-tidak-ada/"])
def test_citizen_pages_allow_no_inline_script_or_style(client_a, path):
    csp = assert_common_headers(client_a.get(path))
    assert csp["default-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["img-src"] == ["'self'"]


def test_the_portal_and_its_error_pages_carry_the_policy(portal_client):
    for path in ("/", "/opd/", "/tidak-ada/"):
        csp = assert_common_headers(portal_client.get(path))
        assert "'unsafe-inline'" not in csp["style-src"]


def test_admin_pages_relax_only_styles(opd_a, in_opd, client_a, portal_client):
    with in_opd(opd_a):
        client_a.force_login(make_operator("penulis", role=roles.OPERATOR_BERITA))
    for client, path in (
        (client_a, "/admin/news/article/add/"),
        (client_a, "/admin/login/"),
        (portal_client, "/admin/login/"),
    ):
        response = client.get(path)
        assert response.status_code in (200, 302), path
        csp = assert_common_headers(response)
        assert csp["style-src"] == ["'self'", "'unsafe-inline'"]
        assert "data:" in csp["img-src"]


def test_the_editor_page_has_no_inline_script(opd_a, in_opd, client_a):
    """Django's admin and the CKEditor 5 widget pass data in data-* attributes and JSON script
    tags (not executed), so script-src 'self' is enough for the editor."""
    with in_opd(opd_a):
        client_a.force_login(make_operator("penulis", role=roles.OPERATOR_BERITA))
    html = client_a.get("/admin/news/article/add/").content.decode()
    assert "ck-editor-container" in html
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts
    for tag in scripts:
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert not re.search(r"\son[a-z]+=", html)


def test_a_ppid_download_and_media_are_never_run_or_sniffed(opd_a, in_opd, client_a, media_root):
    with in_opd(opd_a):
        entry = PublicInformation.objects.create(
            number="001",
            title="Laporan",
            summary="Ringkasan",
            holder="Sekretariat",
            responsible_person="Kepala",
            produced_when="2026",
            produced_where="Kota Uji",
            retention_period="5 tahun",
            year=2026,
            category=PublicInformation.Category.PERIODIC,
            file=SimpleUploadedFile("laporan.pdf", PDF_BYTES),
        )
    download = client_a.get(f"/ppid/dokumen/{entry.pk}/")
    assert download.status_code == 200
    assert_common_headers(download)

    (media_root / "alpha").mkdir(parents=True, exist_ok=True)
    (media_root / "alpha" / "x.html").write_text("<script>alert(1)</script>")
    media = client_a.get("/media/alpha/x.html")
    assert media.status_code == 200
    assert media["X-Content-Type-Options"] == "nosniff"
    media_csp = policy(media)
    assert media_csp["default-src"] == ["'none'"] and "sandbox" in media_csp
    assert "script-src" not in media_csp


def test_the_lock_out_page_carries_the_policy(opd_a, in_opd, client_a):
    with in_opd(opd_a):
        make_operator("sari")
    for _attempt in range(5):
        response = client_a.post("/admin/login/", {"username": "sari", "password": "salah"})
    assert response.status_code == 429
    assert_common_headers(response)


def test_production_settings_send_hsts_and_secure_cookies():
    code = (
        "import django; django.setup();"
        "from django.conf import settings as s;"
        "from django.http import HttpResponse;"
        "from django.test import RequestFactory;"
        "from django.middleware.security import SecurityMiddleware;"
        "r = RequestFactory().get('/', secure=True, HTTP_HOST='localhost');"
        "resp = SecurityMiddleware(lambda request: HttpResponse())(r);"
        "print(resp['Strict-Transport-Security']);"
        "print(s.SESSION_COOKIE_NAME, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "uji-" + "x" * 60,
        "DJANGO_ALLOWED_HOSTS": "localhost,.localhost",
        # Never connected to: the check only runs the security middleware.
        "DATABASE_URL": "postgresql://nobody@127.0.0.1:9/none",
    }
    output = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert output[0] == "max-age=31536000; includeSubDomains; preload"
    assert output[1] == "__Host-sessionid True True"


def citizen_templates():
    for template in sorted(TEMPLATES_DIR.rglob("*.html")):
        if "admin" not in template.relative_to(TEMPLATES_DIR).parts:
            yield template


def test_templates_contain_no_inline_script_handler_or_style():
    """Regression guard for the policy: every script is a file, no on*= handler, and citizen
    templates style through classes (the OPD colours come from /tema.css)."""
    problems = []
    for template in TEMPLATES_DIR.rglob("*.html"):
        text = template.read_text()
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and 'type="application/json"' not in tag:
                problems.append(f"{template}: inline script {tag}")
        if re.search(r"<[^>]+\son[a-z]+\s*=", text):
            problems.append(f"{template}: on*= handler")
        if re.search(r"javascript:", text, re.IGNORECASE):
            problems.append(f"{template}: javascript: URL")
    for template in citizen_templates():
        text = template.read_text()
        if re.search(r"<[^>]+\sstyle\s*=", text) or "<style" in text:
            problems.append(f"{template}: inline style")
    assert problems == []
