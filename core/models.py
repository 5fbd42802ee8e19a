"""The outgoing-mail table (core/mail.py): one row per message, in the schema of the data it
carries, so that the public task queue only ever holds the row's id and that schema."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingMail(models.Model):
    """A rendered message waiting for the worker, and afterwards the record that it was sent.

    The row is the message's idempotency key: the worker sends it only while `sent_at` is empty
    and sets `sent_at` in the same transaction, so a re-run job never sends it twice. Once sent,
    the addresses, the body and the attachments are erased (the body may hold a one-time
    tracking code); the template, the subject and the time stay as the record."""

    template = models.CharField(_("templat"), max_length=200)
    subject = models.CharField(_("subjek"), max_length=998)
    body = models.TextField(_("isi"), blank=True)
    to = models.JSONField(_("penerima"), default=list, blank=True)
    reply_to = models.JSONField(_("balas ke"), default=list, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    sent_at = models.DateTimeField(_("terkirim"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail keluar")
        verbose_name_plural = _("e-mail keluar")
        indexes = [models.Index(fields=["sent_at"], name="core_outgoingmail_sent_idx")]

    def __str__(self) -> str:
        return f"{self.template} #{self.pk}"


class OutgoingAttachment(models.Model):
    """A file attached to an outgoing message, copied at queueing time so that the worker does not
    depend on where (or whether still) the original file is stored."""

    mail = models.ForeignKey(OutgoingMail, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(max_length=255)
    content = models.BinaryField()
    mimetype = models.CharField(max_length=100, blank=True)

    def __str__(self) -> str:
        return self.filename
