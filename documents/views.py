from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from core.pagecache import cache_anonymous_page
from documents.models import Document, DocumentCategory

CATEGORY_PARAMETER = "kategori"


@require_GET
@cache_anonymous_page
def document_list(request):
    """The published documents by category (two queries), or one category's (?kategori=)."""
    categories = list(DocumentCategory.objects.all())
    documents = Document.objects.published().select_related("category")
    chosen = None
    slug = request.GET.get(CATEGORY_PARAMETER, "")
    if slug:
        chosen = next((category for category in categories if category.slug == slug), None)
        if chosen is None:
            raise Http404
        documents = documents.filter(category=chosen)
    by_category = {category.pk: [] for category in categories}
    for document in documents.order_by("-published_at", "-pk"):
        by_category[document.category_id].append(document)
    groups = [
        {"category": category, "documents": by_category[category.pk]}
        for category in categories
        if by_category[category.pk]
    ]
    context = {"categories": categories, "chosen": chosen, "groups": groups}
    return render(request, "documents/document_list.html", context)


@require_GET
@cache_anonymous_page
def document_detail(request, pk):
    document = get_object_or_404(Document.objects.published().select_related("category"), pk=pk)
    return render(request, "documents/document_detail.html", {"document": document})


@require_GET
def document_file(request, pk):
    """The file itself: a PDF opens in the browser, anything else is saved, named after the
    title; never sniffed into another type."""
    document = get_object_or_404(Document.objects.published(), pk=pk)
    if not document.file:
        raise Http404
    try:
        file = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        file,
        as_attachment=not document.is_pdf,
        filename=document.download_filename(),
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
