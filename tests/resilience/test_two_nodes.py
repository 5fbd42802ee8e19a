"""Two web nodes over one PostgreSQL, one Redis and one media folder behave as one site.

Each node is gunicorn with production settings (DJANGO_DEBUG=0) on its own loopback port, over a
scratch copy of the test database; every check goes over real HTTP, writing on node A and reading
on node B. The whole module runs twice: straight to PostgreSQL (persistent connections, the
default DATABASE_CONN_MAX_AGE) and through PgBouncer in session mode (CONN_MAX_AGE 0: a
connection per request, from the bouncer's pool).
"""

import os
import re
import threading
import time
from collections import defaultdict
from datetime import timedelta
from io import BytesIO
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone
from PIL import Image

from accounts import roles
from bench.loadtest import FORM_FIELDS
from tests import s3_server as s3
from tests.resilience.cluster import Browser, Cluster, PgBouncer, ScratchDatabase, add_user

OPD_HOST = "alpha.localhost"
OTHER_OPD_HOST = "beta.localhost"
PORTAL_HOST = "localhost"
PASSWORD = "rahasia-simpul-2026"
# The nodes use a scratch copy of the test database, which pytest-django creates only when some
# test of the run is marked for it.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", params=["direct", "pgbouncer"])
def cluster(request, django_db_setup, django_db_blocker, s3_server):
    """Two nodes over one PostgreSQL (directly or through PgBouncer), one Redis and one S3
    server (public media and private files in its buckets, served through the nodes)."""
    with django_db_blocker.unblock():
        settings_dict = dict(connection.settings_dict)
        connection.close()  # a template database may have no other session
    db = ScratchDatabase(settings_dict, prefix="nodes")
    bouncer = cluster = None
    try:
        add_user(db, "alpha", "kepala", PASSWORD, groups=(roles.ADMIN_OPD,))
        add_user(db, "public", "kominfo", PASSWORD, superuser=True)
        extra = s3_server.environment()
        if request.param == "pgbouncer":
            required = os.environ.get("CI") or os.environ.get("PORTAL_E2E_REQUIRED")
            if not Path(PgBouncer.BINARY).exists() and not required:
                pytest.skip("pgbouncer is not installed (apt-get install pgbouncer; .ci/run does)")
            bouncer = PgBouncer(db)
            extra["DATABASE_CONN_MAX_AGE"] = "0"
        cluster = Cluster(db, nodes=2, bouncer=bouncer, extra_env=extra)
        yield cluster
    finally:
        if cluster:
            cluster.stop()
        if bouncer:
            bouncer.stop()
        db.drop()


@pytest.fixture(scope="module")
def operator(cluster):
    """An OPD admin of alpha, logged in on node A."""
    browser = Browser()
    node_a = cluster.nodes[0]
    response = browser.log_in(node_a, OPD_HOST, "kepala", PASSWORD)
    assert response.status == 302 and response.headers["location"] == "/admin/", response.text
    return browser


def png_bytes() -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def test_an_image_uploaded_on_one_node_is_served_by_the_other(cluster, operator, s3_server):
    node_a, node_b = cluster.nodes
    uploaded = operator.upload(
        node_a, OPD_HOST, "/editor/unggah-gambar/", {},
        {"upload": ("foto.png", png_bytes(), "image/png")},
    )  # fmt: skip
    assert uploaded.status == 200, uploaded.text
    url = uploaded.json()["url"]
    assert url.startswith("/media/alpha/")

    stored = url.removeprefix("/media/")
    bucket = s3_server.client().get_object(Bucket=s3.MEDIA_BUCKET, Key=stored)["Body"].read()
    assert not (cluster.var_dir / "media" / stored).exists(), "in the object store, not on disk"

    on_b = Browser().get(node_b, OPD_HOST, url)
    assert on_b.status == 200
    assert on_b.body == bucket
    assert on_b.headers["content-type"].startswith("image/")
    assert on_b.body == Browser().get(node_a, OPD_HOST, url).body
    Image.open(BytesIO(on_b.body)).verify()


def test_a_publication_on_one_node_shows_at_once_on_the_others_cached_pages(cluster, operator):
    node_a, node_b = cluster.nodes
    visitor = Browser()
    visitor.get(node_b, OPD_HOST, "/berita/")
    cached = visitor.get(node_b, OPD_HOST, "/berita/")
    assert cached.status == 200 and cached.headers.get("x-page-cache") == "hit"

    category = cluster.db.query("SELECT id FROM alpha.news_category WHERE slug = 'berita'")[0][0]
    form = operator.get(node_a, OPD_HOST, "/admin/news/article/add/")
    published_at = timezone.localtime() - timedelta(minutes=5)
    title = f"Kabar dari simpul A {time.monotonic_ns()}"
    saved = operator.post(
        node_a, OPD_HOST, "/admin/news/article/add/",
        {"title": title, "slug": "", "category": category, "summary": "Ringkasan",
         "body": "<p>Isi berita</p>", "cover_alt": "", "status": "published",
         "published_at_0": published_at.strftime("%Y-%m-%d"),
         "published_at_1": published_at.strftime("%H:%M:%S"), "is_pinned": "",
         "csrfmiddlewaretoken": form.field("csrfmiddlewaretoken")},
    )  # fmt: skip
    assert saved.status == 302, saved.text[:3000]

    fresh = visitor.get(node_b, OPD_HOST, "/berita/")
    assert fresh.status == 200
    assert title in fresh.text


def test_a_session_opened_on_one_node_works_on_the_other(cluster):
    node_a, node_b = cluster.nodes
    browser = Browser()
    assert browser.log_in(node_a, OPD_HOST, "kepala", PASSWORD).status == 302
    assert browser.get(node_b, OPD_HOST, "/admin/").status == 200

    index = browser.get(node_b, OPD_HOST, "/admin/")
    logged_out = browser.post(
        node_b, OPD_HOST, "/admin/logout/",
        {"csrfmiddlewaretoken": index.field("csrfmiddlewaretoken")},
    )  # fmt: skip
    assert logged_out.status in (200, 302)
    assert browser.get(node_a, OPD_HOST, "/admin/").status == 302  # to the log-in page


def test_ppid_requests_filed_concurrently_on_both_nodes_are_numbered_without_gaps(cluster):
    before = cluster.db.query("SELECT count(*) FROM alpha.ppid_informationrequest")[0][0]
    clients, per_client = 6, 3
    start = threading.Barrier(clients)
    accepted, failures = defaultdict(list), []

    def file_requests(n):
        node = cluster.nodes[n % 2]
        browser = Browser()
        start.wait()
        for i in range(per_client):
            form = browser.get(node, OPD_HOST, "/ppid/permohonan/")
            token = form.field("submission_token")
            sent = browser.post(
                node, OPD_HOST, "/ppid/permohonan/",
                {**FORM_FIELDS, "applicant_name": f"Pemohon {n}-{i}",
                 "csrfmiddlewaretoken": form.field("csrfmiddlewaretoken"),
                 "submission_token": token},
            )  # fmt: skip
            if sent.status == 302 and "terkirim" in sent.headers.get("location", ""):
                accepted[node.name].append(token)
            else:
                failures.append((node.name, sent.status))

    threads = [threading.Thread(target=file_requests, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures
    assert set(accepted) == {"node-a", "node-b"}

    rows = cluster.db.query("SELECT year, sequence FROM alpha.ppid_informationrequest")
    assert len(rows) == before + clients * per_client
    by_year = defaultdict(list)
    for year, sequence in rows:
        by_year[year].append(sequence)
    for sequences in by_year.values():
        assert sorted(sequences) == list(range(1, len(sequences) + 1))


def test_an_opd_deactivated_on_one_node_answers_503_on_the_other_within_a_second(cluster):
    node_a, node_b = cluster.nodes
    visitor = Browser()
    for node in (node_a, node_b):  # both nodes have looked the host up (the shared host cache)
        assert visitor.get(node, OTHER_OPD_HOST, "/").status == 200

    kominfo = Browser()
    assert kominfo.log_in(node_a, PORTAL_HOST, "kominfo", PASSWORD).status == 302
    listing = kominfo.get(node_a, PORTAL_HOST, "/admin/tenants/opd/")
    assert listing.status == 200
    beta = cluster.db.query("SELECT id FROM public.tenants_opd WHERE slug = 'beta'")[0][0]
    done = kominfo.post(
        node_a, PORTAL_HOST, "/admin/tenants/opd/",
        {"action": "deactivate", "_selected_action": beta, "index": "0",
         "csrfmiddlewaretoken": listing.field("csrfmiddlewaretoken")},
    )  # fmt: skip
    assert done.status == 302, done.text[:2000]
    deactivated_at = time.monotonic()

    while (status := visitor.get(node_b, OTHER_OPD_HOST, "/").status) != 503:
        assert status == 200
        assert time.monotonic() - deactivated_at < 1.0, "node B still serves the OPD"
        time.sleep(0.05)
    assert time.monotonic() - deactivated_at < 1.0


def test_each_node_serves_the_metrics_of_its_workers_to_the_internal_network(cluster):
    for node in cluster.nodes:
        scraped = Browser().get(node, PORTAL_HOST, "/metrics")
        assert scraped.status == 200
        counts = re.findall(
            r'^django_http_requests_total_by_method_total\{method="GET"\} ([0-9.e+]+)$',
            scraped.text, re.MULTILINE,
        )  # fmt: skip
        assert counts and float(counts[0]) > 0


def test_the_nodes_went_through_pgbouncer_when_it_was_there(cluster):
    if cluster.bouncer is None:
        # Straight to PostgreSQL: the nodes' threads hold their own backends.
        backends = cluster.db.query(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
        )[0][0]
        assert backends >= 2
        return
    stats = {row[0]: row for row in cluster.bouncer.show("STATS")}
    assert cluster.db.name in stats
    pools = [row for row in cluster.bouncer.show("POOLS") if row[0] == cluster.db.name]
    assert pools and "session" in pools[0]


def test_the_nodes_logged_no_error(cluster):
    # Django logs every 5xx as an error, so also the deactivated OPD's maintenance page.
    assert cluster.server_errors(expected_statuses=(503,)) == []
