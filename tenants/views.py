import mimetypes

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.static import serve

from core import storage
from tenants import media
from tenants.theme import theme_for


@require_GET
@cache_control(max_age=86400, public=True)
def theme_css(request):
    """The OPD's colours as CSS custom properties, so templates need no inline styles."""
    css = theme_for(request.tenant).as_css()
    return HttpResponse(css, content_type="text/css; charset=utf-8")


@require_GET
def serve_media(request, path):
    """Media for development and PORTAL_SERVE_MEDIA=1, by the rules of tenants.media (the
    proxy asks /_media/ask the same question in production)."""
    if not media.may_serve(request.tenant, path):
        raise Http404
    if storage.is_remote("identity"):
        response = _from_object_store(path)
    else:
        folder, rest = path.split("/", 1)
        response = serve(request, rest, document_root=settings.MEDIA_ROOT / folder)
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    return response


def _from_object_store(path):
    """The file at `path` (<schema>/...) of the public bucket, streamed (S3_PUBLIC_URL=/media/
    with PORTAL_SERVE_MEDIA=1: development, or a node without a proxy in front)."""
    try:
        file = storage.storage("identity").open(path, "rb")
    except (FileNotFoundError, storage.StorageUnavailable):
        raise Http404 from None
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    return FileResponse(file, content_type=content_type)
