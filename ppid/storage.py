"""Where PPID files live: public documents in the OPD's media folder, personal files (ID scans,
notices) in the private storage (core.storage: PRIVATE_MEDIA_ROOT/<schema>/ or the private
bucket's <schema>/ prefix), which no URL serves."""

import uuid
from pathlib import PurePath

from core import storage
from core.storage import PrivateFileSystemStorage


class PrivateTenantStorage(PrivateFileSystemStorage):
    """Kept for migration 0001, which names it; the fields now use private_storage()."""


def private_storage():
    """STORAGES["private"], whichever backend is configured (a callable keeps migrations free
    of the backend)."""
    return storage.storage("private")


def _generated_name(folder: str, filename: str) -> str:
    return f"{folder}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


def document_upload_to(instance, filename: str) -> str:
    return _generated_name("ppid/dokumen", filename)


def id_scan_upload_to(instance, filename: str) -> str:
    return _generated_name("ppid/identitas", filename)


def notice_upload_to(instance, filename: str) -> str:
    return _generated_name("ppid/pemberitahuan", filename)
