from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from core.pagecache import cache_anonymous_page
from core.preview import preview_headers, read_token
from pages.chart import org_chart
from pages.models import STRUCTURE_SLUG, Official, Page


@require_GET
@cache_anonymous_page
def page_detail(request, slug):
    page = get_object_or_404(Page.objects.published().select_related("parent__parent"), slug=slug)
    context = {"page": page, **tree_context(page), **officials_context(page)}
    return render(request, "pages/page_detail.html", context)


def tree_context(page) -> dict:
    """The breadcrumb (its ancestors came with the page) and the published children, in one
    query however many there are."""
    children = page.children.published().only("title", "slug", "menu_order", "parent")
    return {"breadcrumb": page.breadcrumb(), "child_pages": list(children)}


def officials_context(page) -> dict:
    """The whole organisation on the Struktur Organisasi page; its leaders on the profile."""
    if page.slug == STRUCTURE_SLUG:
        return {"org_chart": org_chart()}
    if page.is_profile:
        return {"leaders": list(Official.objects.heads_of_office())}
    return {}


@require_GET
def page_preview(request, token):
    """An unpublished page as citizens will see it, through a signed link (core.preview)."""
    pk = read_token(token, Page.guard_kind)
    if pk is None:
        raise Http404
    page = get_object_or_404(Page.objects.select_related("parent__parent"), pk=pk)
    context = {"page": page, "is_preview": True, **tree_context(page), **officials_context(page)}
    return preview_headers(render(request, "pages/page_detail.html", context))


@require_GET
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /cari/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
