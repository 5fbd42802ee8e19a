"""Take citizens' personal data and secrets out of the audit log.

Until now every field of an information request or objection was copied into the public-schema
audit table (name, NIK, address, phone, e-mail, the request's text, the tracking code's hash,
the submission token). Keep only the fields the models now allow (their `audit_fields`), as
they were when this migration was written: a migration must not change with later code.
"""

from django.db import migrations

ALLOWED_CHANGES = {
    "ppid.InformationRequest": {
        "number",
        "year",
        "obtain_method",
        "delivery_method",
        "status",
        "received_at",
        "due_date",
        "extension_days",
        "decided_at",
        "refusal_ground",
    },
    "ppid.Objection": {
        "number",
        "year",
        "request_id",
        "ground",
        "filed_at",
        "due_date",
        "status",
        "outcome",
        "answered_at",
        "answered_by_id",
    },
}


def scrub(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    for object_type, allowed in ALLOWED_CHANGES.items():
        events = AuditEvent.objects.filter(object_type=object_type).exclude(changes={})
        for event in events.iterator(chunk_size=500):
            kept = {key: value for key, value in event.changes.items() if key in allowed}
            if kept != event.changes:
                event.changes = kept
                event.save(update_fields=["changes"])


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_alter_auditevent_action")]

    operations = [migrations.RunPython(scrub, migrations.RunPython.noop, elidable=True)]
