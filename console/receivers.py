"""The console's checklist of an OPD is recomputed whenever content it counts changes."""

from django.db.models.signals import post_delete, post_save

from console.checklist import record_content_checklist
from core import registry


def connect_checklist(app: registry.ContentApp) -> None:
    for model in app.checklist_models:
        label = model._meta.label
        for signal in (post_save, post_delete):
            signal.connect(
                record_content_checklist,
                sender=model,
                dispatch_uid=f"checklist-{label}-{signal is post_save}",
            )


def connect() -> None:
    registry.on_register(connect_checklist)
