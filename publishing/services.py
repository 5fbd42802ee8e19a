"""Publishing: what happens when content citizens may see is saved or deleted.

`publish_content()` reads top to bottom: screen, save, hold or settle, index, invalidate, audit,
all in one transaction; e-mails and the second cache invalidation wait for the commit. Every
publishable kind of content (core.registry) goes through it: the OPD admin, Kominfo releasing a
hold, the content scan, the demo seed. A model's `save()` only derives its own fields
(sanitised HTML, plain text, renditions).
"""

from dataclasses import dataclass

from django.db import models, transaction

from audit.models import AuditEvent
from audit.services import changes_between, record, snapshot
from core import pagecache, registry
from guard.inspection import Finding
from guard.screening import record_hold, screen, settle_holds
from mainsite.index import index_item, unindex_item


@dataclass(frozen=True)
class Outcome:
    """What saving did: the audit action written, and why the guard held it (if it did)."""

    action: str | None
    findings: list[Finding]

    @property
    def held(self) -> bool:
        return bool(self.findings)


@transaction.atomic
def publish_content(instance: models.Model, *, screened: bool = True) -> Outcome:
    """Save `instance`, a publishable model, with everything publishing it means.

    `screened=False` skips the content guard: Kominfo releasing exactly what it reviewed.
    """
    publishable = _publishable(instance)
    stored = _stored(instance)
    before = snapshot(stored) if stored is not None else None
    was_published = stored is not None and stored.guard_is_published()

    findings = screen(instance) if screened else []
    instance.save()
    if findings:
        record_hold(instance, findings)
    elif screened and instance.guard_is_published():
        settle_holds(instance)

    if publishable.index_entry is not None:
        # An index_entry of None: published, but not to be shown (an expired announcement).
        entry = publishable.index_entry(instance) if instance.guard_is_published() else None
        if entry is not None:
            index_item(entry)
        else:
            unindex_item(kind=publishable.kind, source_id=instance.pk)
    for public_index in publishable.public_indexes:
        public_index.saved(instance)

    # The content apps' receivers retire the cached pages on any save too (a save from a shell or
    # a script must not leave stale pages); doing it here keeps this function's order whole.
    pagecache.invalidate()

    if findings:
        record(
            AuditEvent.Action.HOLD,
            instance=instance,
            changes={"findings": [finding.code for finding in findings]},
        )
    action = _action(stored is None, was_published, instance.guard_is_published())
    changes = changes_between(before, snapshot(instance))
    if action == AuditEvent.Action.CHANGE and not changes:
        action = None
    if action is not None:
        record(action, instance=instance, changes=changes)
    return Outcome(action=action, findings=findings)


@transaction.atomic
def delete_content(instance: models.Model) -> None:
    """Delete `instance`: it leaves the portal index and the cached pages, and the log says so."""
    publishable = _publishable(instance)
    pk = instance.pk
    record(AuditEvent.Action.DELETE, instance=instance)
    instance.delete()
    if publishable.index_entry is not None:
        unindex_item(kind=publishable.kind, source_id=pk)
    for public_index in publishable.public_indexes:
        public_index.deleted(pk)
    pagecache.invalidate()


def _publishable(instance: models.Model) -> registry.Publishable:
    publishable = registry.publishable_for(type(instance))
    if publishable is None:
        raise LookupError(f"{type(instance).__name__} is not a registered publishable model.")
    return publishable


def _stored(instance: models.Model) -> models.Model | None:
    """The row as it is before this save, or None for new content."""
    if instance._state.adding or instance.pk is None:
        return None
    return type(instance)._base_manager.filter(pk=instance.pk).first()


def _action(created: bool, was_published: bool, is_published: bool) -> str:
    if created:
        return AuditEvent.Action.CREATE
    if is_published and not was_published:
        return AuditEvent.Action.PUBLISH
    if was_published and not is_published:
        return AuditEvent.Action.UNPUBLISH
    return AuditEvent.Action.CHANGE
