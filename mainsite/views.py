"""The portal on the main domain. Every page reads public-schema tables only, in a fixed number of
queries whatever the number of OPDs."""

import hashlib

from django.contrib.syndication.views import Feed
from django.core.cache import caches
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from core import pagecache, registry
from core.pagecache import cache_anonymous_page
from core.richtext import feed_text
from mainsite.models import PublishedItem
from tenants.models import Opd, site_kind_choices, with_primary_domain

NEWS_PAGE_SIZE = 12
# The lead story and a few more: the home stays a front door, /berita/ has the rest.
HOME_NEWS_COUNT = 5
DIRECTORY_PAGE_SIZE = 48
MAX_QUERY_LENGTH = 200
# Values kept per content version change with it; the timeout only bounds what the cache holds.
CONTENT_VERSION_SECONDS = 3600


def active_opds():
    """Active OPDs with their primary domain, ordered by name (only the columns a listing shows:
    this list grows with the number of OPDs)."""
    opds = (
        Opd.objects.filter(is_active=True)
        .sites()
        .only("name", "short_name", "kind", "slug", "logo", "schema_name")
        .order_by("name")
    )
    return with_primary_domain(opds)


def listed_opds():
    """Active OPDs as the directory's cards show them, with the time of their latest publication."""
    return active_opds().annotate(
        last_published_at=Max(
            "published_items__published_at",
            filter=Q(
                published_items__published_at__lte=timezone.now(),
                published_items__kind__in=registry.news_kinds(),
            ),
        )
    )


def portal_news():
    return (
        PublishedItem.objects.visible()
        .filter(kind__in=registry.news_kinds())
        .select_related("opd")
        .only(*PublishedItem.LISTING_FIELDS, "opd__short_name", "opd__slug")
        .order_by("-published_at")
    )


def kind_choices():
    return site_kind_choices()


def opd_kind_counts() -> dict[str, int]:
    """How many active OPDs there are of each kind (one grouped query, whatever their number)."""
    counts = (
        Opd.objects.filter(is_active=True)
        .sites()
        .values_list("kind")
        .annotate(total=Count("id"))
        .order_by()
    )
    return dict(counts)


def opd_kinds(counts: dict[str, int]) -> list[dict]:
    """The kinds that have OPDs, in the kinds' order, with their label and count."""
    return [
        {"value": kind, "label": label, "count": counts[kind]}
        for kind, label in kind_choices()
        if counts.get(kind)
    ]


def lead_and_more(items: list) -> tuple:
    """The newest story with a picture leads (else the newest); the others follow in order."""
    lead = next((item for item in items if item.image_url), items[0] if items else None)
    return lead, [item for item in items if item is not lead]


def filled_portal_sections() -> list[tuple]:
    """The portal sections content apps provide (core.registry.PortalSection), with their
    items; a section without items is left out."""
    return [
        (section, items) for section in registry.portal_sections() if (items := section.items())
    ]


def fragment_context(version: str) -> dict:
    """What templates need to cache a fragment that lists every OPD until the portal's content
    changes: `{% cache fragment_seconds name content_version %}`. Such a list grows with the
    number of OPDs, so rendering it on every request would make the portal slower as OPDs join."""
    return {"content_version": version, "fragment_seconds": CONTENT_VERSION_SECONDS}


@require_GET
@cache_anonymous_page
def portal_home(request):
    version = pagecache.content_version()
    lead, more_news = lead_and_more(list(portal_news()[:HOME_NEWS_COUNT]))
    counts = per_content_version("opd-kinds", opd_kind_counts, version)
    context = {
        "lead_story": lead,
        "more_news": more_news,
        "opd_kinds": opd_kinds(counts),
        "opd_total": sum(counts.values()),
        "portal_sections": filled_portal_sections(),
    }
    return render(request, "mainsite/home.html", context)


@require_GET
@cache_anonymous_page
def opd_directory(request):
    query = request.GET.get("q", "").strip()[:100]
    kind = request.GET.get("jenis", "")
    opds = listed_opds()
    if query:
        opds = opds.filter(Q(name__icontains=query) | Q(short_name__icontains=query))
    if kind not in Opd.Kind.values or kind == Opd.Kind.PORTAL:
        kind = ""
    if kind:
        opds = opds.filter(kind=kind)
    version = pagecache.content_version()
    counts = per_content_version("opd-kinds", opd_kind_counts, version)
    paginator = Paginator(opds, DIRECTORY_PAGE_SIZE)
    context = {
        "page_obj": paginator.get_page(request.GET.get("page")),
        "query": query,
        "kind": kind,
        "kind_label": dict(kind_choices()).get(kind, ""),
        "kinds": kind_choices(),
        "opd_kinds": opd_kinds(counts),
        "opd_total": sum(counts.values()),
    }
    return render(request, "mainsite/opd_directory.html", context)


def per_content_version(name: str, compute, version: str):
    """`compute()`, cached under the portal's content `version` (the page cache's, renewed
    whenever the content changes): for figures that scan the whole index, so they grow with the
    number of OPDs."""
    key = f"portal:{name}:{version}"
    shared = caches["shared"]
    value = shared.get(key)
    if value is None:
        value = compute()
        shared.set(key, value, CONTENT_VERSION_SECONDS)
    return value


def news_opds() -> list[dict]:
    """The OPDs portal news can be filtered by."""
    opds = Opd.objects.sites().filter(is_active=True).order_by("name")
    return list(opds.values("slug", "short_name"))


def news_categories() -> list[tuple[str, str]]:
    """The categories portal news can be filtered by."""
    categories = (
        PublishedItem.objects.visible()
        .filter(kind__in=registry.news_kinds())
        .exclude(category_slug="")
        .values_list("category_slug", "category")
        .distinct()
        .order_by("category")
    )
    return list(categories)


class NewsPaginator(Paginator):
    """Counts the (filtered) portal news once per content version, not on every render."""

    def __init__(self, items, per_page, *, filters: tuple[str, ...], version: str):
        super().__init__(items, per_page)
        self.filters = filters
        self.version = version

    @cached_property
    def count(self) -> int:
        digest = hashlib.sha256("|".join(self.filters).encode()).hexdigest()[:16]
        return per_content_version(f"news-count:{digest}", self.object_list.count, self.version)


@require_GET
@cache_anonymous_page
def news_list(request):
    items = portal_news()
    opd_slug = request.GET.get("opd", "")
    category = request.GET.get("kategori", "")
    if opd_slug:
        items = items.filter(opd__slug=opd_slug)
    if category:
        items = items.filter(category_slug=category)
    version = pagecache.content_version()  # one cache read for everything kept under it
    paginator = NewsPaginator(items, NEWS_PAGE_SIZE, filters=(opd_slug, category), version=version)
    # Read only when the cached OPD options are out of date or an OPD is chosen: the list grows
    # with the number of OPDs.
    opds = SimpleLazyObject(lambda: per_content_version("news-opds", news_opds, version))
    context = {
        "page_obj": paginator.get_page(request.GET.get("page")),
        "opds": opds,
        "categories": per_content_version("news-categories", news_categories, version),
        # Part of the cached OPD options' key, so only a real OPD's slug (bounded variants).
        "selected_opd": opd_slug if opd_slug and any(o["slug"] == opd_slug for o in opds) else "",
        "selected_category": category,
        **fragment_context(version),
    }
    return render(request, "mainsite/news_list.html", context)


@require_GET
def search(request):
    raw_query = request.GET.get("q", "")
    query = raw_query.strip()[:MAX_QUERY_LENGTH]
    too_long = len(raw_query.strip()) > MAX_QUERY_LENGTH
    page = None
    context = {"query": query, "too_long": too_long}
    if query:
        # Matches per kind of content (one grouped query), then one page of the chosen kind
        # (`?jenis=`, every kind when absent or unknown): two queries, whatever the index holds.
        matches = PublishedItem.objects.visible().search(query)
        counts = dict(matches.order_by().values_list("kind").annotate(n=Count("id")))
        labels = dict(registry.kind_choices())
        kind = request.GET.get("jenis") or None
        if kind not in counts:
            kind = None
        context["kinds"] = [
            {"kind": key, "label": label, "count": counts[key], "selected": key == kind}
            for key, label in labels.items()
            if counts.get(key)
        ]
        context["kind"] = kind
        context["total"] = sum(counts.values())
        results = matches.select_related("opd")
        if kind:
            results = results.filter(kind=kind)
        paginator = Paginator(results, NEWS_PAGE_SIZE)
        # Known already from the counts: no COUNT query of its own.
        paginator.count = counts.get(kind, 0) if kind else context["total"]
        page = paginator.get_page(request.GET.get("page"))
    context["page_obj"] = page
    return render(request, "mainsite/search.html", context)


class PortalNewsFeed(Feed):
    title = _("Berita seluruh OPD · Portal OPD Terpadu")
    description = _("Berita terbaru dari seluruh Organisasi Perangkat Daerah.")

    def link(self):
        return reverse("portal_news")

    def items(self):
        return portal_news()[:30]

    def item_title(self, item):
        return f"{item.title} ({item.opd.short_name})"

    def item_description(self, item):
        return feed_text(item.summary)

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.category] if item.category else []
