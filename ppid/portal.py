"""What the main domain holds of the OPD's DIP entries: the portal's public index
(mainsite.PublishedItem), so the portal search finds them ("renstra", "peta rawan") across OPDs,
and the pemda's DIP (ppidutama.DipEntry), the Daftar Informasi Publik of every OPD at
`/ppid/informasi/` on the main domain."""

from django.conf import settings
from django.db import connection
from django.urls import reverse

from core.registry import PublicIndex
from mainsite.index import IndexEntry
from ppid.models import PublicInformation
from ppidutama import dip as pemda_dip


def _site_url(path: str) -> str:
    return connection.tenant.site_url(path)


def _dip_path(information) -> str:
    return reverse("ppid:dip", urlconf=settings.ROOT_URLCONF) + f"#informasi-{information.pk}"


def information_entry(information) -> IndexEntry:
    return IndexEntry(
        kind=PublicInformation.guard_kind,
        source_id=information.pk,
        title=information.title,
        summary=information.summary,
        url=_site_url(_dip_path(information)),
        category=str(information.get_category_display()),
        published_at=information.created_at,
    )


def index_entries() -> list[IndexEntry]:
    """Every published DIP entry of the current OPD (used to rebuild the index)."""
    return [information_entry(item) for item in PublicInformation.objects.published()]


def pemda_dip_row(information) -> pemda_dip.DipRow:
    """The entry as the OPD's own DIP page shows it (templates/ppid/dip.html): an excluded entry
    with its legal basis and consequence test and no document, the others with the OPD's
    download address when they have a file or a link."""
    document_url = ""
    if not information.is_excluded and (information.file or information.link):
        document_url = _site_url(
            reverse("ppid:document", args=[information.pk], urlconf=settings.ROOT_URLCONF)
        )
    return pemda_dip.DipRow(
        source_id=information.pk,
        number=information.number,
        title=information.title,
        summary=information.summary,
        holder=information.holder,
        responsible_person=information.responsible_person,
        produced_when=information.produced_when,
        produced_where=information.produced_where,
        available_format=str(information.get_available_format_display()),
        retention_period=information.retention_period,
        year=information.year,
        category=information.category,
        url=_site_url(_dip_path(information)),
        document_url=document_url,
        has_file=bool(document_url and information.file),
        file_type=information.file_type if document_url and information.file else "",
        exclusion_legal_basis=information.exclusion_legal_basis if information.is_excluded else "",
        exclusion_consequence=information.exclusion_consequence if information.is_excluded else "",
        exclusion_tested_on=information.exclusion_tested_on if information.is_excluded else None,
    )


def pemda_dip_saved(information) -> None:
    if information.guard_is_published():
        pemda_dip.record_entry(pemda_dip_row(information))
    else:
        pemda_dip.remove_entry(source_id=information.pk)


def pemda_dip_deleted(pk: int) -> None:
    pemda_dip.remove_entry(source_id=pk)


def rebuild_pemda_dip() -> int:
    """Every published DIP entry of the current OPD, written anew to the pemda's DIP."""
    rows = (pemda_dip_row(item) for item in PublicInformation.objects.published())
    return pemda_dip.replace_opd_entries(rows)


PEMDA_DIP = PublicIndex(
    key="dip-pemda",
    saved=pemda_dip_saved,
    deleted=pemda_dip_deleted,
    rebuild=rebuild_pemda_dip,
)
