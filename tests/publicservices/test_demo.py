"""The demo services and Maklumat of three demo OPDs: full standards, found on the portal."""

import pytest
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db


def test_seed(monkeypatch, in_opd):
    from demo import catalogue
    from publicservices.models import Service, ServiceMaklumat
    from tenants.models import Opd

    monkeypatch.setattr(
        "demo.management.commands.seed_demo.DEMO_OPDS",
        [o for o in catalogue.DEMO_OPDS if o.slug in ("bpbd", "disdukcapil", "dpupr")],
    )
    call_command("seed_demo")
    for slug in ("bpbd", "disdukcapil", "dpupr"):
        opd = Opd.objects.get(slug=slug)
        with in_opd(opd):
            assert Service.objects.published().count() >= 2
            assert all(s.has_standard and s.steps.exists() for s in Service.objects.all())
            assert ServiceMaklumat.objects.get().is_complete
        assert opd.content_checklist["maklumat"] and opd.content_checklist["layanan"]
        c = Client(HTTP_HOST=f"{slug}.localhost")
        assert c.get("/layanan/").status_code == 200
        assert c.get("/layanan/maklumat/").status_code == 200
    html = Client(HTTP_HOST="localhost").get("/layanan/", {"q": "KTP"}).content.decode()
    assert "KTP-el" in html
    html = Client(HTTP_HOST="localhost").get("/layanan/", {"q": "izin usaha"}).content.decode()
    assert "Persetujuan Bangunan Gedung" in html
