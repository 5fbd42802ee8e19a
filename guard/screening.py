"""The content guard's part in publishing: screen what is about to be published, hold what looks
injected (saved as a draft with a ContentHold saying why), settle a hold once the OPD publishes
clean content. publishing.services calls these in order; nothing here runs by itself on save.
"""

import hashlib
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from core import storage
from core.tenancy import current_opd
from guard.inspection import Finding, inspect_html, inspect_link, inspect_text
from guard.models import AllowedLinkDomain, ContentHold
from guard.notifications import notify_hold
from tenants.models import Domain, Opd

logger = logging.getLogger(__name__)


def allowed_domains() -> frozenset[str]:
    """Kominfo's allowlist plus the portal domain, every OPD domain (one query each) and the
    host public media are served from (S3_PUBLIC_URL, when it names one)."""
    return frozenset(
        {
            *AllowedLinkDomain.objects.values_list("domain", flat=True),
            *Domain.objects.values_list("domain", flat=True),
            settings.PORTAL_DOMAIN,
            *filter(None, [storage.media_host()]),
        }
    )


def check_text(text: str) -> None:
    """Refuse (ValidationError) a plain text for the sites that reads like spam or names a
    domain outside the allowlist: for form fields outside guarded content."""
    if text:
        _refuse(inspect_text(text, allowed_domains=allowed_domains()))


def check_link(url: str, *, page_url: str | None = None) -> None:
    """Refuse (ValidationError) a link for the sites that leads outside the allowlist or reads
    like spam: for URL fields outside guarded content."""
    if url:
        _refuse(inspect_link(url, allowed_domains=allowed_domains(), page_url=page_url))


def _refuse(findings: list[Finding]) -> None:
    messages = [finding.message for finding in findings]
    if any(finding.code == "external_link" for finding in findings):
        messages.append(_("Bila tautan itu memang perlu, minta Kominfo mengizinkan domainnya."))
    if messages:
        raise ValidationError(messages, code="guard")


def content_hash(instance) -> str:
    return hashlib.sha256(instance.guard_html().encode()).hexdigest()


def holds_of(opd: Opd, instance):
    return ContentHold.objects.filter(opd=opd, kind=instance.guard_kind, object_id=instance.pk)


def screen(instance) -> list[Finding]:
    """Inspect content about to be published; suspicious content is unpublished (not saved).

    Returns what was found: nothing for content that is not being published, content Kominfo
    released exactly as it is, or content outside an OPD schema. The guard never stops a save:
    if inspecting fails, the failure is logged and the content goes out as asked.
    """
    if not instance.guard_is_published():
        return []
    opd = current_opd()
    if opd is None:
        return []
    try:
        findings = inspect_html(
            instance.guard_html(), allowed_domains=allowed_domains(), page_url=opd.site_url()
        )
    except Exception:
        logger.exception("Content guard failed on %s %s", instance.guard_kind, instance.pk)
        return []
    if findings and instance.pk and is_released(opd, instance):
        return []
    if findings:
        instance.guard_set_published(False)
    return findings


def is_released(opd: Opd, instance) -> bool:
    """Kominfo released exactly this content (a later edit is inspected anew)."""
    return (
        holds_of(opd, instance)
        .filter(status=ContentHold.Status.RELEASED, content_hash=content_hash(instance))
        .exists()
    )


def settle_holds(instance) -> None:
    """Published cleanly (the OPD removed what was held): its open hold is settled."""
    opd = current_opd()
    if opd is not None:
        holds_of(opd, instance).filter(status=ContentHold.Status.HELD).update(
            status=ContentHold.Status.CLEARED, resolved_at=timezone.now(), resolved_by=""
        )


def record_hold(instance, findings: list[Finding]) -> ContentHold:
    """Keep why `instance` (saved, unpublished) was held; its admins and Kominfo hear of it."""
    opd = current_opd()
    as_dicts = [finding.as_dict() for finding in findings]
    hold = holds_of(opd, instance).filter(status=ContentHold.Status.HELD).first()
    changed = hold is None or hold.findings != as_dicts
    if hold is None:
        hold = ContentHold(opd=opd, kind=instance.guard_kind, object_id=instance.pk)
    hold.title = Truncator(str(instance)).chars(300)
    hold.findings = as_dicts
    hold.content_hash = content_hash(instance)
    hold.held_at = timezone.now()
    hold.save()
    logger.warning(
        "Content guard held %s %s of %s: %s",
        instance.guard_kind,
        instance.pk,
        opd.schema_name,
        ", ".join(finding.code for finding in findings),
    )
    if changed:
        notify_hold(hold.pk)
    return hold
