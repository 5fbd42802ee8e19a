"""The Pasal 56 annual report (ppidutama.reports) as a Word document, which the PPID completes
(the narrative parts), signs and sends; python-docx writes it (README, Dependencies)."""

import io

from django.utils.formats import date_format, localize
from django.utils.translation import gettext as _

from ppidutama import reports


def annual_report_docx(report: reports.AnnualReport, pemda_name: str) -> bytes:
    from docx import Document  # imported on use: only this download needs it

    document = Document()
    body = report.opd.name if report.opd is not None else pemda_name
    document.add_heading(
        _("Laporan Layanan Informasi Publik %(body)s Tahun %(year)d")
        % {"body": body, "year": report.year},
        level=0,
    )
    document.add_paragraph(
        _(
            "Disusun menurut Peraturan Komisi Informasi Nomor 1 Tahun 2021 tentang Standar "
            "Layanan Informasi Publik, Pasal 56; disampaikan paling lambat %(due)s."
        )
        % {"due": date_format(report.due_date, "j F Y")}
    )
    if report.opd is not None:
        document.add_paragraph(pemda_name)

    _narrative(document, report, "policy")
    _narrative(document, report, "implementation")

    document.add_heading(str(reports.FIGURES_HEADING), level=1)
    _table(document, [_("Uraian"), *(f.label for f in report.figures)], report.table)
    document.add_heading(_("Alasan penolakan"), level=2)
    for label, count in report.refusal_grounds:
        document.add_paragraph(f"{label}: {count}", style="List Bullet")
    if report.opd is None:
        document.add_heading(_("Rincian per OPD (setahun)"), level=2)
        _table(
            document,
            reports.opd_table_header(),
            [reports.opd_table_row(item) for item in report.per_opd],
        )

    document.add_heading(str(reports.DISPUTES_HEADING), level=1)
    year = report.figures[2]
    document.add_paragraph(
        _(
            "Keberatan diterima: %(received)d; ditanggapi: %(answered)d; dikabulkan: "
            "%(upheld)d; ditolak: %(rejected)d."
        )
        % {
            "received": year.objections_received,
            "answered": year.objections_answered,
            "upheld": year.objections_upheld,
            "rejected": year.objections_rejected,
        }
    )
    _narrative(document, report, "disputes", level=2)
    _narrative(document, report, "obstacles")
    _narrative(document, report, "recommendations")

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _narrative(document, report, key: str, *, level: int = 1) -> None:
    heading, hint = reports.NARRATIVE_PARTS[key]
    document.add_heading(str(heading), level=level)
    text = report.narratives.get(key, "")
    if text:
        for paragraph in text.splitlines():
            if paragraph.strip():
                document.add_paragraph(paragraph.strip())
    else:
        document.add_paragraph(f"[{reports.TO_BE_FILLED}: {hint}]")


def _table(document, header, rows) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = str(text)
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = "–" if value == "" else str(localize(value))
