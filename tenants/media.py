"""Which host may serve which uploaded file, for Django's media view and for the proxy.

MEDIA_ROOT holds one folder per schema. An OPD's host serves only its own schema's folder, and
nothing while the OPD is deactivated; the main domain serves the public schema's folder and the
identity folder (logo, header image) of every active OPD, which its directory shows. A path is
judged as the file server will open it and refused unless it is written plainly: no empty, "."
or ".." segment, no backslash, no percent sign left after decoding, no NUL.
"""

from urllib.parse import unquote, urlsplit

from django_tenants.utils import get_public_schema_name

from tenants.models import Opd

MEDIA_PREFIX = "/media/"
# The folder of an OPD's identity files (tenants.models.identity_upload_to).
IDENTITY_FOLDER = "identitas"
# Folders of an active OPD the main domain shows too: its identity (the directory) and its news
# covers (the portal's news lists show them from the portal index), which the media library's
# images are since it exists (library.models.IMAGE_FOLDER).
PORTAL_SHOWN_FOLDERS = ((IDENTITY_FOLDER,), ("berita", "sampul"), ("pustaka", "gambar"))


def plain_segments(path: str) -> list[str] | None:
    """The segments of a media path relative to MEDIA_ROOT, or None when it is not plain."""
    if any(character in path for character in ("\\", "%", "\x00")):
        return None
    segments = path.split("/")
    if any(segment in ("", ".", "..") for segment in segments):
        return None
    return segments


def may_serve(tenant: Opd, path: str) -> bool:
    """Whether the host of `tenant` (an OPD, or the portal) may serve MEDIA_ROOT/`path`."""
    segments = plain_segments(path)
    if not segments or len(segments) < 2:
        return False
    folder = segments[0]
    if tenant.schema_name != get_public_schema_name():
        return tenant.is_active and folder == tenant.schema_name
    if folder == tenant.schema_name:
        return True
    shown = any(tuple(segments[1 : 1 + len(prefix)]) == prefix for prefix in PORTAL_SHOWN_FOLDERS)
    return shown and Opd.objects.sites().filter(schema_name=folder, is_active=True).exists()


def path_from_uri(uri: str) -> str | None:
    """The media path of a request URI as sent (/media/<path>?query), decoded once, as the file
    server decodes it; None for a URI outside /media/."""
    path = urlsplit(uri).path
    if not path.startswith(MEDIA_PREFIX):
        return None
    return unquote(path[len(MEDIA_PREFIX) :], errors="strict")
