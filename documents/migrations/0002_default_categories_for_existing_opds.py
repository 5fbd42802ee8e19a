"""The default categories of the document library in every OPD schema, the OPDs that existed
before it included (a new OPD gets the same again from documents.defaults.seed_defaults, which
finds them there). Frozen on purpose: it must not follow later changes of the defaults."""

from django.db import migrations

DEFAULT_CATEGORIES = (
    ("formulir", "Formulir"),
    ("peraturan", "Peraturan"),
    ("laporan", "Laporan"),
    ("lainnya", "Lainnya"),
)


def seed_categories(apps, schema_editor):
    DocumentCategory = apps.get_model("documents", "DocumentCategory")
    for position, (slug, name) in enumerate(DEFAULT_CATEGORIES):
        DocumentCategory.objects.get_or_create(
            slug=slug, defaults={"name": name, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [migrations.RunPython(seed_categories, migrations.RunPython.noop)]
