"""The facts of the OPD's requests and objections on the pemda's public tables (ppidutama), so
PPID Utama's dashboard and the pemda-wide annual report (Perki 1/2021 Pasal 56) never read an
OPD schema. Only the fields listed here travel: never the applicant's identity, contacts, the
request's text, the objection's reason or the answer (ARCHITECTURE.md §3)."""

from core.tenancy import current_opd
from ppid.models import InformationRequest, Objection
from ppidutama.models import ObjectionRecord, RequestRecord

REQUEST_FIELDS = (
    "number",
    "year",
    "status",
    "received_at",
    "due_date",
    "extension_days",
    "decided_at",
    "refusal_ground",
)
OBJECTION_FIELDS = (
    "number",
    "year",
    "status",
    "outcome",
    "filed_at",
    "due_date",
    "answered_at",
)


def request_facts(request: InformationRequest) -> dict:
    facts = {name: getattr(request, name) for name in REQUEST_FIELDS}
    facts["is_open"] = request.status in InformationRequest.OPEN_STATUSES
    return facts


def objection_facts(objection: Objection) -> dict:
    facts = {name: getattr(objection, name) for name in OBJECTION_FIELDS}
    facts["request_source_id"] = objection.request_id
    return facts


def request_saved(sender, instance: InformationRequest, raw=False, **kwargs) -> None:
    opd = current_opd()
    if opd is not None and not raw:
        RequestRecord.objects.update_or_create(
            opd=opd, source_id=instance.pk, defaults=request_facts(instance)
        )


def request_deleted(sender, instance: InformationRequest, **kwargs) -> None:
    opd = current_opd()
    if opd is not None:
        RequestRecord.objects.filter(opd=opd, source_id=instance.pk).delete()


def objection_saved(sender, instance: Objection, raw=False, **kwargs) -> None:
    opd = current_opd()
    if opd is not None and not raw:
        ObjectionRecord.objects.update_or_create(
            opd=opd, source_id=instance.pk, defaults=objection_facts(instance)
        )


def objection_deleted(sender, instance: Objection, **kwargs) -> None:
    opd = current_opd()
    if opd is not None:
        ObjectionRecord.objects.filter(opd=opd, source_id=instance.pk).delete()


def rebuild_records() -> None:
    """Rebuild step (console.checklist.record_summaries, which `rebuild_portal_index` runs for
    every OPD, e.g. after a restore or an upgrade): the current OPD's records anew from its own
    register, and rows of requests and objections that no longer exist removed. A fixed number
    of queries per batch of 500, whatever the number of requests."""
    opd = current_opd()
    if opd is None:
        return
    requests = [
        RequestRecord(opd=opd, source_id=request.pk, **request_facts(request))
        for request in InformationRequest.objects.only(*REQUEST_FIELDS)
    ]
    objections = [
        ObjectionRecord(opd=opd, source_id=objection.pk, **objection_facts(objection))
        for objection in Objection.objects.only("request_id", *OBJECTION_FIELDS)
    ]
    RequestRecord.objects.filter(opd=opd).exclude(
        source_id__in=[record.source_id for record in requests]
    ).delete()
    ObjectionRecord.objects.filter(opd=opd).exclude(
        source_id__in=[record.source_id for record in objections]
    ).delete()
    RequestRecord.objects.bulk_create(
        requests,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["opd", "source_id"],
        update_fields=[*REQUEST_FIELDS, "is_open", "updated_at"],
    )
    ObjectionRecord.objects.bulk_create(
        objections,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["opd", "source_id"],
        update_fields=[*OBJECTION_FIELDS, "request_source_id", "updated_at"],
    )
