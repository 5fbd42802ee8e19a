from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from core import filetypes
from core.images import validated_image_file
from documents.models import Document, DocumentCategory
from guard.screening import check_text

# Images are re-encoded (as every uploaded image is) but kept large: maps and scans are read.
IMAGE_MAX_WIDTH = 4000


def max_upload_mb() -> int:
    """The library's files are the DIP's kind of files: the same ceiling (README, Configuration)."""
    return settings.PPID_MAX_UPLOAD_MB


class DocumentCategoryAdminForm(forms.ModelForm):
    """Category names are shown on the citizen site: screened like content."""

    class Meta:
        model = DocumentCategory
        fields = ("name", "slug", "position")

    def clean_name(self):
        name = self.cleaned_data["name"]
        check_text(name)
        return name


class DocumentAdminForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ("title", "category", "description", "file", "is_published", "published_at")

    def clean_file(self):
        """The upload is judged by its bytes (core.filetypes): a bad file is a form error and
        nothing is stored."""
        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile):
            detected = filetypes.validate_upload(
                file, allowed=filetypes.DOWNLOAD_EXTENSIONS, max_mb=max_upload_mb()
            )
            self.instance.original_filename = PurePath(file.name).name[:255]
            if detected in (filetypes.JPEG, filetypes.PNG):
                # Decoded and re-encoded: a pixel bomb is refused, and EXIF (a phone's GPS
                # position) and anything appended to the pixels are dropped.
                file = validated_image_file(
                    file, max_width=IMAGE_MAX_WIDTH, max_bytes=max_upload_mb() * 1024 * 1024
                )
                detected = filetypes.detect_file_type(file)
            self.instance.file_type = detected
            self.instance.file_size = file.size
        return file
