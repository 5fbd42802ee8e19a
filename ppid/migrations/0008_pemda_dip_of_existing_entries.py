"""The pemda's DIP (ppidutama.DipEntry, public schema) gets the published entries every OPD had
before it existed; from then on publishing writes it (ppid.portal.PEMDA_DIP) and
`rebuild_portal_index` rebuilds it. Runs in each OPD schema (nothing in the public schema, which
has no DIP). Frozen on purpose: the OPD's DIP addresses are the URL contract's (`/ppid/`,
`/ppid/dokumen/<id>/`) and the form labels those of ppid.PublicInformation.Format today.
"""

from django.conf import settings
from django.db import migrations

from core.links import absolute_url

FORMAT_LABELS = {
    "softcopy": "Softcopy",
    "hardcopy": "Hardcopy",
    "keduanya": "Softcopy dan hardcopy",
}
EXCLUDED = "dikecualikan"


def copy_published_entries(apps, schema_editor):
    Opd = apps.get_model("tenants", "Opd")
    Domain = apps.get_model("tenants", "Domain")
    PublicInformation = apps.get_model("ppid", "PublicInformation")
    DipEntry = apps.get_model("ppidutama", "DipEntry")
    opd = Opd.objects.filter(schema_name=schema_editor.connection.schema_name).first()
    published = PublicInformation.objects.filter(is_published=True).order_by("pk")
    if opd is None or not published.exists():
        return
    primary = Domain.objects.filter(tenant=opd, is_primary=True).values_list("domain", flat=True)
    host = primary.first() or f"{opd.slug}.{settings.PORTAL_DOMAIN}"
    rows = []
    for entry in published.iterator():
        excluded = entry.category == EXCLUDED
        has_document = not excluded and bool(entry.file or entry.link)
        document_url = absolute_url(host, f"/ppid/dokumen/{entry.pk}/") if has_document else ""
        rows.append(
            DipEntry(
                opd=opd,
                source_id=entry.pk,
                number=entry.number,
                title=entry.title,
                summary=entry.summary,
                holder=entry.holder,
                responsible_person=entry.responsible_person,
                produced_when=entry.produced_when,
                produced_where=entry.produced_where,
                available_format=FORMAT_LABELS.get(entry.available_format, ""),
                retention_period=entry.retention_period,
                year=entry.year,
                category=entry.category,
                url=absolute_url(host, f"/ppid/#informasi-{entry.pk}"),
                document_url=document_url,
                has_file=has_document and bool(entry.file),
                file_type=entry.file_type if has_document and entry.file else "",
                exclusion_legal_basis=entry.exclusion_legal_basis if excluded else "",
                exclusion_consequence=entry.exclusion_consequence if excluded else "",
                exclusion_tested_on=entry.exclusion_tested_on if excluded else None,
            )
        )
    DipEntry.objects.filter(opd=opd).delete()
    DipEntry.objects.bulk_create(rows)


class Migration(migrations.Migration):
    dependencies = [
        ("ppid", "0007_ppidutama_records"),
        ("ppidutama", "0004_dip_entries"),
    ]

    operations = [migrations.RunPython(copy_published_entries, migrations.RunPython.noop)]
