from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import DetailView, ListView
from django_tenants.utils import get_public_schema_name

from news import search as news_search
from news.images import save_upload
from news.models import Article, Category
from portal.pagecache import cache_anonymous_page

PAGE_SIZE = 10
RELATED_COUNT = 3
# Whoever may write articles or pages may put images into them.
EDITOR_UPLOAD_PERMISSIONS = (
    "news.add_article",
    "news.change_article",
    "pages.add_page",
    "pages.change_page",
)


@method_decorator(cache_anonymous_page, name="dispatch")
class ArticleListView(ListView):
    paginate_by = PAGE_SIZE
    context_object_name = "articles"
    category = None

    def get_queryset(self):
        articles = Article.objects.published().for_listing()
        if "slug" in self.kwargs:
            self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
            articles = articles.filter(category=self.category)
        return articles

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["category"] = self.category
        context["categories"] = Category.objects.all()
        return context


@method_decorator(cache_anonymous_page, name="dispatch")
class ArticleDetailView(DetailView):
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.published().select_related("category").prefetch_related("tags")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        context["related"] = (
            Article.objects.published()
            .for_listing()
            .filter(category=article.category_id)
            .exclude(pk=article.pk)[:RELATED_COUNT]
        )
        context["share_url"] = self.request.build_absolute_uri(article.get_absolute_url())
        return context


@login_required
@require_GET
def preview(request, pk):
    """An article as a citizen would see it, drafts and scheduled ones included (operators)."""
    if not request.user.is_staff or not request.user.has_perm("news.view_article"):
        raise PermissionDenied
    article = get_object_or_404(
        Article.objects.select_related("category").prefetch_related("tags"), pk=pk
    )
    context = {
        "article": article,
        "related": [],
        "share_url": request.build_absolute_uri(article.get_absolute_url()),
        "is_preview": True,
    }
    response = render(request, "news/article_detail.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def search(request):
    raw = request.GET.get("q", "")
    text, truncated = news_search.clean_query(raw)
    context = {"query": text, "truncated": truncated, "results": None}
    if text and news_search.is_searchable(text):
        context["results"] = news_search.search(text, request.GET.get("page"))
    elif text:
        context["unsearchable"] = True
    response = render(request, "news/search.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


def _upload_error(message, status):
    return JsonResponse({"error": {"message": str(message)}}, status=status)


@require_POST
def upload_editor_image(request):
    """The CKEditor 5 image upload (CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME), answered in its JSON."""
    user = request.user
    if not (
        connection.schema_name != get_public_schema_name()
        and user.is_authenticated
        and user.is_active
        and user.is_staff
        and any(user.has_perm(permission) for permission in EDITOR_UPLOAD_PERMISSIONS)
    ):
        return _upload_error(_("Anda tidak berhak mengunggah gambar."), 403)
    upload = request.FILES.get("upload")
    if upload is None:
        return _upload_error(_("Tidak ada berkas yang diunggah."), 400)
    try:
        name = save_upload(upload, folder="editor")
    except ValidationError as error:
        return _upload_error(error.messages[0], 400)
    return JsonResponse({"url": default_storage.url(name)})
