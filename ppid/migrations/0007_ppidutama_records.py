"""The pemda's records (ppidutama) of the requests and objections an OPD registered before the
records existed, written in every OPD schema as the upgrade migrates it (a new OPD has none
yet; ppid.records keeps them up to date from then on, and `rebuild_portal_index` rewrites
them). Facts only, never the applicant's data. Frozen on purpose: it must not follow later
changes of ppid.records."""

from django.db import migrations
from django_tenants.utils import get_public_schema_name

OPEN_STATUSES = ("diterima", "diproses", "diperpanjang")


def record_existing(apps, schema_editor):
    schema_name = schema_editor.connection.schema_name
    if schema_name == get_public_schema_name():
        return  # the router skips it there already; the portal's row has no register
    Opd = apps.get_model("tenants", "Opd")
    opd = Opd.objects.filter(schema_name=schema_name).first()
    if opd is None:
        return
    InformationRequest = apps.get_model("ppid", "InformationRequest")
    Objection = apps.get_model("ppid", "Objection")
    RequestRecord = apps.get_model("ppidutama", "RequestRecord")
    ObjectionRecord = apps.get_model("ppidutama", "ObjectionRecord")
    RequestRecord.objects.bulk_create(
        [
            RequestRecord(
                opd=opd,
                source_id=request.pk,
                number=request.number,
                year=request.year,
                status=request.status,
                received_at=request.received_at,
                due_date=request.due_date,
                extension_days=request.extension_days,
                decided_at=request.decided_at,
                refusal_ground=request.refusal_ground,
                is_open=request.status in OPEN_STATUSES,
            )
            for request in InformationRequest.objects.all()
        ],
        batch_size=500,
        ignore_conflicts=True,
    )
    ObjectionRecord.objects.bulk_create(
        [
            ObjectionRecord(
                opd=opd,
                source_id=objection.pk,
                request_source_id=objection.request_id,
                number=objection.number,
                year=objection.year,
                status=objection.status,
                outcome=objection.outcome,
                filed_at=objection.filed_at,
                due_date=objection.due_date,
                answered_at=objection.answered_at,
            )
            for objection in Objection.objects.all()
        ],
        batch_size=500,
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("ppid", "0006_forwarded_by_ppid_utama"),
        ("ppidutama", "0001_initial"),
        ("tenants", "0001_initial"),
    ]

    operations = [migrations.RunPython(record_existing, migrations.RunPython.noop)]
