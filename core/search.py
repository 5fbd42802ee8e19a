"""Full-text search over an OPD's published content (PostgreSQL, `indonesian`).

Each content app that wants its content found registers a `SearchSource` (core.registry); the
search ranks every source's matches together.
"""

import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import CharField, DateTimeField, F, QuerySet, TextField, Value
from django.db.models.functions import JSONObject
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core import registry

SEARCH_CONFIG = "indonesian"
MAX_QUERY_LENGTH = 200
PAGE_SIZE = 10
_BEYOND_ANY_LAST_PAGE = 1_000_000
_START, _STOP = "\ue000", "\ue001"
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000\ue001]")
_WORD = re.compile(r"\w", re.UNICODE)


@dataclass(frozen=True)
class SearchSource:
    """One content app's share of the site search.

    `published()` returns the queryset citizens may find; its model has a title (`title_field`),
    a plain-text body (`body_field`), a `search_vector` and a `get_absolute_url()` that reads
    nothing but the primary key and `url_fields`. `date_field` dates a result (None: undated);
    `summary_field` stands in for a snippet when the body has no match. `kind` is what `?jenis=`
    filters the results page by, `label` its heading there.
    """

    kind: str
    label: str
    published: Callable[[], QuerySet]
    url_fields: tuple[str, ...] = ()
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


def sources() -> list[SearchSource]:
    return [app.search for app in registry.content_apps() if app.search is not None]


class _CountedPaginator(Paginator):
    """A paginator told its count (from the per-type counts) instead of asking for it."""

    def __init__(self, per_page, count: int):
        super().__init__([], per_page)
        self._known_count = count

    @property
    def count(self) -> int:
        return self._known_count


def search(text: str, page_number, kind: str | None = None) -> PaginatorPage:
    """One page of results, ranked together, with highlighted snippets, and how many matches
    each type of content has (`page.kinds`, KindCount in registry order, types without a match
    left out). `kind` (a source's kind, `?jenis=`) keeps the results to that type; an unknown
    kind, or one without a match, is ignored. `page_number` is read as Paginator.get_page reads
    it: not a number gives the first page, out of range the last.

    Costs one query whatever the number of matches and of types; a second only when the page
    asked for is past the last one or the type asked for has no match.
    """
    by_kind = {source.kind: source for source in sources()}
    if kind not in by_kind:
        kind = None
    number = _requested_page(page_number)
    counts, rows = _run(text, by_kind, kind, number or 1) if by_kind else ({}, [])
    if kind and not counts.get(kind):
        kind = None
        if counts:
            counts, rows = _run(text, by_kind, kind, number or 1)
    total = counts.get(kind, 0) if kind else sum(counts.values())
    kinds = [
        KindCount(key, source.label, counts[key], key == kind)
        for key, source in by_kind.items()
        if counts.get(key)
    ]
    if not total:
        page = Paginator([], PAGE_SIZE).get_page(page_number)
        page.kinds, page.kind, page.total = kinds, kind, 0
        return page
    paginator = _CountedPaginator(PAGE_SIZE, total)
    if number is None or number > paginator.num_pages:
        number = paginator.num_pages
        counts, rows = _run(text, by_kind, kind, number)
    page = PaginatorPage([_result(row) for row in rows], number, paginator)
    page.kinds, page.kind = kinds, kind
    # Every match, whatever `kind` shows: the "Semua" count.
    page.total = sum(counts.values())
    return page


def _requested_page(page_number) -> int | None:
    """The page asked for; None for a number below 1, which Paginator reads as the last.

    Far past any last page counts as past the last (its offset would overflow the database's).
    """
    try:
        number = int(page_number)
    except (TypeError, ValueError):
        return 1
    return min(number, _BEYOND_ANY_LAST_PAGE) if number >= 1 else None


@dataclass(frozen=True)
class _Row:
    source: SearchSource
    model: type
    ident: int
    date: datetime | None
    title: str
    snippet: str
    summary: str | None
    url_values: dict


def _run(
    text: str, by_kind: dict[str, SearchSource], kind: str | None, number: int
) -> tuple[dict[str, int], list[_Row]]:
    """The matches counted per type, and the ranked rows of page `number` (of `kind`'s matches
    only, if given), headlines included, in one statement.

    Django has no common table expressions, so the statement is put together here around each
    source's queryset compiled by the ORM: the matches are collected once, then counted and
    ranked, and ts_headline() (the expensive part) runs on the page's rows alone.
    """
    branches, params = [], []
    for source in by_kind.values():
        branch_sql, branch_params = _compiled_matches(source, text)
        branches.append(f"({branch_sql})")
        params.extend(branch_params)
    headline = f"ts_headline('{SEARCH_CONFIG}'::regconfig, {{}}, query, %s)"
    sql = f"""
        WITH matches AS MATERIALIZED ({" UNION ALL ".join(branches)}),
        page AS (
            SELECT *, row_number() OVER (
                ORDER BY found_rank DESC, found_date DESC, found_kind, found_ident
            ) AS position
            FROM matches
            WHERE %s::text IS NULL OR found_kind = %s::text
            ORDER BY position
            LIMIT %s OFFSET %s
        )
        SELECT found_kind, COUNT(*), NULL, NULL, NULL, NULL, NULL, NULL, NULL
        FROM matches GROUP BY found_kind
        UNION ALL
        SELECT found_kind, NULL, position, found_ident, found_date,
            {headline.format("found_title")}, {headline.format("found_body")},
            found_summary, found_url
        FROM page, websearch_to_tsquery('{SEARCH_CONFIG}'::regconfig, %s) AS query
    """
    title_options = _headline_options(HighlightAll="true")
    body_options = _headline_options(MaxWords=35, MinWords=15, MaxFragments=2)
    params += [kind, kind, PAGE_SIZE, (number - 1) * PAGE_SIZE]
    params += [title_options, body_options, text]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    counts = {row[0]: row[1] for row in fetched if row[1] is not None}
    page_rows = sorted((row for row in fetched if row[1] is None), key=lambda row: row[2])
    rows = [
        _Row(
            source=by_kind[row_kind],
            model=_model_of(by_kind[row_kind]),
            ident=ident,
            date=date,
            title=title,
            snippet=snippet,
            summary=summary,
            url_values=(json.loads(url) if isinstance(url, str) else url) or {},
        )
        for row_kind, _count, _position, ident, date, title, snippet, summary, url in page_rows
    ]
    return counts, rows


def _headline_options(**options) -> str:
    settings = {"StartSel": _START, "StopSel": _STOP, **options}
    return ", ".join(f"{key}={value}" for key, value in settings.items())


# Compiling eight querysets is most of a search's Python time, and a source's SQL is the same
# on every request but for the search text. What `_compiled_matches` learnt per source kind:
# the SQL with the positions of the text among its parameters, or None when the source's
# published() reads the clock (its parameters change between two compilations), so it is
# compiled on each request.
_COMPILED: dict[str, tuple[str, list] | None] = {}
_PROBES = ("\ue002satu", "\ue002dua")
_TEXT = object()


def _compiled_matches(source: SearchSource, text: str) -> tuple[str, list]:
    """The SQL and parameters of the source's matches for `text`."""
    if source.kind not in _COMPILED:
        first, second = (_compile(source, probe) for probe in _PROBES)
        _COMPILED[source.kind] = _with_text_slots(first, second)
    compiled = _COMPILED[source.kind]
    if compiled is None:
        return _compile(source, text)
    sql, params = compiled
    return sql, [text if param is _TEXT else param for param in params]


def _compile(source: SearchSource, text: str) -> tuple[str, list]:
    query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
    sql, params = _matches(source, query).query.sql_with_params()
    return sql, list(params)


def _with_text_slots(first: tuple[str, list], second: tuple[str, list]):
    """The SQL with `_TEXT` where the two probes' compilations put their search text; None if
    they differ anywhere else."""
    (first_sql, first_params), (second_sql, second_params) = first, second
    if first_sql != second_sql or len(first_params) != len(second_params):
        return None
    params = []
    for one, other in zip(first_params, second_params, strict=True):
        if (one, other) == _PROBES:
            params.append(_TEXT)
        elif one == other and type(one) is type(other):
            params.append(one)
        else:
            return None
    return first_sql, params


@functools.cache
def _model_of(source: SearchSource) -> type:
    return source.published().model


def _matches(source: SearchSource, query: SearchQuery) -> QuerySet:
    """One source's matches as rows of the statement's common columns."""
    no_text = Value(None, output_field=TextField())
    date = F(source.date_field) if source.date_field else Value(None, output_field=DateTimeField())
    url_values = {name: F(name) for name in source.url_fields}
    return (
        source.published()
        .filter(search_vector=query)
        .annotate(
            found_kind=Value(source.kind, output_field=CharField()),
            found_ident=F("pk"),
            found_rank=SearchRank(F("search_vector"), query),
            found_date=date,
            found_title=F(source.title_field),
            found_body=F(source.body_field),
            found_summary=F(source.summary_field) if source.summary_field else no_text,
            found_url=JSONObject(**url_values) if url_values else no_text,
        )
        .values_list(*_COLUMNS)
        .order_by()
    )


_COLUMNS = (
    "found_kind",
    "found_ident",
    "found_rank",
    "found_date",
    "found_title",
    "found_body",
    "found_summary",
    "found_url",
)


def _result(row: _Row) -> SearchResult:
    model = row.model
    fields = {
        name: model._meta.get_field(name).to_python(value) for name, value in row.url_values.items()
    }
    item = model(pk=row.ident, **fields)
    snippet = row.snippet if _START in (row.snippet or "") else ""
    if not snippet and row.summary:
        snippet = row.summary
    return SearchResult(
        kind=row.source.kind,
        label=row.source.label,
        title=highlighted(row.title),
        snippet=highlighted(snippet or row.snippet),
        url=item.get_absolute_url(),
        published_at=row.date,
    )
