"""The scheduled backup is a periodic task declared in code: it wraps the backup_all command."""

import pytest

import backups.tasks
from backups.tasks import back_up_all_opds, drill_the_least_recently_drilled_opd

pytestmark = pytest.mark.django_db


def test_the_scheduled_backup_runs_backup_all_through_the_queue(monkeypatch, settings, run_tasks):
    calls = []
    monkeypatch.setattr(
        backups.tasks, "call_command", lambda *args, **kwargs: calls.append((args, kwargs))
    )
    settings.BACKUP_KEEP = 9
    back_up_all_opds.defer()
    assert run_tasks() == {"succeeded": 1}
    assert calls == [(("backup_all",), {"keep": 9})]


def test_a_failed_backup_is_retried_not_swallowed(monkeypatch, run_tasks, task_queue):
    from django.core.management import CommandError

    def fail(*args, **kwargs):
        raise CommandError("Backup failed for: alpha")

    monkeypatch.setattr(backups.tasks, "call_command", fail)
    back_up_all_opds.defer()
    assert run_tasks() == {"todo": 1}
    [job] = task_queue.jobs.values()
    assert job["attempts"] == 1


def test_the_nightly_drill_takes_the_opd_drilled_longest_ago(
    monkeypatch, settings, tmp_path, run_tasks, opd_a, opd_b
):
    """Never drilled first, then the oldest drill; OPDs without an archive are passed over."""
    from datetime import timedelta

    from django.utils import timezone

    from backups import services
    from backups.models import RestoreDrill

    settings.BACKUP_DIR = tmp_path / "backups"
    for slug in (opd_a.slug, opd_b.slug):
        archive = settings.BACKUP_DIR / slug / f"{slug}-20261201-010000-000000.tar.gz.enc"
        archive.parent.mkdir(parents=True)
        archive.write_bytes(b"encrypted")
    drilled = []
    monkeypatch.setattr(services, "restore_drill", lambda opd: drilled.append(opd.slug))
    week_ago = timezone.now() - timedelta(days=7)
    RestoreDrill.objects.create(opd=opd_a, slug=opd_a.slug, started_at=week_ago, ok=True)

    drill_the_least_recently_drilled_opd.defer()
    assert run_tasks() == {"succeeded": 1}
    assert drilled == [opd_b.slug]

    RestoreDrill.objects.create(opd=opd_b, slug=opd_b.slug, ok=True)
    assert services.least_recently_drilled() == opd_a
    (settings.BACKUP_DIR / opd_a.slug).rename(tmp_path / "elsewhere")
    assert services.least_recently_drilled() == opd_b
