"""Operator accounts of an OPD: invite, reset, hand over, deactivate."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Group
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_tenants.utils import get_public_schema_name, schema_context

from accounts import roles
from accounts.tokens import set_password_token_generator
from core.links import portal_url
from core.mail import queue_mail
from tenants.models import Opd


@dataclass(frozen=True)
class OperatorInvitation:
    """An operator account together with the one-time link that lets its owner set a password."""

    opd: Opd
    user: AbstractUser
    set_password_url: str


def create_operator(
    *, opd: Opd, full_name: str, email: str, role: str, send_invitation: bool = True
) -> OperatorInvitation:
    """Create an operator account in `opd` (the active schema) and e-mail a set-password link."""
    _require_schema(opd)
    email = get_user_model().objects.normalize_email(email.strip()).lower()
    if not email:
        raise ValidationError({"email": _("Alamat e-mail wajib diisi.")})
    if get_user_model().objects.filter(username__iexact=email).exists():
        raise ValidationError(
            {"email": _("Sudah ada akun dengan e-mail %(email)s di OPD ini.") % {"email": email}}
        )
    first_name, _sep, last_name = full_name.strip().partition(" ")
    user = get_user_model()(
        username=email,
        email=email,
        first_name=first_name[:150],
        last_name=last_name[:150],
        is_staff=True,
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    user.groups.set(Group.objects.filter(name=role))
    return _invite(opd, user, send=send_invitation)


def reset_operator_password(*, opd: Opd, user: AbstractUser) -> OperatorInvitation:
    """Lock the account's current password and send a fresh one-time set-password link."""
    _require_schema(opd)
    user.set_unusable_password()
    user.save(update_fields=["password"])
    return _invite(opd, user)


@transaction.atomic
def hand_over_opd(
    *, opd: Opd, outgoing: AbstractUser, full_name: str, email: str
) -> OperatorInvitation:
    """An operator leaves: disable their account and invite a successor with the same roles.

    What the outgoing operator wrote stays, credited to them.
    """
    _require_schema(opd)
    role_names = list(outgoing.groups.values_list("name", flat=True)) or [roles.ADMIN_OPD]
    invitation = create_operator(opd=opd, full_name=full_name, email=email, role=role_names[0])
    invitation.user.groups.set(Group.objects.filter(name__in=role_names))
    outgoing.set_unusable_password()
    outgoing.is_active = False
    outgoing.save(update_fields=["password", "is_active"])
    return invitation


def set_operator_active(*, opd: Opd, user: AbstractUser, active: bool) -> None:
    _require_schema(opd)
    user.is_active = active
    user.save(update_fields=["is_active"])


def set_password_url(opd: Opd, user: AbstractUser) -> str:
    """The one-time link, on the OPD's own host, with which `user` sets a password."""
    _require_schema(opd)
    path = reverse(
        "admin:password_set",
        urlconf=settings.ROOT_URLCONF,
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": set_password_token_generator.make_token(user),
        },
    )
    return opd.site_url(path)


def console_set_password_url(user: AbstractUser) -> str:
    """The one-time link, on the main domain, with which a Kominfo user sets a password."""
    if connection.schema_name != get_public_schema_name():
        raise RuntimeError(f"Expected the public schema, got {connection.schema_name}")
    path = reverse(
        "console:password_set",
        urlconf=settings.PUBLIC_SCHEMA_URLCONF,
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": set_password_token_generator.make_token(user),
        },
    )
    return portal_url(path)


def _invite(opd: Opd, user: AbstractUser, *, send: bool = True) -> OperatorInvitation:
    invitation = OperatorInvitation(
        opd=opd, user=user, set_password_url=set_password_url(opd, user)
    )
    if send:
        _send_invitation(invitation)
    return invitation


def _send_invitation(invitation: OperatorInvitation) -> None:
    # Queued with the account, in its transaction; the console shows the link too, and the
    # worker retries a mail outage, which never undoes the account.
    opd, user = invitation.opd, invitation.user
    queue_mail(
        template="accounts/email/invitation",
        context={
            "opd": opd,
            "user": user,
            "set_password_url": invitation.set_password_url,
            "admin_url": opd.site_url("/admin/"),
        },
        to=[user.email],
    )


def _require_schema(opd: Opd) -> None:
    if connection.schema_name != opd.schema_name:
        raise RuntimeError(f"Expected schema {opd.schema_name}, got {connection.schema_name}")


def operators_of(opd: Opd):
    """Operator accounts of `opd`, read inside its schema (one OPD at a time, for the console)."""
    with schema_context(opd.schema_name):
        return list(
            get_user_model().objects.prefetch_related("groups").order_by("-is_active", "username")
        )
