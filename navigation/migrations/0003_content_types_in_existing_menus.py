"""The places issue #18 added (Layanan, Agenda, Galeri, Unduhan, FAQ) in the menus OPDs have.

A new OPD gets them from navigation.defaults.seed_defaults; an OPD whose menu exists already
gets each one where the default menu puts it, under the top item of that group's label if the
OPD still has it (else as a top item), unless its menu links that place already. Frozen on
purpose, like 0002: navigation's post_migrate handler reads every target again right after.
"""

from django.db import migrations

# (target key, label, address, label of the group it goes under or "" for a top item, position)
NEW_PLACES = (
    ("publicservices:list", "Layanan", "/layanan/", "", 50),
    ("agenda:list", "Agenda", "/agenda/", "Publikasi", 30),
    ("gallery:index", "Galeri", "/galeri/", "Publikasi", 40),
    ("documents:list", "Unduhan", "/unduhan/", "Informasi Publik", 60),
    ("faq:list", "FAQ", "/faq/", "Informasi Publik", 90),
)


def add_new_places(apps, schema_editor):
    MenuItem = apps.get_model("navigation", "MenuItem")
    if not MenuItem.objects.exists():
        return
    linked = set(MenuItem.objects.values_list("target", flat=True))
    groups = {
        item.label: item
        for item in MenuItem.objects.filter(parent=None).exclude(label="").order_by("-position")
    }
    for key, label, href, group_label, position in NEW_PLACES:
        if key in linked:
            continue
        MenuItem.objects.create(
            target=key,
            parent=groups.get(group_label) if group_label else None,
            position=position,
            target_label=label,
            href=href,
        )


class Migration(migrations.Migration):
    dependencies = [("navigation", "0002_default_menu_for_existing_opds")]

    operations = [migrations.RunPython(add_new_places, migrations.RunPython.noop)]
