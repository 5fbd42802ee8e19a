from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from core.pagecache import cache_anonymous_page
from gallery.models import Album, Photo, Video

VIDEO_COUNT = 12


def _with_covers(albums: list[Album]) -> list[tuple[Album, dict | None]]:
    """Each album with its cover's picture: the chosen cover, else its first photo (one query
    for every album's first photo)."""
    firsts: dict[int, Photo] = {}
    missing = [album.pk for album in albums if album.cover is None]
    if missing:
        for photo in (
            Photo.objects.filter(album_id__in=missing)
            .order_by("album_id", "position", "pk")
            .distinct("album_id")
        ):
            firsts[photo.album_id] = photo
    base_url = Photo._meta.get_field("image").storage.url("")
    shown = []
    for album in albums:
        cover = album.cover or firsts.get(album.pk)
        shown.append((album, cover.picture(base_url) if cover else None))
    return shown


@require_GET
@cache_anonymous_page
def gallery_index(request):
    albums = list(
        Album.objects.published().select_related("cover").defer("body_text", "search_vector")
    )
    videos = list(Video.objects.published()[:VIDEO_COUNT])
    return render(request, "gallery/index.html", {"albums": _with_covers(albums), "videos": videos})


@require_GET
@cache_anonymous_page
def album_detail(request, slug):
    album = get_object_or_404(Album.objects.published(), slug=slug)
    base_url = Photo._meta.get_field("image").storage.url("")
    photos = [(photo, photo.picture(base_url)) for photo in album.photos.all()]
    return render(request, "gallery/album_detail.html", {"album": album, "photos": photos})
