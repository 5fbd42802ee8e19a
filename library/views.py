from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.storage import StorageUnavailable
from core.views import may_upload_editor_images
from library.models import Image
from library.services import add_image

PICKER_LIMIT = 30


def _upload_error(message, status):
    return JsonResponse({"error": {"message": str(message)}}, status=status)


@require_POST
def upload_editor_image(request):
    """The CKEditor 5 image upload (CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME), answered in its JSON.
    Every image lands in the OPD's library; the editor asks its alt text afterwards."""
    if not may_upload_editor_images(request.user):
        return _upload_error(_("Anda tidak berhak mengunggah gambar."), 403)
    upload = request.FILES.get("upload")
    if upload is None:
        return _upload_error(_("Tidak ada berkas yang diunggah."), 400)
    try:
        image = add_image(upload=upload, alt_text="", by=request.user, require_alt_text=False)
    except StorageUnavailable as error:
        return _upload_error(error.messages[0], 503)
    except ValidationError as error:
        return _upload_error(error.messages[0], 400)
    return JsonResponse({"url": image.file.url})


@require_GET
def editor_picker(request):
    """The panel beside the rich-text editor: the library's images, searchable, each with a
    "Sisipkan" button (static/js/library-editor.js) and its address to copy. Routed by
    library.admin.ImageAdmin, behind the admin's log-in."""
    if not (may_upload_editor_images(request.user) and request.user.has_perm("library.view_image")):
        raise PermissionDenied
    query = request.GET.get("q", "")[:100]
    images = Image.objects.search(query)[:PICKER_LIMIT]
    response = render(request, "library/editor_picker.html", {"images": images, "query": query})
    response["Cache-Control"] = "private, no-store"
    return response
