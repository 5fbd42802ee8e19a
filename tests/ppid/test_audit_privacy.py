"""The public-schema audit log records that a request or objection was filed or changed, and by
whom; never a citizen's personal data or a secret (ARCHITECTURE.md §3)."""

import json

import pytest

from audit.models import AuditEvent
from audit.services import audited_fields
from ppid import services
from ppid.models import InformationRequest, Objection, PublicInformation
from tests.ppid.conftest import VALID_REQUEST, petugas, submit, token

Status = InformationRequest.Status

# Every field of the PPID models that holds a citizen's data, a citizen's words, a decision
# addressed to a citizen, a private file or a secret.
PERSONAL_OR_SECRET = {
    InformationRequest: {
        "applicant_name",
        "identity_type",
        "identity_number",
        "address",
        "phone",
        "email",
        "occupation",
        "information_requested",
        "purpose",
        "id_scan",
        "notice",
        "notice_attachment",
        "extension_reason",
        "refusal_basis",
        "tracking_code_hash",
        "submission_token",
    },
    Objection: {"reason", "response", "tracking_code_hash", "submission_token"},
}
NOT_PERSONAL_CHOICES = ("identity_type", "obtain_method", "delivery_method")


@pytest.mark.parametrize("model", list(PERSONAL_OR_SECRET), ids=lambda model: model.__name__)
def test_no_personal_or_secret_field_is_audited(model):
    audited = {field.name for field in audited_fields(model)}
    assert audited, "the log still records that the record changed"
    assert not audited & PERSONAL_OR_SECRET[model]


def test_every_field_of_a_citizens_record_was_decided_on():
    """A field added later is either allowed into the log or listed here as personal: adding
    one forces that decision."""
    for model, personal in PERSONAL_OR_SECRET.items():
        audited = {field.name for field in audited_fields(model)}
        own = {
            field.name
            for field in model._meta.concrete_fields
            if not field.primary_key and field.name != "sequence"
        }
        assert own == audited | personal, model.__name__


def test_filing_deciding_and_objecting_leave_no_personal_data_in_the_log(
    opd_a, in_opd, django_capture_on_commit_callbacks
):
    before = set(AuditEvent.objects.values_list("pk", flat=True))
    objection_reason = "Dokumen itu ada di lemari arsip Bu Siti, Jl. Melati 7."
    with in_opd(opd_a), django_capture_on_commit_callbacks(execute=True):
        user = petugas()
        submission = submit(opd_a)
        request = submission.record
        services.start_processing(request=request, by=user, note="Diteruskan ke bidang.")
        services.extend_request(
            opd=opd_a, request=request, by=user, days=7, reason="Menunggu Budi Santoso."
        )
        request = services.respond_to_request(
            opd=opd_a,
            request=request,
            by=user,
            decision=Status.NOT_HELD,
            notice="Yth. Budi Santoso, Jl. Merdeka No. 1: informasi tidak dikuasai.",
        )
        objection = services.file_objection(
            opd=opd_a,
            request=request,
            ground="e",
            reason=objection_reason,
            submission_token=token(),
        ).record
    events = AuditEvent.objects.exclude(pk__in=before).filter(object_type__startswith="ppid.")
    recorded = {(event.object_type, event.action) for event in events}
    assert {
        ("ppid.InformationRequest", "create"),
        ("ppid.InformationRequest", "change"),
        ("ppid.Objection", "create"),
    } <= recorded
    assert all(event.opd_id == opd_a.pk for event in events)
    assert any(event.changes.get("status") for event in events), "the facts are still recorded"
    logged = json.dumps([[event.object_repr, event.changes] for event in events])
    personal = [v for k, v in VALID_REQUEST.items() if k not in NOT_PERSONAL_CHOICES]
    secrets = [
        submission.tracking_code,
        request.tracking_code_hash,
        request.submission_token,
        objection.tracking_code_hash,
        objection.submission_token,
    ]
    for value in [*personal, "Budi Santoso", objection_reason, *secrets]:
        assert value not in logged


def test_a_dip_entry_is_still_audited_in_full():
    """DIP entries are public information: the log keeps what changed in them."""
    audited = {field.name for field in audited_fields(PublicInformation)}
    assert {"title", "summary", "number", "holder", "is_published"} <= audited
