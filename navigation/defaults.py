"""The default menu of an OPD: Beranda (always first, not an item), Profil, Informasi Publik,
Publikasi, then the top targets (Kontak). The content apps say where their targets go
(core.registry.MenuTarget.default_parent); the groups are this app's."""

from django.db import transaction
from django.utils.translation import gettext as _

from navigation import services
from navigation.models import MenuItem

# (key, label, position among the top items); a group appears only if something goes in it.
DEFAULT_GROUPS = (
    ("profil", "Profil", 10),
    ("informasi-publik", "Informasi Publik", 30),
    ("publikasi", "Publikasi", 40),
)


def default_group_labels() -> dict[str, str]:
    return {key: _(label) for key, label, _position in DEFAULT_GROUPS}


@transaction.atomic
def seed_defaults() -> None:
    """Give the current OPD the default menu, unless it has a menu already (idempotent; runs
    after the other apps' defaults, so their default pages and categories exist)."""
    if MenuItem.objects.exists():
        return
    targets = sorted(
        (target for target in services.targets_by_key().values() if target.default_parent),
        key=lambda target: target.default_position,
    )
    labels = default_group_labels()
    groups = {}
    for key, _label, position in DEFAULT_GROUPS:
        if any(target.default_parent == key for target in targets):
            groups[key] = MenuItem.objects.create(label=labels[key], position=position)
    for target in targets:
        if target.default_parent != "top" and target.default_parent not in groups:
            continue
        MenuItem.objects.create(
            target=target.key,
            parent=groups.get(target.default_parent),
            position=target.default_position,
            target_label=target.label,
            href=target.url,
        )
