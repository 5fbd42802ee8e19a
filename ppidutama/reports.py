"""The laporan layanan informasi publik (Peraturan Komisi Informasi Nomor 1 Tahun 2021 tentang
Standar Layanan Informasi Publik, Pasal 56) of the whole pemda and of each OPD, for the year
before, due by 31 March: computed from the records every OPD's PPID register writes
(ppidutama.models.records), never from an OPD schema, in a fixed number of queries.

The figures follow the OPD's own report (ppid/reports.py: semester I, semester II, the year)
and the report's content list (Pasal 56): a. gambaran umum kebijakan pelayanan informasi
publik; b. gambaran umum pelaksanaan pelayanan informasi publik; c. rincian pelayanan
informasi publik (jumlah permohonan, waktu yang diperlukan untuk memenuhi setiap permohonan,
jumlah permohonan yang dikabulkan seluruhnya atau sebagian dan yang ditolak, alasan
penolakan); d. rincian penyelesaian sengketa informasi publik (keberatan yang diterima dan
tanggapannya; permohonan penyelesaian sengketa ke Komisi Informasi); e. kendala eksternal dan
internal; f. rekomendasi dan rencana tindak lanjut. Parts a, b, e and f (and the disputes at
the Komisi Informasi, which the platform does not register) are the PPID's own words: they
are marked to be filled in."""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ppidutama import statuses
from ppidutama.models import (
    AnnualReportNarrative,
    ObjectionRecord,
    PemdaObjection,
    PemdaRequest,
    RequestRecord,
)
from ppidutama.submissions import RequestDecision
from tenants.models import Opd
from workdays import counting as workdays

FIRST_REPORT_YEAR = 2008  # UU 14/2008, the year public bodies' duty began


@dataclass
class ServiceFigures:
    label: str
    received: int = 0
    granted: int = 0
    partially_granted: int = 0
    refused: int = 0
    not_held: int = 0
    pending: int = 0
    refused_by_ground: Counter = field(default_factory=Counter)
    decided: int = 0
    decided_on_time: int = 0
    decision_working_days: int = 0
    longest_decision_days: int | None = None
    objections_received: int = 0
    objections_answered: int = 0
    objections_upheld: int = 0
    objections_rejected: int = 0

    @property
    def average_decision_days(self) -> float | None:
        if not self.decided:
            return None
        return round(self.decision_working_days / self.decided, 1)

    @property
    def decided_late(self) -> int:
        return self.decided - self.decided_on_time


@dataclass
class OpdFigures:
    opd: Opd
    figures: list[ServiceFigures]  # semester I, semester II, the year

    @property
    def year(self) -> ServiceFigures:
        return self.figures[2]


@dataclass
class AnnualReport:
    year: int
    # None: the whole pemda's report.
    opd: Opd | None
    figures: list[ServiceFigures]
    per_opd: list[OpdFigures]
    # The PPID's own words for the NARRATIVE_PARTS, by key ("" or missing: to be filled in).
    narratives: dict[str, str] = field(default_factory=dict)

    @property
    def narrative_parts(self) -> list[dict]:
        return [
            {"key": key, "heading": heading, "hint": hint, "text": self.narratives.get(key, "")}
            for key, (heading, hint) in NARRATIVE_PARTS.items()
        ]

    @property
    def due_date(self) -> datetime.date:
        """31 March of the next year (Pasal 56)."""
        return datetime.date(self.year + 1, 3, 31)

    @property
    def table(self) -> list[list]:
        return figures_table(self.figures)

    @property
    def refusal_grounds(self) -> list[tuple[str, int]]:
        year = self.figures[2]
        return [
            (str(label), year.refused_by_ground.get(ground, 0))
            for ground, label in statuses.REFUSAL_GROUND_LABELS.items()
        ]


def default_report_year() -> int:
    """The year whose report is due (by 31 March): the one before."""
    return timezone.localdate().year - 1


def parse_report_year(value) -> int:
    """The year asked for in `?tahun=`; anything else (not a number, before UU 14/2008, in the
    future) gives the default year: a bad address still shows a report."""
    try:
        year = int(str(value).strip())
    except (TypeError, ValueError):
        return default_report_year()
    if not FIRST_REPORT_YEAR <= year <= timezone.localdate().year:
        return default_report_year()
    return year


def report_years(*, opd: Opd | None = None, including: int | None = None) -> list[int]:
    """Years with records, newest first, with the current year, the default one and `including`."""
    records = RequestRecord.objects.all() if opd is None else RequestRecord.objects.filter(opd=opd)
    years = set(records.values_list("year", flat=True).distinct())
    years |= {timezone.localdate().year, default_report_year()}
    if including is not None:
        years.add(including)
    return sorted(years, reverse=True)


def annual_report(year: int, *, opd: Opd | None = None) -> AnnualReport:
    """The report of `year` for the pemda (every OPD with records that year, and every active
    one, PPID Utama's own requests and the objections to the pemda's Atasan PPID) or for one
    OPD, with the PPID's narrative if written. Six queries."""
    if opd is None:
        opds = list(
            Opd.objects.sites()
            .filter(
                Q(is_active=True)
                | Q(ppid_request_records__year=year)
                | Q(ppid_objection_records__year=year)
            )
            .distinct()
            .order_by("name")
        )
    else:
        opds = [opd]
    per_opd = {item.pk: OpdFigures(opd=item, figures=_empty_figures()) for item in opds}
    total = _empty_figures()
    # A request an OPD returned or passed on is counted where it ended, once.
    requests = RequestRecord.objects.filter(year=year, opd__in=[item.pk for item in opds]).exclude(
        status=RequestDecision.HANDED_OVER
    )
    facts = list(
        requests.values_list(
            "opd_id", "received_at", "status", "refusal_ground", "due_date", "decided_at"
        )
    )
    if opd is None:
        # ...and the pemda's own: those PPID Utama still holds or answered itself.
        held = PemdaRequest.objects.filter(year=year).exclude(stage=PemdaRequest.Stage.FORWARDED)
        facts += [
            (None, received_at, decision or RequestDecision.RECEIVED, ground, due_date, decided_at)
            for received_at, decision, ground, due_date, decided_at in held.values_list(
                "received_at", "decision", "refusal_ground", "due_date", "decided_at"
            )
        ]
    for opd_id, received_at, status, ground, due_date, decided_at in facts:
        received_on = timezone.localdate(received_at)
        decided_on = None if decided_at is None else timezone.localdate(decided_at)
        semester = received_on.month > 6
        counted = (total,) if opd_id is None else (per_opd[opd_id].figures, total)
        for figures in counted:
            for item in (figures[semester], figures[2]):
                _count_request(item, status, ground, received_on, due_date, decided_on)
    objections = ObjectionRecord.objects.filter(year=year, opd__in=[item.pk for item in opds])
    for opd_id, filed_at, status, outcome in objections.values_list(
        "opd_id", "filed_at", "status", "outcome"
    ):
        semester = timezone.localdate(filed_at).month > 6
        for figures in (per_opd[opd_id].figures, total):
            for item in (figures[semester], figures[2]):
                _count_objection(item, status, outcome)
    if opd is None:
        # ...and those filed with the pemda's own Atasan PPID at the portal (ppidutama.objections).
        for filed_at, status, outcome in PemdaObjection.objects.filter(year=year).values_list(
            "filed_at", "status", "outcome"
        ):
            semester = timezone.localdate(filed_at).month > 6
            for item in (total[semester], total[2]):
                _count_objection(item, status, outcome)
    narrative = AnnualReportNarrative.objects.filter(opd=opd, year=year).first()
    return AnnualReport(
        year=year,
        opd=opd,
        figures=total,
        per_opd=list(per_opd.values()),
        narratives={} if narrative is None else narrative.texts(),
    )


def _empty_figures() -> list[ServiceFigures]:
    return [
        ServiceFigures(label=str(_("Semester I"))),
        ServiceFigures(label=str(_("Semester II"))),
        ServiceFigures(label=str(_("Setahun"))),
    ]


def _count_request(figures, status, ground, received_on, due_date, decided_on) -> None:
    figures.received += 1
    if status == "dikabulkan_seluruhnya":
        figures.granted += 1
    elif status == "dikabulkan_sebagian":
        figures.partially_granted += 1
    elif status == "ditolak":
        figures.refused += 1
        figures.refused_by_ground[ground] += 1
    elif status == "tidak_dikuasai":
        figures.not_held += 1
    else:
        figures.pending += 1
    if decided_on is not None:
        days = workdays.working_days_between(received_on, decided_on)
        figures.decided += 1
        figures.decision_working_days += days
        figures.decided_on_time += decided_on <= due_date
        figures.longest_decision_days = max(days, figures.longest_decision_days or 0)


def _count_objection(figures, status, outcome) -> None:
    figures.objections_received += 1
    if status == statuses.OBJECTION_ANSWERED:
        figures.objections_answered += 1
    if outcome == statuses.OBJECTION_UPHELD:
        figures.objections_upheld += 1
    elif outcome == statuses.OBJECTION_REJECTED:
        figures.objections_rejected += 1


def figures_table(figures: list[ServiceFigures]) -> list[list]:
    """Rows of (indicator, semester I, semester II, year), as the OPD's own report has them."""

    def row(label, getter):
        return [str(label), *(getter(item) for item in figures)]

    rows = [
        row(_("Permohonan diterima"), lambda f: f.received),
        row(_("Dikabulkan seluruhnya"), lambda f: f.granted),
        row(_("Dikabulkan sebagian"), lambda f: f.partially_granted),
        row(_("Ditolak"), lambda f: f.refused),
    ]
    for ground, label in statuses.REFUSAL_GROUND_LABELS.items():
        rows.append(
            row(
                _("Ditolak: %(ground)s") % {"ground": label},
                lambda f, ground=ground: f.refused_by_ground.get(ground, 0),
            )
        )
    rows += [
        row(_("Informasi tidak dikuasai"), lambda f: f.not_held),
        row(_("Masih diproses"), lambda f: f.pending),
        row(
            _("Rata-rata waktu pemberitahuan tertulis (hari kerja)"),
            lambda f: "" if f.average_decision_days is None else f.average_decision_days,
        ),
        row(
            _("Waktu pemberitahuan terlama (hari kerja)"),
            lambda f: "" if f.longest_decision_days is None else f.longest_decision_days,
        ),
        row(_("Diputuskan dalam batas waktu"), lambda f: f.decided_on_time),
        row(_("Diputuskan melewati batas waktu"), lambda f: f.decided_late),
        row(_("Keberatan diterima"), lambda f: f.objections_received),
        row(_("Keberatan ditanggapi"), lambda f: f.objections_answered),
        row(_("Keberatan dikabulkan"), lambda f: f.objections_upheld),
        row(_("Keberatan ditolak"), lambda f: f.objections_rejected),
    ]
    return rows


def opd_table_header() -> list[str]:
    return [
        str(_("OPD")),
        str(_("Permohonan")),
        str(_("Dikabulkan seluruhnya")),
        str(_("Dikabulkan sebagian")),
        str(_("Ditolak")),
        str(_("Tidak dikuasai")),
        str(_("Masih diproses")),
        str(_("Rata-rata hari kerja")),
        str(_("Melewati batas waktu")),
        str(_("Keberatan")),
        str(_("Keberatan dikabulkan")),
    ]


def opd_table_row(item: OpdFigures) -> list:
    """One OPD's line of the pemda report's table (the year's figures)."""
    year = item.year
    return [
        item.opd.name,
        year.received,
        year.granted,
        year.partially_granted,
        year.refused,
        year.not_held,
        year.pending,
        "" if year.average_decision_days is None else year.average_decision_days,
        year.decided_late,
        year.objections_received,
        year.objections_upheld,
    ]


# The parts of the report only the PPID can write (Pasal 56), in the report's order, each with
# what it covers; the figures sit between them (3. and 4.).
NARRATIVE_PARTS = {
    "policy": (
        _("1. Gambaran umum kebijakan pelayanan informasi publik"),
        _(
            "Kebijakan, peraturan, SOP dan maklumat layanan informasi; PPID Utama dan PPID "
            "Pelaksana."
        ),
    ),
    "implementation": (
        _("2. Gambaran umum pelaksanaan pelayanan informasi publik"),
        _("Sarana dan prasarana, sumber daya manusia, dan anggaran pelayanan informasi."),
    ),
    "disputes": (
        _("Sengketa informasi di Komisi Informasi dan gugatan ke pengadilan"),
        _(
            "Jumlah permohonan penyelesaian sengketa ke Komisi Informasi, hasil mediasi dan/atau "
            "putusan ajudikasi, gugatan ke pengadilan dan pelaksanaannya."
        ),
    ),
    "obstacles": (
        _("5. Kendala eksternal dan internal dalam pelaksanaan layanan informasi publik"),
        _("Kendala yang dihadapi dan penyebabnya."),
    ),
    "recommendations": (
        _("6. Rekomendasi dan rencana tindak lanjut"),
        _("Rekomendasi dan rencana tindak lanjut untuk meningkatkan kualitas pelayanan informasi."),
    ),
}
FIGURES_HEADING = _("3. Rincian pelayanan informasi publik")
DISPUTES_HEADING = _("4. Rincian penyelesaian sengketa informasi publik")
TO_BE_FILLED = _("Diisi oleh PPID")
