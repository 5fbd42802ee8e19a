"""The benchmark's reference view exists only in the benchmark's own URLconfs."""

import pytest
from django.urls import Resolver404, resolve


@pytest.mark.parametrize("urlconf", ["portal.urls_tenant", "portal.urls_public"])
def test_the_minimal_view_is_not_routed_in_production(urlconf):
    with pytest.raises(Resolver404):
        resolve("/_bench/minimal/", urlconf=urlconf)


@pytest.mark.parametrize("urlconf", ["bench.urls_tenant", "bench.urls_public"])
def test_the_benchmark_routes_the_minimal_view_and_every_page(urlconf):
    assert resolve("/_bench/minimal/", urlconf=urlconf).func.__name__ == "minimal"
    assert resolve("/berita/", urlconf=urlconf)


def test_the_scale_comparison_pairs_each_round_with_the_other_ns_same_round():
    from bench.run import scale_ratio

    # The machine slowed down in round 2, for both N alike: that pair still compares 98 %.
    paired = scale_ratio({"rounds_rps": [100, 60, 100]}, {"rounds_rps": [98, 58.8, 103]})
    assert paired == pytest.approx(0.98)
    # A page that really is slower with more OPDs stays slower in every pair.
    slower = scale_ratio({"rounds_rps": [100, 60, 100]}, {"rounds_rps": [80, 48, 81]})
    assert slower == pytest.approx(0.8)


@pytest.mark.django_db
def test_bulk_created_content_is_what_the_save_path_writes(opd_a, in_opd):
    """The benchmark's bulk rows of the new content types hold the body text (and so the
    generated search vector) that each model's save() gives them."""
    from agenda.models import Event
    from bench import populate
    from documents.models import Document
    from faq.models import FaqItem
    from publicservices.models import Service

    with in_opd(opd_a):
        populate.create_services(3)
        populate.create_events(4)
        populate.create_faq(big=False)
        populate.create_documents(4)
        for model, field in (
            (Service, "body_text"),
            (Event, "body_text"),
            (FaqItem, "answer_text"),
            (Document, "body_text"),
        ):
            rows = list(model.objects.order_by("pk"))
            assert rows, model
            bulk = [(getattr(row, field), row.search_vector) for row in rows]
            for row in rows:
                row.save()
            saved = [
                (getattr(row, field), row.search_vector) for row in model.objects.order_by("pk")
            ]
            assert bulk == saved, model
            assert all(vector for _text, vector in bulk), model


@pytest.mark.django_db
def test_the_new_bench_pages_answer_on_a_filled_opd(opd_a, in_opd, client_a):
    """Every page bench/run.py measures on an OPD host exists once populate has filled it."""
    from bench import populate
    from bench.run import PAGES

    with in_opd(opd_a):
        populate.create_services(populate.SMALL_SERVICES)
        populate.create_survey_responses()
        populate.create_events(populate.SMALL_EVENTS)
        populate.create_faq(big=False)
        populate.create_documents(populate.SMALL_DOCUMENTS)
        populate.create_gallery(opd_a, None)
    new_pages = [page for page in PAGES if page[0] in NEW_OPD_PAGES]
    assert len(new_pages) == len(NEW_OPD_PAGES)
    for _key, _label, _kind, path in new_pages:
        response = client_a.get(path)
        assert response.status_code == 200, path
    html = client_a.get("/cari/?q=pelayanan+warga&jenis=service").content.decode()
    assert "Penerbitan KTP-el" in html


NEW_OPD_PAGES = (
    "service_list", "service_detail", "skm", "agenda", "event_detail", "agenda_feed",
    "gallery", "album", "documents", "faq", "search_services",
)  # fmt: skip


# --- the ceilings of issue #21 ----------------------------------------------------------------

BARE_REQUEST = """
import io, json
from django.conf import settings
from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
answer = {}
environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/", "SERVER_NAME": "127.0.0.1",
           "SERVER_PORT": "8700", "HTTP_HOST": "opd-001.localhost", "wsgi.input": io.BytesIO(),
           "wsgi.url_scheme": "http", "SERVER_PROTOCOL": "HTTP/1.1"}
body = b"".join(application(environ, lambda status, headers: answer.update(status=status)))
print(json.dumps({"status": answer["status"], "body": body.decode(),
                  "middleware": settings.MIDDLEWARE, "apps": settings.INSTALLED_APPS,
                  "databases": [db["ENGINE"] for db in settings.DATABASES.values()]}))
"""


def test_the_bare_view_answers_ok_without_middleware_apps_or_database():
    import json
    import os
    import subprocess
    import sys

    from bench.run import ROOT

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.bare"}
    env.pop("DATABASE_URL", None)
    completed = subprocess.run(
        [sys.executable, "-c", BARE_REQUEST],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    answer = json.loads(completed.stdout.strip().splitlines()[-1])
    assert answer == {
        "status": "200 OK",
        "body": "ok",
        "middleware": [],
        "apps": [],
        # What Django puts in place of no database: any query raises.
        "databases": ["django.db.backends.dummy"],
    }


def test_the_bench_vcl_points_the_projects_vcl_at_the_bench_server():
    from bench.varnish import VCL, bench_vcl

    deployed = VCL.read_text()
    vcl = bench_vcl(deployed, backend_port=8765)
    assert '.host = "127.0.0.1";' in vcl and '.port = "8765";' in vcl
    assert '.host = "web";' not in vcl and '.port = "8000";' not in vcl
    # The static files are fetched uncompressed by a subroutine that runs before the project's.
    assert vcl.index("unset bereq.http.Accept-Encoding") < vcl.index("sub vcl_recv {")
    assert vcl.count("sub vcl_backend_fetch {") == 1
    # Everything else is the project's VCL as deployed.
    assert deployed.split("sub vcl_recv {", 1)[1] == vcl.split("sub vcl_recv {", 1)[1]


def test_the_bench_vcl_refuses_a_vcl_whose_backend_it_does_not_know():
    from bench.varnish import VCL, bench_vcl

    with pytest.raises(ValueError, match="web"):
        bench_vcl(VCL.read_text().replace('"web"', '"app"'), backend_port=8765)


def test_the_bench_vcl_compiles():
    import subprocess
    import tempfile
    from pathlib import Path

    from bench.varnish import VCL, bench_vcl, binary
    from tests.accelerator.test_varnish import require_varnish

    require_varnish()  # a failure, not a skip, where the tests must run it (.ci/run)
    varnishd = binary()
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "bench.vcl"
        path.write_text(bench_vcl(VCL.read_text(), backend_port=8765))
        completed = subprocess.run(
            [varnishd, "-C", "-j", "none", "-f", str(path), "-n", str(Path(work) / "n")],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert completed.returncode == 0, completed.stderr


def figures(rps, p99=10.0, **extra):
    return {"rps": rps, "p50_ms": p99 / 2, "p99_ms": p99, "requests": 1000, "non_2xx": 0,
            "socket_errors": 0, "x_cache": {}, "bytes_per_response": 20 * 1024,
            **extra}  # fmt: skip


def fake_report(*, cached, uncached, bare, through_varnish=None):
    """A one-N report as bench.run.main() writes it, every page at 1000/s unless given."""
    from bench.run import PAGES

    pages = {mode: {key: figures(1000) for key, *_ in PAGES} for mode in ("cached", "uncached")}
    pages["cached"].update(cached)
    pages["uncached"].update(uncached)
    ceilings = {"cached": {"bare": figures(bare[0])}, "uncached": {"bare": figures(bare[1])}}
    ceilings["cached"].update(through_varnish or {})
    server = {"worker_rss_mib": [80.0], "postgres": None, "log_errors": []}
    return {
        "runs": {
            "1": {
                "pages": pages,
                "ceilings": ceilings,
                "servers": {"cached": server, "uncached": server},
                "provision_s": 1.0,
                "migrate_noop_s": {"prepare_portal": 5.0},
                "database": {"relations": 1000, "size_mib": 50.0},
            }
        },
        "accelerator": (
            {"measured": True, "version": "varnishd (varnish-7.1.1)"}
            if through_varnish
            else {"measured": False, "reason": "no varnishd"}
        ),
        "bare": {"log_errors": []},
        "first_visit": {
            "requests": [],
            "total_bytes": 50_000,
            "content_image_bytes": 0,
            "content_images": [],
            "external_requests": [],
        },  # fmt: skip
        "machine": {
            "cpu": "test",
            "cores": 2,
            "memory_gib": 4,
            "postgresql": "PostgreSQL 17",
            "database": "DATABASE_URL",
            "gunicorn": "3 x 1",
            "wrk_config": "16",
            "load_average_start": (0.0, 0.0, 0.0),
        },  # fmt: skip
    }


def new_rows(report):
    from bench.run import evaluate

    rows = {text: (met, figure) for text, met, figure in evaluate(report)}
    return {
        "varnish_home": rows["N=1: through Varnish, cached opd_home ≥ 50% of a static file "
                             "through Varnish"],
        "varnish_article": rows["N=1: through Varnish, cached article_detail ≥ 50% of a static "
                                "file through Varnish"],
        "varnish_home_p99": rows["N=1: through Varnish, cached opd_home p99 < 20 ms"],
        "varnish_article_p99": rows["N=1: through Varnish, cached article_detail p99 < 20 ms"],
        "varnish_hits": rows["N=1: every response measured through Varnish was a hit "
                             "(X-Cache: HIT)"],
        "cached_home": rows["N=1: without the accelerator, cached opd_home ≥ 60% of the bare "
                            "Django view"],
        "cached_article": rows["N=1: without the accelerator, cached article_detail ≥ 60% of "
                               "the bare Django view"],
        "uncached_home": rows["N=1: uncached opd_home ≥ 12% of the bare Django view"],
        "uncached_article": rows["N=1: uncached article_detail ≥ 12% of the bare Django view"],
        "uncached_home_p99": rows["N=1: uncached opd_home p99 < 100 ms"],
        "uncached_article_p99": rows["N=1: uncached article_detail p99 < 100 ms"],
        "search_p99": rows["N=1: search p99 < 100 ms (page cache on and off)"],
    }  # fmt: skip


def test_the_ceiling_targets_are_met_by_pages_close_to_their_ceilings():
    hits = {"HIT": 1000}
    report = fake_report(
        cached={"opd_home": figures(1300), "article_detail": figures(1200),
                "search": figures(100, 60.0)},
        uncached={"opd_home": figures(260, 90.0), "article_detail": figures(250, 95.0),
                  "search": figures(100, 80.0)},
        bare=(2000, 2000),
        through_varnish={"varnish_static": figures(10_000, 4.0, x_cache=hits,
                                                   bytes_per_response=40 * 1024),
                         "varnish_opd_home": figures(6000, 8.0, x_cache=hits),
                         "varnish_article_detail": figures(5000, 19.0, x_cache=hits)},
    )  # fmt: skip
    rows = new_rows(report)
    assert {key: met for key, (met, _figure) in rows.items()} == dict.fromkeys(rows, True)
    assert rows["varnish_home"][1] == "60%: 6000/s of 10000/s; 20.0 KB against 40.0 KB a response"
    assert rows["cached_article"][1] == "60%: 1200/s of 2000/s"
    assert rows["varnish_hits"][1] == "3000 of 3000"


def test_the_ceiling_targets_are_not_met_by_pages_far_from_them():
    report = fake_report(
        cached={"opd_home": figures(1100), "article_detail": figures(1000),
                "search": figures(100, 60.0)},
        uncached={"opd_home": figures(200, 100.0), "article_detail": figures(230, 150.0),
                  "search": figures(100, 120.0)},
        bare=(2000, 2000),
        through_varnish={"varnish_static": figures(10_000, 4.0, x_cache={"HIT": 1000}),
                         "varnish_opd_home": figures(4000, 20.0, x_cache={"HIT": 1000}),
                         "varnish_article_detail": figures(4900, 25.0,
                                                           x_cache={"HIT": 990, "MISS": 10})},
    )  # fmt: skip
    rows = new_rows(report)
    assert {key: met for key, (met, _figure) in rows.items()} == dict.fromkeys(rows, False)
    assert rows["search_p99"][1] == "cached 60.0 ms, uncached 120.0 ms"


def test_without_varnish_its_rows_are_not_measured_and_the_report_still_prints():
    from bench.run import evaluate, markdown

    report = fake_report(cached={}, uncached={}, bare=(2000, 2000))
    rows = new_rows(report)
    for key in ("varnish_home", "varnish_article", "varnish_home_p99", "varnish_hits"):
        assert rows[key] == (None, "not measured: no varnishd"), key
    assert rows["cached_home"] == (False, "50%: 1000/s of 2000/s")
    report["targets"] = evaluate(report)
    table = markdown(report)
    assert "| Through Varnish: OPD home (hit) | not measured | – |" in table
    assert "- not measured: N=1: through Varnish, cached opd_home p99 < 20 ms" in table
    assert "| Bare Django view (no middleware, no database) | 2000/s" in table


def test_a_missing_varnishd_is_no_varnishd(monkeypatch, tmp_path):
    from bench.varnish import binary

    monkeypatch.setenv("PORTAL_VARNISHD", str(tmp_path / "varnishd"))
    assert binary() is None
