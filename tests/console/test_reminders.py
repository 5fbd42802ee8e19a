"""A reminder run goes on past an address the mail server refuses, logs only what was sent, and
tries the failed OPD again on the next run."""

import io
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command

from console.models import ActivityReminder
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
    out, err = io.StringIO(), io.StringIO()
    call_command("send_activity_reminders", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_refused_address_does_not_stop_the_others(opd_a, opd_b, settings):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    out, err = run_reminders()
    assert [message.to for message in mail.outbox] == [["admin@beta.example.org"]]
    assert list(ActivityReminder.objects.values_list("opd__slug", flat=True)) == ["beta"]
    assert "mailed beta: Tidak aktif -> admin@beta.example.org" in out
    assert "1 OPD reminded, 1 failed." in out
    assert "could not mail alpha: Tidak aktif -> admin@alpha.example.org" in err
    assert "mailed alpha" not in out

    # The server accepts again: alpha is reminded now, beta waits for its interval.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    out, err = run_reminders()
    assert [message.to for message in mail.outbox][1:] == [["admin@alpha.example.org"]]
    assert sorted(ActivityReminder.objects.values_list("opd__slug", flat=True)) == [
        "alpha",
        "beta",
    ]
    assert "1 OPD reminded, 0 failed." in out and err == ""


def test_a_run_with_the_mail_server_down_finishes_and_logs_nothing_as_sent(opd_a, opd_b, settings):
    point_mail_at_a_closed_port(settings)
    out, err = run_reminders()
    assert "0 OPD reminded, 2 failed." in out
    assert "could not mail alpha" in err and "could not mail beta" in err
    assert not ActivityReminder.objects.exists()
