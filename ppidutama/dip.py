"""Writing the pemda's DIP (ppidutama.DipEntry, public schema) from an OPD's schema.

The ppid app calls these through core.registry.PublicIndex whenever an entry of its DIP is
published, changed, unpublished or deleted, and to rebuild an OPD's rows; the main domain's
`/ppid/informasi/` then reads this table only, never an OPD schema.
"""

import datetime
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from django.db import transaction
from django_tenants.utils import get_public_schema_name

from core import pagecache
from core.tenancy import current_opd
from ppidutama.models import DipEntry
from tenants.models import Opd


@dataclass(frozen=True)
class DipRow:
    """The public columns of one published DIP entry, as the OPD's own DIP page shows them."""

    source_id: int
    number: str
    title: str
    summary: str
    holder: str
    responsible_person: str
    produced_when: str
    produced_where: str
    available_format: str
    retention_period: str
    year: int
    category: str
    url: str
    document_url: str = ""
    has_file: bool = False
    file_type: str = ""
    exclusion_legal_basis: str = ""
    exclusion_consequence: str = ""
    exclusion_tested_on: datetime.date | None = None

    def columns(self) -> dict:
        values = asdict(self)
        if self.category == DipEntry.Category.EXCLUDED:
            # Excluded information is listed, never handed out (UU 14/2008 Pasal 17).
            values.update(document_url="", has_file=False, file_type="")
        return values


def _writing_opd() -> Opd:
    opd = current_opd()
    if opd is None:
        raise RuntimeError("The pemda's DIP is written from an OPD schema.")
    return opd


def pemda_dip_changed() -> None:
    """The portal's cached pages (the pemda's DIP and its CSV) are stale."""
    pagecache.invalidate(get_public_schema_name())


def record_entry(row: DipRow, *, opd: Opd | None = None) -> None:
    """Insert or update one published entry of the OPD's DIP."""
    opd = opd or _writing_opd()
    columns = row.columns()
    source_id = columns.pop("source_id")
    DipEntry.objects.update_or_create(opd=opd, source_id=source_id, defaults=columns)
    pemda_dip_changed()


def remove_entry(*, source_id: int, opd: Opd | None = None) -> None:
    """Remove an unpublished or deleted entry."""
    opd = opd or _writing_opd()
    deleted, _by_model = DipEntry.objects.filter(opd=opd, source_id=source_id).delete()
    if deleted:
        pemda_dip_changed()


@transaction.atomic
def replace_opd_entries(rows: Iterable[DipRow], *, opd: Opd | None = None) -> int:
    """Write the OPD's rows anew from its own DIP (a rebuild); the number of rows."""
    opd = opd or _writing_opd()
    DipEntry.objects.filter(opd=opd).delete()
    entries = DipEntry.objects.bulk_create(DipEntry(opd=opd, **row.columns()) for row in rows)
    pemda_dip_changed()
    return len(entries)
