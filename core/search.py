"""Full-text search over an OPD's published content (PostgreSQL, `indonesian`).

Each content app that wants its content found registers a `SearchSource` (core.registry); the
search ranks every source's matches together.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.contrib.postgres.search import SearchConfig, SearchQuery, SearchRank
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import CharField, Count, DateTimeField, F, Func, QuerySet, TextField, Value
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core import registry

SEARCH_CONFIG = "indonesian"
MAX_QUERY_LENGTH = 200
PAGE_SIZE = 10
_START, _STOP = "\ue000", "\ue001"
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000\ue001]")
_WORD = re.compile(r"\w", re.UNICODE)


@dataclass(frozen=True)
class SearchSource:
    """One content app's share of the site search.

    `published()` returns the queryset citizens may find; its model has a title (`title_field`),
    a plain-text body (`body_field`), a `search_vector` and `get_absolute_url()`. `date_field`
    dates a result (None: undated); `summary_field` stands in for a snippet when the body has no
    match. `kind` is what `?jenis=` filters the results page by, `label` its heading there.
    """

    kind: str
    label: str
    published: Callable[[], QuerySet]
    detail_fields: tuple[str, ...]
    date_field: str | None = None
    summary_field: str | None = None
    title_field: str = "title"
    body_field: str = "body_text"


@dataclass(frozen=True)
class KindCount:
    """One type of content on the results page: how many matches, and whether it is shown."""

    kind: str
    label: str
    count: int
    selected: bool


@dataclass
class SearchResult:
    kind: str
    label: str
    title: SafeString
    snippet: SafeString
    url: str
    published_at: datetime | None


def clean_query(raw: str) -> tuple[str, bool]:
    """The query to search for, and whether it had to be shortened."""
    text = _CONTROL_CHARACTERS.sub(" ", raw or "")
    text = " ".join(text.split())
    truncated = len(text) > MAX_QUERY_LENGTH
    return text[:MAX_QUERY_LENGTH], truncated


def is_searchable(text: str) -> bool:
    return bool(_WORD.search(text))


def highlighted(text: str | None) -> SafeString:
    """Escape a ts_headline() result, then turn its sentinels into <mark> elements."""
    text = escape(text or "")
    return mark_safe(text.replace(_START, "<mark>").replace(_STOP, "</mark>"))


def _headline(field: str, query: SearchQuery, **options) -> Func:
    """ts_headline() with its options as one parameter.

    Django's SearchHeadline composes its options through a database cursor, and with
    django-tenants every cursor costs a `SET search_path` round trip; this does not.
    """
    settings = {"StartSel": _START, "StopSel": _STOP, **options}
    return Func(
        SearchConfig(SEARCH_CONFIG),
        F(field),
        query,
        Value(", ".join(f"{key}={value}" for key, value in settings.items())),
        function="ts_headline",
        output_field=TextField(),
    )


def sources() -> list[SearchSource]:
    return [app.search for app in registry.content_apps() if app.search is not None]


class _CountedPaginator(Paginator):
    """A paginator told its count (from the per-type counts) instead of asking for it."""

    def __init__(self, object_list, per_page, count: int):
        super().__init__(object_list, per_page)
        self._known_count = count

    @property
    def count(self) -> int:
        return self._known_count


def search(text: str, page_number, kind: str | None = None) -> PaginatorPage:
    """One page of results, ranked together, with highlighted snippets, and how many matches
    each type of content has (`page.kinds`, KindCount in registry order, types without a match
    left out). `kind` (a source's kind, `?jenis=`) keeps the results to that type; an unknown
    kind is ignored.

    Costs two queries (the counts per type and the ranked page) plus one per type found on that
    page, whatever the number of matches and of types.
    """
    query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
    by_kind = {source.kind: source for source in sources()}
    if not by_kind:
        page = Paginator([], PAGE_SIZE).get_page(page_number)
        page.kinds, page.kind, page.total = [], None, 0
        return page
    counted = [_counted(source, query) for source in by_kind.values()]
    combined_counts = counted[0].union(*counted[1:], all=True) if len(counted) > 1 else counted[0]
    counts = dict(combined_counts)
    if kind not in by_kind or not counts.get(kind):
        kind = None
    kinds = [
        KindCount(key, source.label, counts[key], key == kind)
        for key, source in by_kind.items()
        if counts.get(key)
    ]
    shown = {kind: by_kind[kind]} if kind else by_kind
    total = counts.get(kind, 0) if kind else sum(counts.values())
    if not total:
        page = Paginator([], PAGE_SIZE).get_page(page_number)
        page.kinds, page.kind, page.total = kinds, kind, sum(counts.values())
        return page
    ranked = [_ranked(source, query) for source in shown.values()]
    combined = ranked[0].union(*ranked[1:], all=True) if len(ranked) > 1 else ranked[0]
    paginator_page = _CountedPaginator(
        combined.order_by("-rank", "-date", "kind", "ident"), PAGE_SIZE, total
    ).get_page(page_number)
    rows = list(paginator_page.object_list)
    details = {}
    for source_kind, source in shown.items():
        ids = [ident for row_kind, ident, _rank, _date in rows if row_kind == source_kind]
        if ids:
            for item in _with_headlines(source, ids, query):
                details[source_kind, item.pk] = item
    results = []
    for row_kind, ident, _rank, date in rows:
        item = details.get((row_kind, ident))
        if item is None:
            continue
        snippet = item.snippet if _START in (item.snippet or "") else ""
        summary_field = by_kind[row_kind].summary_field
        if not snippet and summary_field:
            snippet = getattr(item, summary_field)
        results.append(
            SearchResult(
                kind=row_kind,
                label=by_kind[row_kind].label,
                title=highlighted(item.title_hl),
                snippet=highlighted(snippet or item.snippet),
                url=item.get_absolute_url(),
                published_at=date,
            )
        )
    paginator_page.object_list = results
    paginator_page.kinds, paginator_page.kind = kinds, kind
    # Every match, whatever `kind` shows: the "Semua" count.
    paginator_page.total = sum(counts.values())
    return paginator_page


def _counted(source: SearchSource, query: SearchQuery) -> QuerySet:
    """(kind, number of matches) of one source, as one row of the counts' UNION."""
    return (
        source.published()
        .filter(search_vector=query)
        .annotate(kind=Value(source.kind, output_field=CharField()))
        .values("kind")
        .annotate(matches=Count("pk"))
        .order_by()
        .values_list("kind", "matches")
    )


def _ranked(source: SearchSource, query: SearchQuery) -> QuerySet:
    date = F(source.date_field) if source.date_field else Value(None, output_field=DateTimeField())
    return (
        source.published()
        .filter(search_vector=query)
        .annotate(
            kind=Value(source.kind, output_field=CharField()),
            ident=F("pk"),
            rank=SearchRank(F("search_vector"), query),
            date=date,
        )
        .values_list("kind", "ident", "rank", "date")
    )


def _with_headlines(source: SearchSource, ids: list[int], query: SearchQuery) -> QuerySet:
    snippet_options = {"MaxWords": 35, "MinWords": 15, "MaxFragments": 2}
    return (
        source.published()
        .filter(pk__in=ids)
        .annotate(
            title_hl=_headline(source.title_field, query, HighlightAll="true"),
            snippet=_headline(source.body_field, query, **snippet_options),
        )
        .only(*source.detail_fields)
    )
