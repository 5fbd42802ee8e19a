"""What Kominfo does with held content (release, reject), and the scan of published content.

Screening at save time is guard.screening's job, called by publishing.services.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import tenant_context

from core import registry
from guard.inspection import Finding, inspect_html
from guard.models import ContentHold
from guard.screening import allowed_domains, content_hash, is_released
from publishing.services import publish_content
from tenants.models import Opd


def guarded_models() -> dict[str, type]:
    """Content kind → the guarded model: every publishable kind of the registry."""
    return {publishable.kind: publishable.model for publishable in registry.publishables()}


def _resolve(hold: ContentHold, *, status: str, by: str) -> None:
    hold.status = status
    hold.resolved_at = timezone.now()
    hold.resolved_by = by
    hold.save(update_fields=["status", "resolved_at", "resolved_by", "content_hash"])


@transaction.atomic
def release_hold(*, hold: ContentHold, by: str) -> None:
    """Kominfo reviewed the content and found it genuine: publish it as it is stored now."""
    if not hold.is_open:
        raise ValidationError(_("Penahanan ini sudah diselesaikan."))
    model = guarded_models()[hold.kind]
    with tenant_context(hold.opd):
        instance = model.objects.filter(pk=hold.object_id).first()
        if instance is None:
            raise ValidationError(_("Konten ini sudah dihapus oleh OPD."))
        _resolve(hold, status=ContentHold.Status.RELEASED, by=by)
        instance.guard_set_published(True)
        publish_content(instance, screened=False)
        # A later save of exactly this content is not held again; any edit is inspected anew.
        hold.content_hash = content_hash(instance)
        hold.save(update_fields=["content_hash"])


@transaction.atomic
def reject_hold(*, hold: ContentHold, by: str) -> None:
    """Kominfo confirmed the content is unwanted: it stays a draft for the OPD to clean up."""
    if not hold.is_open:
        raise ValidationError(_("Penahanan ini sudah diselesaikan."))
    _resolve(hold, status=ContentHold.Status.REJECTED, by=by)


@dataclass(frozen=True)
class ScanResult:
    opd: Opd
    kind: str
    object_id: int
    title: str
    findings: list[Finding]
    action: str  # "held", "would hold", "released" (Kominfo approved this exact content)


def scan_opd(opd: Opd, *, domains=None, dry_run: bool = False) -> list[ScanResult]:
    """Inspect every published item of `opd`; hold the suspicious ones unless `dry_run`."""
    results = []
    with tenant_context(opd):
        domains = allowed_domains() if domains is None else domains
        page_url = opd.site_url()
        for kind, model in guarded_models().items():
            suspicious = []
            for instance in model.objects.all().iterator(chunk_size=200):
                if instance.guard_is_published():
                    findings = inspect_html(
                        instance.guard_html(), allowed_domains=domains, page_url=page_url
                    )
                    if findings:
                        suspicious.append((instance, findings))
            for instance, findings in suspicious:
                if is_released(opd, instance):
                    action = "released"
                elif dry_run:
                    action = "would hold"
                else:
                    publish_content(instance)
                    action = "held"
                results.append(ScanResult(opd, kind, instance.pk, str(instance), findings, action))
    return results
