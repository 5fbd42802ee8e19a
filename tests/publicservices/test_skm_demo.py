"""Demo SKM answers: a realistic spread that grades the demo OPDs B or A."""

import pytest

from publicservices.models.survey import SurveyResponse
from publicservices.survey import demo, services
from tenants.models import Opd
from tests.publicservices.skm_helpers import make_service

pytestmark = pytest.mark.django_db


class FakeDemoOpd:
    def __init__(self, slug):
        self.slug = slug


@pytest.mark.parametrize(("profile", "grades"), [("A", {"A"}), ("B", {"B"})])
def test_demo_answers_grade_as_intended(opd_a, in_opd, monkeypatch, profile, grades):
    monkeypatch.setitem(demo.DEMO_PROFILES, opd_a.slug, profile)
    with in_opd(opd_a):
        make_service("Pembuatan KTP-el", "ktp-el")
        make_service("Akta Kelahiran", "akta-kelahiran")
        demo.seed_demo_responses(FakeDemoOpd(opd_a.slug))
        count = SurveyResponse.objects.count()
        assert count == 48
        demo.seed_demo_responses(FakeDemoOpd(opd_a.slug))  # idempotent
        assert SurveyResponse.objects.count() == count
        result = services.opd_result(services.current_semester())
        assert 0 < result.respondents < count  # some answers are from past semesters
        assert result.mutu in grades
    assert Opd.objects.get(pk=opd_a.pk).skm_quality in grades


def test_opds_without_a_profile_get_no_answers(opd_a, in_opd):
    with in_opd(opd_a):
        make_service("Pembuatan KTP-el", "ktp-el")
        demo.seed_demo_responses(FakeDemoOpd("tidak-ada"))
        assert not SurveyResponse.objects.exists()


def test_at_least_three_demo_opds_have_answers():
    from demo.catalogue import DEMO_OPDS

    slugs = {opd.slug for opd in DEMO_OPDS}
    assert len(set(demo.DEMO_PROFILES) & slugs) >= 3


def test_every_demo_opd_gets_its_grade(opd_a, in_opd):
    with in_opd(opd_a):
        for number in range(3):
            make_service(f"Layanan {number}", f"layanan-{number}")
        for slug, profile in demo.DEMO_PROFILES.items():
            SurveyResponse.objects.all().delete()
            demo.seed_demo_responses(FakeDemoOpd(slug))
            assert services.opd_result(services.current_semester()).mutu == profile, slug
