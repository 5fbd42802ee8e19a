import io
import zipfile

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from core import filetypes
from documents.demo import minimal_pdf
from documents.models import Document, DocumentCategory
from publishing.services import publish_content

PDF_BYTES = minimal_pdf(["Formulir uji", "Baris kedua"])


def ooxml(folder="word", extra=None, content_type="application/xml") -> bytes:
    """A small Office Open XML container (word/ → DOCX, xl/ → XLSX, ppt/ → PPTX)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<?xml version="1.0"?><Types><Override PartName="/{folder}/main.xml" '
            f'ContentType="{content_type}"/></Types>',
        )
        archive.writestr(f"{folder}/main.xml", "<document/>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def zip_of(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def uploaded(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def make_document(title="Formulir Permohonan", *, category="formulir", data=PDF_BYTES,
                  file_type=filetypes.PDF, is_published=True, description="", pk=None):  # fmt: skip
    document = Document(
        pk=pk,
        title=title,
        description=description,
        category=DocumentCategory.objects.get(slug=category),
        file_type=file_type,
        file_size=len(data),
        is_published=is_published,
    )
    document.file.save("x", ContentFile(data), save=False)
    publish_content(document)
    return document
