"""Outgoing e-mail: every message is a pair of plain-text templates sent through one helper.

`<template>_subject.txt` and `<template>_body.txt` (e.g. `ppid/email/request_receipt`) are
rendered with autoescaping off, here and nowhere else, so templates stay plain text and a
citizen called O'Brien is not greeted as O&#x27;Brien. A mail outage must never undo the work
that triggered the mail, so delivery failures are logged and reported as False, not raised.
"""

import logging
import smtplib
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.core.mail import EmailMessage
from django.template import Context, engines

logger = logging.getLogger(__name__)

# (filename, content, mimetype or None), as EmailMessage.attach() takes them.
Attachment = tuple[str, bytes | str, str | None]


def render_mail(template: str, context: dict) -> tuple[str, str]:
    """The subject (one line) and the body of `template`, rendered as plain text."""
    engine = engines["django"].engine
    subject = engine.get_template(f"{template}_subject.txt").render(
        Context(context, autoescape=False)
    )
    body = engine.get_template(f"{template}_body.txt").render(Context(context, autoescape=False))
    # Tags on a line of their own leave blank lines at the ends; the body ends with one newline.
    return " ".join(subject.split()), body.strip("\n") + "\n"


def send_templated_mail(
    *,
    template: str,
    context: dict,
    to: Sequence[str],
    reply_to: Sequence[str] | None = None,
    attachments: Iterable[Attachment] = (),
) -> bool:
    """Render `template` with `context` and send it from DEFAULT_FROM_EMAIL to `to`.

    True when the message was handed to the mail server; False when there was nobody to send
    it to or the server could not be reached or refused it (logged, never raised)."""
    recipients = [address for address in to if address]
    if not recipients:
        return False
    subject, body = render_mail(template, context)
    message = EmailMessage(
        subject,
        body,
        settings.DEFAULT_FROM_EMAIL,
        recipients,
        reply_to=list(reply_to) if reply_to else None,
        attachments=list(attachments),
    )
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        # Never the body nor the addresses: both can hold a citizen's personal data.
        logger.exception(
            "Could not send the %s e-mail to %d recipient(s)", template, len(recipients)
        )
        return False
    return True
