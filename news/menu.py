"""The places of the news an OPD's menu can point to (core.registry.MenuTarget)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.registry import MenuTarget
from news.models import Category

# The default menu's Publikasi group: the news list first, then the announcements.
ANNOUNCEMENTS_SLUG = "pengumuman"


def menu_targets() -> list[MenuTarget]:
    group = _("Berita")
    targets = [
        MenuTarget(
            key="news:list",
            label=_("Berita"),
            url=reverse("news:list"),
            group=group,
            default_parent="publikasi",
            default_position=10,
        )
    ]
    for category in Category.objects.only("pk", "name", "slug"):
        announcements = category.slug == ANNOUNCEMENTS_SLUG
        targets.append(
            MenuTarget(
                key=f"news:category:{category.pk}",
                label=category.name,
                url=category.get_absolute_url(),
                group=_("Kategori berita"),
                default_parent="publikasi" if announcements else "",
                default_position=20,
            )
        )
    return targets
