"""The console's "Sambutan Kepala" checklist item comes from the real Sambutan (issue #18)."""

import pytest

from console.activity import checklist_labels
from homepage.models import HomePage
from tenants.models import Opd
from tests.homepage.factories import make_welcome

pytestmark = pytest.mark.django_db


def recorded(opd):
    return Opd.objects.get(pk=opd.pk).content_checklist


def test_the_sambutan_item_is_on_the_checklist_for_every_opd():
    assert checklist_labels()["sambutan"] == "Sambutan Kepala terisi"


def test_no_sambutan_is_recorded_as_missing(opd_a, in_opd):
    with in_opd(opd_a):
        HomePage.objects.all().delete()
    assert recorded(opd_a).get("sambutan") is False


def test_a_written_sambutan_is_recorded_and_removing_its_text_undoes_it(opd_a, opd_b, in_opd):
    with in_opd(opd_a):
        make_welcome(photo=False)
    assert recorded(opd_a)["sambutan"] is True
    assert recorded(opd_b).get("sambutan") is not True
    with in_opd(opd_a):
        make_welcome(text="<p> </p>", photo=False)
    assert recorded(opd_a)["sambutan"] is False


def test_a_name_without_text_does_not_count(opd_a, in_opd):
    with in_opd(opd_a):
        make_welcome(name="Dr. Kepala", text="", photo=False)
    assert recorded(opd_a)["sambutan"] is False
