"""Where PPID files live: public documents in the OPD's media folder, personal files outside it."""

import os
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import connection


class PrivateTenantStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT/<schema>/, which no URL serves: they are read only by
    permission-checked views. Like TenantFileSystemStorage, the location follows the schema."""

    @property
    def base_location(self):
        return os.path.join(settings.PRIVATE_MEDIA_ROOT, connection.schema_name)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise NotImplementedError("Private files have no public URL.")


private_storage = PrivateTenantStorage()


def _generated_name(folder: str, filename: str) -> str:
    return f"{folder}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


def document_upload_to(instance, filename: str) -> str:
    return _generated_name("ppid/dokumen", filename)


def id_scan_upload_to(instance, filename: str) -> str:
    return _generated_name("ppid/identitas", filename)


def notice_upload_to(instance, filename: str) -> str:
    return _generated_name("ppid/pemberitahuan", filename)
