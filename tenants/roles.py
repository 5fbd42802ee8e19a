"""The default operator roles every OPD gets, as Django groups with permissions."""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

ADMIN_OPD = "Admin OPD"
OPERATOR_BERITA = "Operator Berita"
PETUGAS_PPID = "Petugas PPID"

ROLE_DESCRIPTIONS = {
    ADMIN_OPD: _("Semua hal di OPD ini, termasuk akun operatornya"),
    OPERATOR_BERITA: _("Berita dan halaman"),
    PETUGAS_PPID: _("Dokumen dan permohonan informasi PPID"),
}

# Apps whose every permission a role gets; new models in these apps join the role automatically
# because the roles are synchronised after every tenant migration.
_ROLE_APPS = {
    ADMIN_OPD: ("news", "pages", "ppid"),
    OPERATOR_BERITA: ("news", "pages"),
    PETUGAS_PPID: ("ppid",),
}
# Extra single permissions: the OPD admin manages the OPD's operator accounts, but not the roles.
_ROLE_EXTRA_PERMISSIONS = {
    ADMIN_OPD: (
        ("auth", "add_user"),
        ("auth", "change_user"),
        ("auth", "delete_user"),
        ("auth", "view_user"),
        ("auth", "view_group"),
        ("admin", "view_logentry"),
        # Log-in lock-outs of this OPD: see them, and unlock by deleting the attempt.
        ("axes", "view_accessattempt"),
        ("axes", "delete_accessattempt"),
        ("axes", "view_accesslog"),
    ),
}


# Permissions reserved to the OPD admin even inside an app another role otherwise owns.
_ADMIN_ONLY_PERMISSIONS = (("pages", "change_identity"),)


def role_permissions(role: str):
    query = Q(content_type__app_label__in=_ROLE_APPS[role])
    for app_label, codename in _ROLE_EXTRA_PERMISSIONS.get(role, ()):
        query |= Q(content_type__app_label=app_label, codename=codename)
    permissions = Permission.objects.filter(query)
    if role != ADMIN_OPD:
        for app_label, codename in _ADMIN_ONLY_PERMISSIONS:
            permissions = permissions.exclude(content_type__app_label=app_label, codename=codename)
    return permissions


def sync_roles() -> None:
    """Create the default roles in the current schema and give them their current permissions."""
    for role in _ROLE_APPS:
        group, _created = Group.objects.get_or_create(name=role)
        group.permissions.set(role_permissions(role))


def is_opd_admin(user) -> bool:
    """Whether `user` (of the current OPD's schema) holds the Admin OPD role."""
    return user.is_active and (user.is_superuser or user.groups.filter(name=ADMIN_OPD).exists())
