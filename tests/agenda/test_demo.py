"""The demo agenda: realistic events for BPBD, Dinkes and Dinsos, seeded once."""

import pytest

from agenda import demo as agenda_demo
from agenda.models import Event
from demo.catalogue import DEMO_OPDS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("slug", ["bpbd", "dinkes", "dinsos"])
def test_the_demo_gives_upcoming_and_past_events_once(slug, opd_a, in_opd):
    demo_opd = next(opd for opd in DEMO_OPDS if opd.slug == slug)
    with in_opd(opd_a):
        agenda_demo.seed_demo_content(demo_opd)
        count = Event.objects.count()
        agenda_demo.seed_demo_content(demo_opd)
        assert Event.objects.count() == count >= 2
        assert Event.objects.upcoming().exists() and Event.objects.past().exists()
        for event in Event.objects.all():
            event.full_clean()


def test_bpbd_has_its_disaster_drill_and_ceremony(opd_a, in_opd, client_a):
    bpbd = next(opd for opd in DEMO_OPDS if opd.slug == "bpbd")
    with in_opd(opd_a):
        agenda_demo.seed_demo_content(bpbd)
    html = client_a.get("/agenda/").content.decode()
    assert "Simulasi tanggap darurat bencana banjir" in html
    assert "Apel siaga bencana" in html


def test_other_opds_get_no_demo_events(opd_a, in_opd):
    other = next(opd for opd in DEMO_OPDS if opd.slug == "bappeda")
    with in_opd(opd_a):
        agenda_demo.seed_demo_content(other)
        assert not Event.objects.exists()
