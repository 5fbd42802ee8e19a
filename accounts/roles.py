"""The default operator roles every OPD gets, as Django groups with permissions."""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core import registry

ADMIN_OPD = "Admin OPD"
OPERATOR_BERITA = "Operator Berita"
PETUGAS_PPID = "Petugas PPID"

ROLE_DESCRIPTIONS = {
    ADMIN_OPD: _("Semua hal di OPD ini, termasuk akun operatornya"),
    OPERATOR_BERITA: _("Berita dan halaman"),
    PETUGAS_PPID: _("Dokumen dan permohonan informasi PPID"),
}

ROLES = (ADMIN_OPD, OPERATOR_BERITA, PETUGAS_PPID)
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
        # The WordPress imports of this OPD: upload, start or cancel one, read the reports.
        ("wpimport", "view_importrun"),
        ("wpimport", "add_importrun"),
        ("wpimport", "change_importrun"),
    ),
}


# The media library (an infrastructure app, not a content app): whoever writes news or pages
# uploads, chooses and describes its images and PDFs.
_LIBRARY_PERMISSIONS = tuple(
    ("library", f"{action}_{model}")
    for model in ("image", "document")
    for action in ("add", "change", "delete", "view")
)
# The redirects of old addresses (an infrastructure app too): whoever manages the pages and the
# menu manages where the old site's links lead.
_REDIRECT_PERMISSIONS = tuple(
    ("redirects", f"{action}_redirect") for action in ("add", "change", "delete", "view")
)
for _role in (ADMIN_OPD, OPERATOR_BERITA):
    _ROLE_EXTRA_PERMISSIONS[_role] = (
        *_ROLE_EXTRA_PERMISSIONS.get(_role, ()),
        *_LIBRARY_PERMISSIONS,
        *_REDIRECT_PERMISSIONS,
    )


def role_apps(role: str) -> list[str]:
    """The content apps whose every permission `role` gets (core.registry): the Admin OPD role
    gets them all. New models of these apps join the role by themselves, because the roles are
    synchronised after every tenant migration."""
    return [app.label for app in registry.content_apps() if role == ADMIN_OPD or role in app.roles]


def role_permissions(role: str):
    query = Q(content_type__app_label__in=role_apps(role))
    for app_label, codename in _ROLE_EXTRA_PERMISSIONS.get(role, ()):
        query |= Q(content_type__app_label=app_label, codename=codename)
    permissions = Permission.objects.filter(query)
    if role != ADMIN_OPD:
        for app in registry.content_apps():
            permissions = permissions.exclude(
                content_type__app_label=app.label, codename__in=app.admin_only_permissions
            )
    return permissions


def sync_roles() -> None:
    """Create the default roles in the current schema and give them their current permissions."""
    for role in ROLES:
        group, _created = Group.objects.get_or_create(name=role)
        group.permissions.set(role_permissions(role))


def is_opd_admin(user) -> bool:
    """Whether `user` (of the current OPD's schema) holds the Admin OPD role."""
    return user.is_active and (user.is_superuser or user.groups.filter(name=ADMIN_OPD).exists())
