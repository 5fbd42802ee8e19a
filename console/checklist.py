"""What the console shows about an OPD's own content, recorded from inside the OPD's schema.

Pages, officials, DIP entries and information requests live in the OPD schema; the console must
not read them on a request. Whenever content a checklist counts changes, the content apps' own
checklist functions (core.registry) are asked again and their facts stored on the OPD's public
row (Opd.content_checklist).
"""

from core import registry
from core.tenancy import current_opd
from tenants.models import Opd


def content_checklist() -> dict[str, bool]:
    """The stored checklist facts of the current OPD (recent news is derived elsewhere)."""
    facts = {}
    for app in registry.content_apps():
        if app.checklist is not None:
            facts.update(app.checklist())
    return facts


def record_content_checklist(**kwargs) -> None:
    """Signal receiver and rebuild step: store the current OPD's checklist on its public row."""
    opd = current_opd()
    if opd is not None:
        Opd.objects.filter(pk=opd.pk).update(content_checklist=content_checklist())


def record_summaries() -> None:
    """Everything the console shows about the current OPD, recorded anew (after a restore)."""
    record_content_checklist()
    for app in registry.content_apps():
        if app.record_summary is not None:
            app.record_summary()
