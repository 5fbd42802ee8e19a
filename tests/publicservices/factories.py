"""Helpers that create services inside the current schema."""

from publicservices.models import Service, ServiceMaklumat, ServiceStep
from publishing.services import publish_content

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    + b"%"
    + b"x" * 1500
    + b"\n"
)


def make_service(name="Penerbitan KTP-el", *, slug=None, steps=2, **fields):
    fields.setdefault("summary", f"Ringkasan {name}")
    fields.setdefault("requirements", "<ul><li>Fotokopi Kartu Keluarga</li></ul>")
    fields.setdefault("duration", "1 hari kerja")
    fields.setdefault("cost", "Gratis")
    fields.setdefault("product", "Kartu Tanda Penduduk elektronik")
    service = Service(name=name, slug=slug or name.lower().replace(" ", "-"), **fields)
    publish_content(service)
    for number in range(1, steps + 1):
        ServiceStep.objects.create(service=service, position=number, title=f"Langkah ke-{number}")
    return service


def make_maklumat(text="<p>Kami sanggup melayani sesuai standar.</p>", **fields):
    return ServiceMaklumat.objects.create(text=text, **fields)
