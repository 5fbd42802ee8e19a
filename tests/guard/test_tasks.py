"""The nightly content scan runs as queued jobs, one per OPD, each in its own schema."""

import pytest
from django.core import mail

from guard.models import ContentHold
from guard.tasks import scan_all_content
from news.models import Article
from tests.guard.test_hold import SPAM_BODY
from tests.news.factories import make_article

pytestmark = pytest.mark.django_db


def test_the_nightly_scan_holds_injected_content_and_mails_once(
    opd_a, opd_b, in_opd, run_tasks, task_queue
):
    with in_opd(opd_a):
        article = make_article("Berita lama")
        Article.objects.filter(pk=article.pk).update(body=SPAM_BODY)
    with in_opd(opd_b):
        make_article("Berita bersih")
    run_tasks()
    scan_all_content.defer()
    run_tasks()
    scans = [job for job in task_queue.jobs.values() if job["task_name"].endswith("opd_content")]
    assert sorted(job["args"]["schema"] for job in scans) == [opd_a.schema_name, opd_b.schema_name]
    assert all(job["status"] == "succeeded" for job in task_queue.jobs.values())
    with in_opd(opd_a):
        article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    hold = ContentHold.objects.get()
    assert hold.object_id == article.pk
    notices = len(mail.outbox)
    assert notices >= 1 and all("Berita lama" in message.subject for message in mail.outbox)
    # The next night (or a re-run of the job) holds nothing twice and mails nobody again.
    scan_all_content.defer()
    run_tasks()
    assert len(mail.outbox) == notices and ContentHold.objects.count() == 1
