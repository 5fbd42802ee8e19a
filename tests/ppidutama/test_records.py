"""The OPD side writes the pemda's records of its PPID register (ppid.records), with facts only."""

import datetime

import pytest
from django.core.management import call_command
from django_tenants.utils import tenant_context

from ppid import services
from ppid.models import InformationRequest
from ppidutama.models import ObjectionRecord, RequestRecord
from tests.factories import make_operator
from tests.ppid.conftest import VALID_REQUEST, submit
from tests.ppidutama.conftest import seed_objection, seed_request

pytestmark = pytest.mark.django_db

PERSONAL_FIELDS = {
    "applicant_name", "identity_type", "identity_number", "address", "phone", "email",
    "occupation", "information_requested", "purpose", "notice", "refusal_basis",
    "extension_reason", "reason", "response", "tracking_code_hash", "submission_token",
    "id_scan", "notice_attachment", "answered_by",
}  # fmt: skip


def test_a_request_is_recorded_then_follows_its_status_then_disappears(opd_a):
    with tenant_context(opd_a):
        request = submit(opd_a).record
    record = RequestRecord.objects.get()
    assert (record.opd, record.source_id, record.number) == (opd_a, request.pk, request.number)
    assert (record.status, record.is_open, record.due_date) == ("diterima", True, request.due_date)
    with tenant_context(opd_a):
        user = make_operator("petugas")
        services.respond_to_request(
            opd=opd_a,
            request=request,
            by=user,
            decision=InformationRequest.Status.REFUSED,
            notice="Informasi dikecualikan.",
            refusal_ground=InformationRequest.RefusalGround.EXCLUDED,
            refusal_basis="Pasal 17 huruf a; uji konsekuensi terlampir.",
        )
    record.refresh_from_db()
    assert (record.status, record.is_open, record.refusal_ground) == ("ditolak", False, "pasal_17")
    assert record.decided_at is not None
    with tenant_context(opd_a):
        InformationRequest.objects.filter(pk=request.pk).get().delete()
    assert not RequestRecord.objects.exists()


def test_an_objection_is_recorded_answered_and_removed(opd_a):
    day = datetime.date(2025, 3, 3)
    request = seed_request(opd_a, 1, received=day, due=day, status="ditolak", decided=day,
                           ground="pasal_17")  # fmt: skip
    objection = seed_objection(opd_a, request, 1, filed=day, due=datetime.date(2025, 4, 14))
    record = ObjectionRecord.objects.get()
    assert (record.opd, record.source_id, record.request_source_id) == (
        opd_a, objection.pk, request.pk,
    )  # fmt: skip
    assert (record.status, record.outcome, record.answered_at) == ("diterima", "", None)
    with tenant_context(opd_a):
        objection.status, objection.outcome = "ditanggapi", "diterima"
        objection.answered_at = objection.filed_at
        objection.save()
    record.refresh_from_db()
    assert (record.status, record.outcome) == ("ditanggapi", "diterima")
    with tenant_context(opd_a):
        objection.delete()
    assert not ObjectionRecord.objects.exists()


def test_the_records_hold_no_personal_data(opd_a):
    with tenant_context(opd_a):
        request = submit(opd_a).record
    seed_objection(opd_a, request, 1, filed=datetime.date(2025, 3, 3),
                   due=datetime.date(2025, 4, 14))  # fmt: skip
    for model in (RequestRecord, ObjectionRecord):
        columns = {field.name for field in model._meta.get_fields()}
        assert not columns & PERSONAL_FIELDS, model
    stored = " ".join(
        str(value)
        for model in (RequestRecord, ObjectionRecord)
        for row in model.objects.values()
        for value in row.values()
    )
    for value in (*VALID_REQUEST.values(), "Budi Santoso"):
        if len(str(value)) > 6:
            assert str(value) not in stored


def test_two_opds_rows_are_separate(opd_a, opd_b):
    day = datetime.date(2025, 5, 5)
    # Each schema has its own ids, so the same id in two OPDs: the OPD tells the rows apart.
    a = seed_request(opd_a, 1, received=day, due=day, pk=7001)
    seed_request(opd_b, 1, received=day, due=day, pk=7001)
    assert RequestRecord.objects.filter(opd=opd_a).get().number.startswith("ALPHA/")
    assert RequestRecord.objects.filter(opd=opd_b).get().number.startswith("BETA/")
    with tenant_context(opd_a):
        a.delete()
    assert list(RequestRecord.objects.values_list("opd__slug", flat=True)) == ["beta"]


def test_the_rebuild_restores_missing_stale_and_removed_rows(opd_a, opd_b):
    """What an upgraded installation (or a restored OPD) gets from `rebuild_portal_index`."""
    day = datetime.date(2025, 5, 5)
    kept = seed_request(opd_a, 1, received=day, due=day)
    seed_request(opd_a, 2, received=day, due=day, status="dikabulkan_seluruhnya", decided=day)
    objection = seed_objection(opd_a, kept, 1, filed=day, due=day)
    seed_request(opd_b, 1, received=day, due=day)
    RequestRecord.objects.filter(opd=opd_a, source_id=kept.pk).delete()
    ObjectionRecord.objects.all().delete()
    RequestRecord.objects.filter(opd=opd_a).update(status="diterima", is_open=True)
    RequestRecord.objects.create(
        opd=opd_a, source_id=999, number="HILANG", year=2025, status="diterima",
        received_at=kept.received_at, due_date=day,
    )  # fmt: skip
    call_command("rebuild_portal_index", "alpha", stdout=None)
    rows = dict(RequestRecord.objects.filter(opd=opd_a).values_list("number", "status"))
    assert rows == {
        "ALPHA/PPID/2025/0001": "diterima",
        "ALPHA/PPID/2025/0002": "dikabulkan_seluruhnya",
    }
    assert not RequestRecord.objects.get(opd=opd_a, number="ALPHA/PPID/2025/0002").is_open
    assert ObjectionRecord.objects.get().source_id == objection.pk
    assert RequestRecord.objects.filter(opd=opd_b).count() == 1


def test_ppidutama_names_the_statuses_as_the_register_does():
    from ppid.models import Objection
    from ppidutama import statuses

    assert dict(InformationRequest.Status.choices) == statuses.REQUEST_STATUS_LABELS
    assert dict(InformationRequest.RefusalGround.choices) == statuses.REFUSAL_GROUND_LABELS
    assert statuses.OBJECTION_ANSWERED == Objection.Status.ANSWERED
    assert (statuses.OBJECTION_UPHELD, statuses.OBJECTION_REJECTED) == (
        Objection.Outcome.UPHELD, Objection.Outcome.REJECTED,
    )  # fmt: skip


def test_the_upgrade_migration_records_what_an_opd_had(opd_a, opd_b):
    """ppid 0007 in one OPD schema: the requests and objections registered before the records
    existed get theirs; a re-run adds nothing; the other OPD's rows are untouched."""
    import importlib

    from django.apps import apps
    from django.db import connection

    migration = importlib.import_module("ppid.migrations.0007_ppidutama_records")
    day = datetime.date(2025, 5, 5)
    request = seed_request(opd_a, 1, received=day, due=day, status="ditolak", decided=day,
                           ground="pasal_6")  # fmt: skip
    seed_objection(opd_a, request, 1, filed=day, due=day, outcome="ditolak")
    seed_request(opd_b, 1, received=day, due=day)
    RequestRecord.objects.filter(opd=opd_a).delete()
    ObjectionRecord.objects.filter(opd=opd_a).delete()

    class SchemaEditor:
        pass

    editor = SchemaEditor()
    editor.connection = connection
    for _run in range(2):
        with tenant_context(opd_a):
            migration.record_existing(apps, editor)
    record = RequestRecord.objects.get(opd=opd_a)
    assert (record.source_id, record.status, record.is_open, record.refusal_ground) == (
        request.pk, "ditolak", False, "pasal_6",
    )  # fmt: skip
    objection = ObjectionRecord.objects.get(opd=opd_a)
    assert (objection.request_source_id, objection.outcome) == (request.pk, "ditolak")
    assert RequestRecord.objects.filter(opd=opd_b).count() == 1
    # In the public schema (no OPD) it does nothing.
    migration.record_existing(apps, editor)
    assert RequestRecord.objects.count() == 2
