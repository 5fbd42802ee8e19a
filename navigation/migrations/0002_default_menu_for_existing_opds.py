"""The default menu for every OPD that exists already, made from what its old menu showed.

An OPD provisioned after this migration gets its menu from navigation.defaults.seed_defaults
(its schema has no page yet when this runs, so nothing is done here). Frozen on purpose: the
items name their targets by key, and navigation's post_migrate handler reads every target
again (labels, addresses) right after this runs.
"""

from django.db import migrations

PROFILE_PAGES = ("profil", "visi-dan-misi", "tugas-pokok-dan-fungsi", "struktur-organisasi")
CONTACT_PAGE = "kontak"
PPID_PLACES = (
    ("ppid:dip", "Daftar Informasi Publik", "/ppid/"),
    ("ppid:request", "Permohonan Informasi", "/ppid/permohonan/"),
    ("ppid:track", "Lacak Permohonan", "/ppid/permohonan/lacak/"),
    ("ppid:objection", "Keberatan", "/ppid/keberatan/"),
    ("ppid:statistics", "Statistik dan Laporan", "/ppid/statistik/"),
)


def seed_existing_opd(apps, schema_editor):
    MenuItem = apps.get_model("navigation", "MenuItem")
    Page = apps.get_model("pages", "Page")
    Category = apps.get_model("news", "Category")
    if MenuItem.objects.exists() or not Page.objects.exists():
        return

    def page_item(page, position, parent=None):
        MenuItem.objects.create(
            target=f"pages:{page.pk}",
            parent=parent,
            position=position,
            target_label=page.title,
            href=f"/halaman/{page.slug}/",
            is_available=page.is_published,
        )

    pages = {page.slug: page for page in Page.objects.all()}
    profile = [pages[slug] for slug in PROFILE_PAGES if slug in pages]
    if profile:
        group = MenuItem.objects.create(label="Profil", position=10)
        for number, page in enumerate(profile, start=1):
            page_item(page, number * 10, group)
    # The pages the old menu showed besides the default ones stay top items, in their order.
    others = Page.objects.filter(show_in_menu=True).exclude(
        slug__in=(*PROFILE_PAGES, CONTACT_PAGE)
    )
    for number, page in enumerate(others.order_by("menu_order", "title"), start=1):
        page_item(page, 50 + number)
    group = MenuItem.objects.create(label="Informasi Publik", position=30)
    for number, (key, label, href) in enumerate(PPID_PLACES, start=1):
        MenuItem.objects.create(
            target=key, parent=group, position=number * 10, target_label=label, href=href
        )
    group = MenuItem.objects.create(label="Publikasi", position=40)
    MenuItem.objects.create(
        target="news:list", parent=group, position=10, target_label="Berita", href="/berita/"
    )
    announcements = Category.objects.filter(slug="pengumuman").first()
    if announcements is not None:
        MenuItem.objects.create(
            target=f"news:category:{announcements.pk}",
            parent=group,
            position=20,
            target_label=announcements.name,
            href="/berita/kategori/pengumuman/",
        )
    if CONTACT_PAGE in pages:
        page_item(pages[CONTACT_PAGE], 90)


class Migration(migrations.Migration):
    dependencies = [
        ("navigation", "0001_initial"),
        ("pages", "0004_revisions_follow_the_library"),
        ("news", "0004_revisions_follow_the_library"),
    ]

    operations = [migrations.RunPython(seed_existing_opd, migrations.RunPython.noop)]
