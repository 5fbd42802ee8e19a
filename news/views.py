from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView

from core.pagecache import cache_anonymous_page
from core.preview import preview_headers, read_token
from news.models import Article, Category

PAGE_SIZE = 10
RELATED_COUNT = 3


@method_decorator(cache_anonymous_page, name="dispatch")
class ArticleListView(ListView):
    paginate_by = PAGE_SIZE
    context_object_name = "articles"
    category = None

    def get_queryset(self):
        articles = Article.objects.published().for_listing()
        if "slug" in self.kwargs:
            self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
            # Its own articles and those of its subcategories, in the same query.
            articles = articles.filter(category__in=Category.objects.within(self.category))
        return articles

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        categories = list(Category.objects.all())
        context["category"] = self.category
        context["categories"] = categories
        # Taken from the list the chips show: no query of their own.
        context["subcategories"] = [
            item for item in categories if self.category and item.parent_id == self.category.pk
        ]
        return context


@method_decorator(cache_anonymous_page, name="dispatch")
class ArticleDetailView(DetailView):
    context_object_name = "article"

    def get_queryset(self):
        return (
            Article.objects.published()
            .select_related("category", "cover_photo")
            .prefetch_related("tags", "attachments")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        context["related"] = (
            Article.objects.published()
            .for_listing()
            .filter(category=article.category_id)
            .exclude(pk=article.pk)[:RELATED_COUNT]
        )
        context.update(_share_links(self.request, article))
        return context


def _share_links(request, article) -> dict:
    """The article's and its share image's absolute URLs (media may live on the object store's
    own host, S3_PUBLIC_URL, and then stay as they are)."""
    cover = article.cover_image()
    return {
        "share_url": request.build_absolute_uri(article.get_absolute_url()),
        "share_image_url": request.build_absolute_uri(cover["share_url"]) if cover else "",
    }


@require_GET
def preview(request, token):
    """A draft, scheduled or expired article as a citizen will see it, through a signed link
    (core.preview): only that article, only on this OPD's hosts, never cached or indexed."""
    pk = read_token(token, Article.guard_kind)
    if pk is None:
        raise Http404
    article = get_object_or_404(
        Article.objects.select_related("category", "cover_photo").prefetch_related(
            "tags", "attachments"
        ),
        pk=pk,
    )
    context = {
        "article": article,
        "related": [],
        "is_preview": True,
        **_share_links(request, article),
    }
    return preview_headers(render(request, "news/article_detail.html", context))
