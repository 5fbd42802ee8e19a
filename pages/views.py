from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from core.pagecache import cache_anonymous_page
from core.preview import preview_headers, read_token
from pages.models import Official, Page


@require_GET
@cache_anonymous_page
def page_detail(request, slug):
    page = get_object_or_404(Page.objects.published(), slug=slug)
    officials = Official.objects.all() if page.is_profile else []
    return render(request, "pages/page_detail.html", {"page": page, "officials": officials})


@require_GET
def page_preview(request, token):
    """An unpublished page as citizens will see it, through a signed link (core.preview)."""
    pk = read_token(token, Page.guard_kind)
    if pk is None:
        raise Http404
    page = get_object_or_404(Page, pk=pk)
    officials = Official.objects.all() if page.is_profile else []
    context = {"page": page, "officials": officials, "is_preview": True}
    return preview_headers(render(request, "pages/page_detail.html", context))


@require_GET
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /cari/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
