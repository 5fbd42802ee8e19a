"""Provisioning and life cycle of OPD sites: create, deactivate, reactivate."""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_tenants.utils import get_public_schema_name, tenant_context

from accounts import roles
from accounts.services import OperatorInvitation, create_operator
from core import registry
from tenants.models import Domain, Opd, schema_name_for_slug, validate_opd_slug

logger = logging.getLogger(__name__)


def create_public_tenant() -> Opd:
    """Create the public schema's tenant row and the main domain (idempotent)."""
    public, _created = Opd.objects.get_or_create(
        schema_name=get_public_schema_name(),
        defaults={
            "name": "Portal OPD Terpadu",
            "short_name": "Portal",
            "kind": Opd.Kind.PORTAL,
            "slug": "public",
        },
    )
    Domain.objects.get_or_create(
        domain=settings.PORTAL_DOMAIN, defaults={"tenant": public, "is_primary": True}
    )
    return public


def validate_new_opd(*, slug: str) -> None:
    """Raise ValidationError when `slug` cannot become a new OPD's subdomain."""
    validate_opd_slug(slug)
    if (
        Opd.objects.filter(slug__iexact=slug).exists()
        or Opd.objects.filter(schema_name=schema_name_for_slug(slug)).exists()
        or Domain.objects.filter(domain__iexact=f"{slug}.{settings.PORTAL_DOMAIN}").exists()
    ):
        raise ValidationError(
            {"slug": _("Subdomain “%(slug)s” sudah dipakai OPD lain.") % {"slug": slug}},
            code="duplicate",
        )


@transaction.atomic
def create_opd(
    *,
    name: str,
    short_name: str,
    kind: str,
    slug: str,
    admin_name: str,
    admin_email: str,
    send_invitation: bool = True,
) -> OperatorInvitation:
    """Create an OPD with its domain, schema, default roles and content, and its first admin.

    Everything happens in one transaction (PostgreSQL DDL is transactional), so a failure at any
    step leaves no OPD row, domain or schema behind. The invitation e-mail goes out on commit.
    """
    slug = slug.strip()
    validate_new_opd(slug=slug)
    opd = Opd(
        schema_name=schema_name_for_slug(slug),
        name=name.strip(),
        short_name=short_name.strip(),
        kind=kind,
        slug=slug,
    )
    opd.full_clean()
    opd.save()
    Domain.objects.create(domain=f"{slug}.{settings.PORTAL_DOMAIN}", tenant=opd, is_primary=True)
    opd.create_schema(check_if_exists=False, verbosity=0)
    with tenant_context(opd):
        seed_tenant_defaults()
        invitation = create_operator(
            opd=opd,
            full_name=admin_name,
            email=admin_email,
            role=roles.ADMIN_OPD,
            send_invitation=send_invitation,
        )
    return invitation


def seed_tenant_defaults() -> None:
    """Give the current (tenant) schema its roles and every app's default content."""
    roles.sync_roles()
    for app in registry.content_apps():
        if app.seed_defaults is not None:
            app.seed_defaults()


def set_opd_active(*, opd: Opd, active: bool) -> None:
    """Deactivate (maintenance page, nothing deleted) or reactivate an OPD's site."""
    if opd.is_public:
        raise ValidationError(_("Portal utama tidak dapat dinonaktifkan."))
    opd.is_active = active
    opd.save(update_fields=["is_active", "updated_at"])
