"""Outgoing e-mail: every message is a pair of plain-text templates, queued through one helper
and sent by the task worker.

`<template>_subject.txt` and `<template>_body.txt` (e.g. `ppid/email/request_receipt`) are
rendered with autoescaping off, here and nowhere else, so templates stay plain text and a
citizen called O'Brien is not greeted as O&#x27;Brien.

`queue_mail` renders the message when it is asked for (in the language and with the data of
that moment), stores it in the current schema's outgoing-mail table and defers its delivery, all
in the caller's transaction: a message is queued if and only if the change it reports commits,
and a mail outage never undoes that change. The job carries only the row's id and the schema;
the addresses and the body stay in the schema of the data they come from. `deliver_mail` sends
a row at most once (the row is the idempotency key, see core.models.OutgoingMail); a failure is
retried with back-off and, after the last attempt, shows in the console as a failed job.
"""

import logging
import smtplib
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template import Context, engines
from django.utils import timezone

from core.models import OutgoingAttachment, OutgoingMail
from core.tasks import schema_task

logger = logging.getLogger(__name__)

# (filename, content, mimetype or None), as EmailMessage.attach() takes them.
Attachment = tuple[str, bytes | str, str | None]


class MailNotDelivered(Exception):  # noqa: N818 (reads as what happened, in the console)
    """The mail server could not be reached or refused a message; the job is retried."""


def render_mail(template: str, context: dict) -> tuple[str, str]:
    """The subject (one line) and the body of `template`, rendered as plain text."""
    engine = engines["django"].engine
    subject = engine.get_template(f"{template}_subject.txt").render(
        Context(context, autoescape=False)
    )
    body = engine.get_template(f"{template}_body.txt").render(Context(context, autoescape=False))
    # Tags on a line of their own leave blank lines at the ends; the body ends with one newline.
    return " ".join(subject.split()), body.strip("\n") + "\n"


def queue_mail(
    *,
    template: str,
    context: dict,
    to: Sequence[str],
    reply_to: Sequence[str] | None = None,
    attachments: Iterable[Attachment] = (),
) -> OutgoingMail | None:
    """Render `template` with `context` and queue it, from DEFAULT_FROM_EMAIL to `to`, in the
    current schema and transaction. None when there is nobody to send it to."""
    recipients = [address for address in to if address]
    if not recipients:
        return None
    subject, body = render_mail(template, context)
    with transaction.atomic():
        mail = OutgoingMail.objects.create(
            template=template,
            subject=subject,
            body=body,
            to=recipients,
            reply_to=list(reply_to or []),
        )
        OutgoingAttachment.objects.bulk_create(
            OutgoingAttachment(
                mail=mail,
                filename=filename,
                content=content.encode() if isinstance(content, str) else content,
                mimetype=mimetype or "",
            )
            for filename, content, mimetype in attachments
        )
        deliver_mail.defer(mail_id=mail.pk)
    return mail


@schema_task(queue="mail")
def deliver_mail(*, mail_id: int) -> None:
    """Send one queued message unless it was sent already; then erase its personal data."""
    with transaction.atomic():
        mail = (
            OutgoingMail.objects.select_for_update()
            .filter(pk=mail_id, sent_at__isnull=True)
            .first()
        )
        if mail is None:
            # Sent by an earlier run of this job (killed before it was marked done).
            return
        message = EmailMessage(
            mail.subject,
            mail.body,
            settings.DEFAULT_FROM_EMAIL,
            mail.to,
            reply_to=mail.reply_to or None,
            attachments=[
                (attachment.filename, bytes(attachment.content), attachment.mimetype or None)
                for attachment in mail.attachments.all()
            ],
        )
        try:
            message.send()
        except (smtplib.SMTPException, OSError) as error:
            # Never the body nor the addresses (an SMTP error may list them): both can hold a
            # citizen's personal data, and the worker's log and the console show this message.
            raise MailNotDelivered(
                f"Could not send the {mail.template} e-mail #{mail.pk} to {len(mail.to)} "
                f"recipient(s): {type(error).__name__}"
            ) from None
        mail.attachments.all().delete()
        mail.body, mail.to, mail.reply_to = "", [], []
        mail.sent_at = timezone.now()
        mail.save(update_fields=["body", "to", "reply_to", "sent_at"])
