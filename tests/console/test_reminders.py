"""Reminders run as a scheduled task: each OPD's e-mail is its own job, so an address the mail
server refuses, or a mail server that is down, holds up no other reminder; what could not be
delivered is retried with back-off and finally shows in the console as a failed job."""

import io
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command

from console.models import ActivityReminder
from console.tasks import send_activity_reminders
from tests.factories import point_mail_at_a_closed_port

pytestmark = pytest.mark.django_db


class RefusingBackend(EmailBackend):
    """The test outbox, except that it refuses alpha's admin as an SMTP server answering 550 does
    (smtplib raises only when every recipient of a message is refused)."""

    refused = {"admin@alpha.example.org"}

    def send_messages(self, email_messages):
        for message in email_messages:
            recipients = message.recipients()
            if all(address in self.refused for address in recipients):
                raise smtplib.SMTPRecipientsRefused(
                    dict.fromkeys(recipients, (550, b"5.1.1 Mailbox unavailable"))
                )
        return super().send_messages(email_messages)


def run_reminders():
    out = io.StringIO()
    call_command("send_activity_reminders", stdout=out)
    return out.getvalue()


def test_the_daily_task_reminds_through_the_queue(opd_a, opd_b, run_tasks):
    send_activity_reminders.defer()
    assert run_tasks() == {"succeeded": 3}  # the daily job and one e-mail per OPD
    assert sorted(message.to[0] for message in mail.outbox) == [
        "admin@alpha.example.org",
        "admin@beta.example.org",
    ]
    assert sorted(ActivityReminder.objects.values_list("opd__slug", flat=True)) == [
        "alpha",
        "beta",
    ]
    # Run again (a retried job, or the next day within the interval): nobody is mailed twice.
    send_activity_reminders.defer()
    run_tasks()
    assert len(mail.outbox) == 2


def test_a_refused_address_does_not_stop_the_others(opd_a, opd_b, settings, run_tasks):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    settings.TASK_RETRY_BASE_SECONDS = 0  # retried at once, so the worker uses up the attempts
    out = run_reminders()
    assert "queued beta: Tidak aktif -> admin@beta.example.org" in out
    assert "2 OPD reminded." in out
    assert run_tasks() == {"succeeded": 1, "failed": 1}
    assert [message.to for message in mail.outbox] == [["admin@beta.example.org"]]


def test_a_run_with_the_mail_server_down_finishes_and_sends_later(
    opd_a, opd_b, settings, run_tasks
):
    point_mail_at_a_closed_port(settings)
    assert "2 OPD reminded." in run_reminders()
    assert run_tasks() == {"todo": 2}  # each waits for its retry
    assert mail.outbox == []
