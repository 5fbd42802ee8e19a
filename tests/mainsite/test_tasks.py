"""Rebuilding the portal index can run in the worker, one job per OPD in its own schema."""

import pytest
from django.core.management import call_command

from mainsite.models import PublishedItem
from tests.news.factories import make_article

pytestmark = pytest.mark.django_db


def test_rebuild_in_the_background_queues_one_job_per_opd(opd_a, opd_b, in_opd, run_tasks):
    with in_opd(opd_a):
        article = make_article("Berita terbit")
    PublishedItem.objects.all().delete()
    call_command("rebuild_portal_index", "--background", stdout=None)
    assert PublishedItem.objects.count() == 0  # queued, not yet run
    assert run_tasks() == {"succeeded": 2}
    assert list(PublishedItem.objects.values_list("opd__slug", "source_id")) == [
        ("alpha", article.pk)
    ]
