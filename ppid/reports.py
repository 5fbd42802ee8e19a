"""Service figures of the PPID per year and semester, for the public statistics page and the
annual report (Perki 1/2021 Pasal 56). Two queries per year, whatever the number of requests."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ppid.models import InformationRequest, Objection
from ppidutama.reports import ServiceFigures
from workdays import counting as workdays

Status = InformationRequest.Status


def default_report_year() -> int:
    """The year the annual report is due for: the one before (due 31 March, Pasal 56)."""
    return timezone.localdate().year - 1


def report_years(*, including: int | None = None) -> list[int]:
    """Years with requests, newest first, always including the current one, the default
    report's year and `including` (the year shown): the selector can always show it."""
    years = set(InformationRequest.objects.values_list("year", flat=True).distinct())
    years |= {timezone.localdate().year, default_report_year()}
    if including is not None:
        years.add(including)
    return sorted(years, reverse=True)


def yearly_figures(year: int) -> list[ServiceFigures]:
    """[semester I, semester II, whole year] for requests and objections registered in `year`."""
    semesters = [
        ServiceFigures(label=str(_("Semester I"))),
        ServiceFigures(label=str(_("Semester II"))),
    ]
    total = ServiceFigures(label=str(_("Setahun")))
    requests = InformationRequest.objects.filter(year=year).values_list(
        "received_at", "status", "refusal_ground", "decided_at"
    )
    for received_at, status, refusal_ground, decided_at in requests:
        received_on = timezone.localdate(received_at)
        days = None
        if decided_at is not None:
            days = workdays.working_days_between(received_on, timezone.localdate(decided_at))
        for figures in (semesters[received_on.month > 6], total):
            _count_request(figures, status, refusal_ground, days)
    objections = Objection.objects.filter(year=year).values_list("filed_at", "status", "outcome")
    for filed_at, status, outcome in objections:
        filed_on = timezone.localdate(filed_at)
        for figures in (semesters[filed_on.month > 6], total):
            figures.objections_received += 1
            if status == Objection.Status.ANSWERED:
                figures.objections_answered += 1
            if outcome == Objection.Outcome.UPHELD:
                figures.objections_upheld += 1
    return [*semesters, total]


def _count_request(figures: ServiceFigures, status: str, refusal_ground: str, days) -> None:
    figures.received += 1
    if status == Status.GRANTED:
        figures.granted += 1
    elif status == Status.PARTIALLY_GRANTED:
        figures.partially_granted += 1
    elif status == Status.REFUSED:
        figures.refused += 1
        figures.refused_by_ground[refusal_ground] += 1
    elif status == Status.NOT_HELD:
        figures.not_held += 1
    else:
        figures.pending += 1
    if days is not None:
        figures.decided += 1
        figures.decision_working_days += days


def figures_table(figures: list[ServiceFigures]) -> list[list]:
    """Rows of (indicator, semester I, semester II, year) for the report page and its CSV."""

    def row(label, getter):
        return [str(label), *(getter(item) for item in figures)]

    rows = [
        row(_("Permohonan diterima"), lambda f: f.received),
        row(_("Dikabulkan seluruhnya"), lambda f: f.granted),
        row(_("Dikabulkan sebagian"), lambda f: f.partially_granted),
        row(_("Ditolak"), lambda f: f.refused),
    ]
    for ground, label in InformationRequest.RefusalGround.choices:
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
        row(_("Keberatan diterima"), lambda f: f.objections_received),
        row(_("Keberatan ditanggapi"), lambda f: f.objections_answered),
        row(_("Keberatan dikabulkan"), lambda f: f.objections_upheld),
    ]
    return rows
