"""One JSON line per request, with the OPD, path, status and duration, and no personal data."""

import json
import logging
import re
import sys
from datetime import datetime

import pytest
from django.db import connection

from bench.loadtest import FORM_FIELDS
from core.logs import JsonFormatter
from tenants.services import set_opd_active

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_lines(caplog):
    """The request log's lines, as the JSON formatter writes them."""
    formatter = JsonFormatter()
    caplog.set_level(logging.INFO, logger="core.logs.requests")

    def lines():
        return [
            formatter.format(record)
            for record in caplog.records
            if record.name == "core.logs.requests"
        ]

    return lines


def test_an_opd_request_logs_one_json_line_with_its_fields(client_a, request_lines):
    response = client_a.get("/berita/?q=3273011501900001&halaman=2")
    (line,) = request_lines()
    entry = json.loads(line)
    assert entry["opd_schema"] == "alpha" and entry["opd_slug"] == "alpha"
    assert entry["host"] == "alpha.localhost"
    assert entry["method"] == "GET"
    assert entry["path"] == "/berita/"
    assert entry["status"] == response.status_code == 200
    assert 0 < entry["duration_ms"] < 10_000
    assert entry["request_id"] == response["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", entry["request_id"])
    assert datetime.fromisoformat(entry["time"]).tzinfo is not None
    assert entry["level"] == "INFO" and entry["logger"] == "core.logs.requests"
    assert "3273011501900001" not in line and "halaman" not in line


def test_a_portal_request_and_a_deactivated_opd_are_logged_too(
    portal_client, opd_b, client_b, request_lines
):
    portal_client.get("/opd/")
    connection.set_schema_to_public()
    set_opd_active(opd=opd_b, active=False)
    client_b.get("/")
    portal, deactivated = (json.loads(line) for line in request_lines())
    assert (portal["opd_schema"], portal["path"], portal["status"]) == ("public", "/opd/", 200)
    assert (deactivated["opd_slug"], deactivated["status"]) == ("beta", 503)


def test_a_ppid_request_form_body_never_reaches_the_log(client_a, request_lines):
    form = client_a.get("/ppid/permohonan/").content.decode()
    token = re.search(r'name="submission_token" value="([^"]+)"', form).group(1)
    client_a.post("/ppid/permohonan/", {**FORM_FIELDS, "submission_token": token})
    lines = request_lines()
    assert [json.loads(line)["method"] for line in lines] == ["GET", "POST"]
    text = "\n".join(lines)
    for value in (FORM_FIELDS["identity_number"], FORM_FIELDS["phone"], FORM_FIELDS["email"],
                  FORM_FIELDS["address"], token):  # fmt: skip
        assert value not in text


def test_a_set_password_link_is_logged_as_its_pattern(client_a, request_lines):
    client_a.get("/admin/atur-sandi/Mg/c9k2x1-0123456789abcdef0123456789abcdef/")
    entry = json.loads(request_lines()[0])
    assert entry["path"] == "/admin/atur-sandi/<uidb64>/<token>/"


def test_the_proxys_request_id_is_kept_when_well_formed(client_a, request_lines):
    kept = client_a.get("/", HTTP_X_REQUEST_ID="caddy-5b0e1c7e-9f1d")
    replaced = client_a.get("/", HTTP_X_REQUEST_ID='x"\n{"status": 200}')
    first, second = (json.loads(line) for line in request_lines())
    assert first["request_id"] == kept["X-Request-ID"] == "caddy-5b0e1c7e-9f1d"
    assert second["request_id"] == replaced["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", second["request_id"])


def test_the_json_formatter_keeps_extra_fields_and_tracebacks():
    logger = logging.getLogger("uji.json")
    try:
        raise ValueError("rusak")
    except ValueError:
        record = logger.makeRecord(
            "uji.json", logging.ERROR, __file__, 1, "gagal %s", ("x",), sys.exc_info(),
            extra={"opd_schema": "alpha"},
        )  # fmt: skip
    entry = json.loads(JsonFormatter().format(record))
    assert entry["message"] == "gagal x" and entry["opd_schema"] == "alpha"
    assert "ValueError: rusak" in entry["exception"]
