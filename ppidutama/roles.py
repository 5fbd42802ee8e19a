"""The pemda-level PPID roles, as groups of the public schema (Kominfo's console users).

PPID Utama (usually at Diskominfo) receives the requests whose OPD the citizen does not know,
forwards them or answers them, and sees every OPD's open requests; the Atasan PPID (usually the
Sekda) decides objections (UU 14/2008 Pasal 35–36; Perki 1/2021). The PPID Pelaksana of each
OPD is that OPD's "Petugas PPID" role (accounts.roles). Both log in to the console with two
factors, as every console user does."""

from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.models import Q
from django_tenants.utils import get_public_schema_name

PPID_UTAMA = "PPID Utama"
ATASAN_PPID = "Atasan PPID"

# (app label, codename) per role; other apps of this one add theirs with `grant`.
ROLE_PERMISSIONS: dict[str, set[tuple[str, str]]] = {
    PPID_UTAMA: {
        ("ppidutama", "view_pemdarequest"),
        ("ppidutama", "change_pemdarequest"),
        ("ppidutama", "forward_pemdarequest"),
        ("ppidutama", "view_requestrecord"),
        ("ppidutama", "view_objectionrecord"),
        # The narrative parts of the Pasal 56 annual report.
        ("ppidutama", "view_annualreportnarrative"),
        ("ppidutama", "change_annualreportnarrative"),
        # Follows the objections to the Atasan PPID (ppidutama.atasan), answers none.
        ("ppidutama", "view_pemdaobjection"),
    },
    ATASAN_PPID: {
        # Answers the objections (UU 14/2008 Pasal 36 ayat (2)).
        ("ppidutama", "view_pemdaobjection"),
        ("ppidutama", "change_pemdaobjection"),
        ("ppidutama", "view_pemdarequest"),
        ("ppidutama", "view_requestrecord"),
        ("ppidutama", "view_objectionrecord"),
    },
}


def grant(role: str, *permissions: tuple[str, str]) -> None:
    ROLE_PERMISSIONS[role].update(permissions)


def sync_roles(**kwargs) -> None:
    """post_migrate receiver: create both roles in the public schema with their permissions."""
    if connection.schema_name != get_public_schema_name():
        return
    for role, wanted in ROLE_PERMISSIONS.items():
        query = Q(pk__in=[])
        for app_label, codename in wanted:
            query |= Q(content_type__app_label=app_label, codename=codename)
        group, _created = Group.objects.get_or_create(name=role)
        group.permissions.set(Permission.objects.filter(query))
