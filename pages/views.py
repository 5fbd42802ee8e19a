from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from news.models import ANNOUNCEMENT_CATEGORY, Article
from pages.models import Official, Page
from portal.pagecache import cache_anonymous_page

PINNED_COUNT = 3
LATEST_COUNT = 6
ANNOUNCEMENT_COUNT = 5


@require_GET
@cache_anonymous_page
def home(request):
    published = Article.objects.published().for_listing()
    context = {
        "pinned": published.filter(is_pinned=True)[:PINNED_COUNT],
        "latest": published.filter(is_pinned=False).exclude(category__slug=ANNOUNCEMENT_CATEGORY)[
            :LATEST_COUNT
        ],
        "announcements": published.filter(category__slug=ANNOUNCEMENT_CATEGORY)[
            :ANNOUNCEMENT_COUNT
        ],
    }
    return render(request, "opd/home.html", context)


@require_GET
@cache_anonymous_page
def page_detail(request, slug):
    page = get_object_or_404(Page.objects.published(), slug=slug)
    officials = Official.objects.all() if page.is_profile else []
    return render(request, "pages/page_detail.html", {"page": page, "officials": officials})


@require_GET
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /cari/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
