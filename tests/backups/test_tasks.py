"""The scheduled backup is a periodic task declared in code: it wraps the backup_all command."""

import pytest

import backups.tasks
from backups.tasks import back_up_all_opds

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
