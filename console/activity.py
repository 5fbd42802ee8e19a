"""How active each OPD is, read from public-schema data only (never from OPD schemas).

Feeds the console's activity dashboard, its CSV export and chart, the mandatory-content to-do
list and the reminder e-mails.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, Max, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from console.models import ActivityLevel, ActivitySettings
from core import registry
from core.registry import ChecklistItem
from mainsite.models import PublishedItem
from tenants.models import Opd, with_primary_domain

# The mandatory content of an OPD site: the content apps' items (core.registry), recorded by the
# OPD side in Opd.content_checklist ({key: bool}), and "recent_news", derived here from the index.
RECENT_NEWS_DAYS = 90
RECENT_NEWS = ChecklistItem(
    "recent_news", _("Minimal satu berita dalam 90 hari terakhir"), position=60
)
_SERVICE_KINDS = {Opd.Kind.DINAS, Opd.Kind.BADAN, Opd.Kind.KECAMATAN, Opd.Kind.KELURAHAN}


def checklist_items() -> list[ChecklistItem]:
    return sorted([*registry.checklist_items(), RECENT_NEWS], key=lambda item: item.position)


def checklist_labels() -> dict[str, str]:
    return {item.key: item.label for item in checklist_items()}


def checklist_keys_for(kind: str) -> list[str]:
    """Which items an OPD of this kind must have (maklumat pelayanan only for service units)."""
    return [
        item.key
        for item in checklist_items()
        if not item.service_units_only or kind in _SERVICE_KINDS
    ]


@dataclass
class OpdActivity:
    opd: Opd
    last_published_at: datetime | None
    articles_30: int
    articles_90: int
    status: str
    # The two conditions of ActivityLevel.ACTIVE, for "how to raise it".
    news_recent: bool
    complete_enough: bool
    open_requests: int
    overdue_requests: int
    done: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    monthly: list[int] = field(default_factory=list)
    thresholds: ActivitySettings | None = None

    @property
    def status_label(self):
        return ActivityLevel(self.status).label

    @property
    def score(self) -> int:
        return completeness(self.done, self.missing)

    @property
    def skm_ikm(self):
        """The OPD's IKM of the current semester (Survei Kepuasan Masyarakat), recorded by the
        OPD side as "<year>-<1|2>" with its figures; None when nothing was recorded for it."""
        today = timezone.localdate()
        semester = f"{today.year}-{1 if today.month <= 6 else 2}"
        return self.opd.skm_ikm if self.opd.skm_semester == semester else None

    @property
    def missing_labels(self):
        return [checklist_labels()[key] for key in self.missing]


def news_level(last_published_at, *, now, thresholds: ActivitySettings) -> str:
    """The level the news alone would give: how long ago the OPD last published."""
    if last_published_at is None:
        return ActivityLevel.INACTIVE
    age = now - last_published_at
    if age <= timedelta(days=thresholds.active_days):
        return ActivityLevel.ACTIVE
    if age <= timedelta(days=thresholds.barely_active_days):
        return ActivityLevel.BARELY_ACTIVE
    return ActivityLevel.INACTIVE


def status_for(last_published_at, *, score: int, now, thresholds: ActivitySettings) -> str:
    """Aktif: news within `active_days` and the site at least `active_min_score` % complete.
    Kurang aktif: news within `barely_active_days` (or recent news on an incomplete site).
    Tidak aktif: no news for longer, or never. A site that publishes but lacks its profile,
    contacts or DIP is not what a citizen needs, so completeness caps the status."""
    level = news_level(last_published_at, now=now, thresholds=thresholds)
    if level == ActivityLevel.ACTIVE and score < thresholds.active_min_score:
        return ActivityLevel.BARELY_ACTIVE
    return level


def completeness(done: list[str], missing: list[str]) -> int:
    """Share of the mandatory content items an OPD has, in per cent."""
    total = len(done) + len(missing)
    return round(100 * len(done) / total) if total else 0


def opd_activity(*, opds=None, now: datetime | None = None, months: int = 12) -> list[OpdActivity]:
    """One row per OPD, in a fixed number of queries whatever the number of OPDs."""
    now = now or timezone.now()
    thresholds = ActivitySettings.current()
    articles = Q(published_items__kind__in=registry.news_kinds())
    published = articles & Q(published_items__published_at__lte=now)
    queryset = (opds if opds is not None else Opd.objects.all()).sites()
    queryset = with_primary_domain(queryset).annotate(
        last_published_at=Max("published_items__published_at", filter=published),
        articles_30=Count(
            "published_items",
            filter=published & Q(published_items__published_at__gt=now - timedelta(days=30)),
        ),
        articles_90=Count(
            "published_items",
            filter=published & Q(published_items__published_at__gt=now - timedelta(days=90)),
        ),
    )
    monthly = monthly_article_counts(now=now, months=months)
    today = timezone.localdate(now)
    rows = []
    for opd in queryset:
        done, missing = _checklist(opd, now=now)
        score = completeness(done, missing)
        rows.append(
            OpdActivity(
                opd=opd,
                last_published_at=opd.last_published_at,
                articles_30=opd.articles_30,
                articles_90=opd.articles_90,
                status=status_for(
                    opd.last_published_at, score=score, now=now, thresholds=thresholds
                ),
                news_recent=news_level(opd.last_published_at, now=now, thresholds=thresholds)
                == ActivityLevel.ACTIVE,
                complete_enough=score >= thresholds.active_min_score,
                open_requests=len(opd.ppid_open_due_dates),
                overdue_requests=sum(1 for due in opd.ppid_open_due_dates if due < today),
                done=done,
                missing=missing,
                monthly=monthly.get(opd.pk, [0] * months),
                thresholds=thresholds,
            )
        )
    return rows


def month_starts(now: datetime, months: int) -> list[date]:
    """First days of the last `months` months, oldest first, the current month last."""
    current = timezone.localdate(now).replace(day=1)
    starts = [current]
    for _step in range(months - 1):
        current = (current - timedelta(days=1)).replace(day=1)
        starts.append(current)
    return list(reversed(starts))


def monthly_article_counts(*, now: datetime, months: int = 12) -> dict[int, list[int]]:
    """{opd_id: [count per month, oldest first]} for the last `months` months, in one query."""
    starts = month_starts(now, months)
    position = {start: index for index, start in enumerate(starts)}
    first = timezone.make_aware(datetime.combine(starts[0], datetime.min.time()))
    rows = (
        PublishedItem.objects.filter(
            kind__in=registry.news_kinds(), published_at__gte=first, published_at__lte=now
        )
        .annotate(month=TruncMonth("published_at"))
        .values("opd_id", "month")
        .annotate(count=Count("id"))
    )
    counts = defaultdict(lambda: [0] * months)
    for row in rows:
        month = (
            timezone.localdate(row["month"]) if isinstance(row["month"], datetime) else row["month"]
        )
        index = position.get(month.replace(day=1))
        if index is not None:
            counts[row["opd_id"]][index] = row["count"]
    return counts


def _checklist(opd: Opd, *, now) -> tuple[list[str], list[str]]:
    recorded = opd.content_checklist or {}
    recent = getattr(opd, "last_published_at", None)
    facts = {
        **recorded,
        "recent_news": recent is not None and now - recent <= timedelta(days=RECENT_NEWS_DAYS),
    }
    done, missing = [], []
    for key in checklist_keys_for(opd.kind):
        (done if facts.get(key) else missing).append(key)
    return done, missing
