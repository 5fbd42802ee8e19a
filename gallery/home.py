"""The gallery's section of the OPD's home page: a strip of the latest photos (one query)."""

from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.registry import HomeSection
from gallery.models import Photo

STRIP_COUNT = 6


def latest_photos(request) -> dict | None:
    photos = list(
        Photo.objects.filter(album__is_published=True, album__published_at__lte=timezone.now())
        .select_related("album")
        .only("image", "renditions", "alt_text", "caption", "album__slug", "album__title")
        .order_by("-album__published_at", "-album_id", "position", "pk")[:STRIP_COUNT]
    )
    if not photos:
        return None
    base_url = Photo._meta.get_field("image").storage.url("")
    return {"photos": [(photo, photo.picture(base_url)) for photo in photos]}


SECTIONS = (
    HomeSection(
        key="galeri",
        label=_("Galeri foto"),
        template="gallery/home/_strip.html",
        context=latest_photos,
        position=60,
        admin_url=reverse_lazy("admin:gallery_album_add"),
        permission="gallery.add_album",
    ),
)
