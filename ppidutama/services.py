"""Writes of PPID Utama with consequences beyond one form."""

from ppidutama.models import AnnualReportNarrative
from tenants.models import Opd


def save_narrative(*, opd: Opd | None, year: int, texts: dict[str, str], by) -> None:
    """Store the PPID's own words of the `year` report of `opd` (None: the pemda's), one row
    per report (the unique constraint settles a concurrent first save)."""
    fields = {name: texts.get(name, "").strip() for name in AnnualReportNarrative.TEXT_FIELDS}
    AnnualReportNarrative.objects.update_or_create(
        opd=opd, year=year, defaults={**fields, "updated_by": by}
    )
