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
