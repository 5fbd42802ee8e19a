"""Full-text search over an OPD's published articles and pages (PostgreSQL, `indonesian`)."""

import re
from dataclasses import dataclass
from datetime import datetime

from django.contrib.postgres.search import SearchConfig, SearchQuery, SearchRank
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import CharField, DateTimeField, F, Func, TextField, Value
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from news.models import SEARCH_CONFIG, Article

MAX_QUERY_LENGTH = 200
PAGE_SIZE = 10
_START, _STOP = "\ue000", "\ue001"
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000\ue001]")
_WORD = re.compile(r"\w", re.UNICODE)


@dataclass
class SearchResult:
    kind: str
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


def search(text: str, page_number) -> PaginatorPage:
    """One page of results, articles and pages ranked together, with highlighted snippets.

    Costs four queries whatever the number of matches: count, ranked page, and the headlines of
    that page's articles and pages.
    """
    from pages.models import Page

    query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
    columns = ("kind", "ident", "rank", "date")
    articles = (
        Article.objects.published()
        .filter(search_vector=query)
        .annotate(
            kind=Value("article", output_field=CharField()),
            ident=F("pk"),
            rank=SearchRank(F("search_vector"), query),
            date=F("published_at"),
        )
        .values_list(*columns)
    )
    pages = (
        Page.objects.published()
        .filter(search_vector=query)
        .annotate(
            kind=Value("page", output_field=CharField()),
            ident=F("pk"),
            rank=SearchRank(F("search_vector"), query),
            date=Value(None, output_field=DateTimeField()),
        )
        .values_list(*columns)
    )
    combined = articles.union(pages, all=True).order_by("-rank", "-date", "ident")
    paginator_page = Paginator(combined, PAGE_SIZE).get_page(page_number)
    rows = list(paginator_page.object_list)
    article_ids = [ident for kind, ident, _rank, _date in rows if kind == "article"]
    page_ids = [ident for kind, ident, _rank, _date in rows if kind == "page"]
    details = {}
    snippet_options = {"MaxWords": 35, "MinWords": 15, "MaxFragments": 2}
    if article_ids:
        for article in (
            Article.objects.filter(pk__in=article_ids)
            .annotate(
                title_hl=_headline("title", query, HighlightAll="true"),
                snippet=_headline("body_text", query, **snippet_options),
            )
            .only("pk", "title", "slug", "summary", "published_at")
        ):
            details["article", article.pk] = article
    if page_ids:
        for page in (
            Page.objects.filter(pk__in=page_ids)
            .annotate(
                title_hl=_headline("title", query, HighlightAll="true"),
                snippet=_headline("body_text", query, **snippet_options),
            )
            .only("pk", "title", "slug")
        ):
            details["page", page.pk] = page
    results = []
    for kind, ident, _rank, date in rows:
        item = details.get((kind, ident))
        if item is None:
            continue
        snippet = item.snippet if _START in (item.snippet or "") else ""
        if not snippet and kind == "article":
            snippet = item.summary
        results.append(
            SearchResult(
                kind=kind,
                title=highlighted(item.title_hl),
                snippet=highlighted(snippet or item.snippet),
                url=item.get_absolute_url(),
                published_at=date,
            )
        )
    paginator_page.object_list = results
    return paginator_page
