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
from django.db.models import CharField, DateTimeField, F, Func, QuerySet, TextField, Value
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

    `published()` returns the queryset citizens may find; its model has `title`, `body_text`,
    a `search_vector` and `get_absolute_url()`. `date_field` dates a result (None: undated);
    `summary_field` stands in for a snippet when the body has no match.
    """

    kind: str
    label: str
    published: Callable[[], QuerySet]
    detail_fields: tuple[str, ...]
    date_field: str | None = None
    summary_field: str | None = None


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


def search(text: str, page_number) -> PaginatorPage:
    """One page of results, every source ranked together, with highlighted snippets.

    Costs two queries (count and ranked page) plus one per source found on that page, whatever
    the number of matches.
    """
    query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
    by_kind = {source.kind: source for source in sources()}
    if not by_kind:
        return Paginator([], PAGE_SIZE).get_page(page_number)
    ranked = [_ranked(source, query) for source in by_kind.values()]
    combined = ranked[0].union(*ranked[1:], all=True) if len(ranked) > 1 else ranked[0]
    paginator_page = Paginator(combined.order_by("-rank", "-date", "ident"), PAGE_SIZE).get_page(
        page_number
    )
    rows = list(paginator_page.object_list)
    details = {}
    for kind, source in by_kind.items():
        ids = [ident for row_kind, ident, _rank, _date in rows if row_kind == kind]
        if ids:
            for item in _with_headlines(source, ids, query):
                details[kind, item.pk] = item
    results = []
    for kind, ident, _rank, date in rows:
        item = details.get((kind, ident))
        if item is None:
            continue
        snippet = item.snippet if _START in (item.snippet or "") else ""
        summary_field = by_kind[kind].summary_field
        if not snippet and summary_field:
            snippet = getattr(item, summary_field)
        results.append(
            SearchResult(
                kind=kind,
                label=by_kind[kind].label,
                title=highlighted(item.title_hl),
                snippet=highlighted(snippet or item.snippet),
                url=item.get_absolute_url(),
                published_at=date,
            )
        )
    paginator_page.object_list = results
    return paginator_page


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
            title_hl=_headline("title", query, HighlightAll="true"),
            snippet=_headline("body_text", query, **snippet_options),
        )
        .only(*source.detail_fields)
    )
