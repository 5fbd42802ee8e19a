import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from django_tenants.utils import schema_context, tenant_context

from ppid.models import InformationRequest, Objection, hash_tracking_code
from ppidutama import disposition, roles
from tests.conftest import PASSWORD
from tests.factories import login_console
from tests.ppid.conftest import (  # noqa: F401 (the PPID tests' autouse fixtures apply here too)
    VALID_REQUEST,
    fresh_local_holidays,
    private_media_root,
    token,
)


def console_user(username: str, role: str | None):
    with schema_context("public"):
        user = get_user_model().objects.create_user(
            username, f"{username}@kominfo.example.org", PASSWORD, is_staff=True
        )
        if role:
            user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def utama(public_tenant):
    """A console client logged in (two factors) as PPID Utama."""
    user = console_user("utama", roles.PPID_UTAMA)
    return login_console(Client(HTTP_HOST="localhost"), user), user


@pytest.fixture
def atasan(public_tenant):
    user = console_user("sekda", roles.ATASAN_PPID)
    return login_console(Client(HTTP_HOST="localhost"), user), user


def file_with_utama(**overrides):
    """A request whose OPD the citizen does not know, through the real service."""
    fields = {**VALID_REQUEST, **overrides}
    fields.setdefault("submission_token", token())
    return disposition.submit_to_utama(**fields)


def moment(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def seed_request(
    opd, sequence, *, received, due, status="diterima", decided=None, ground="", pk=None
):
    """A request registered in the OPD's schema with the given facts (the records follow it
    through the ppid app's receivers)."""
    with tenant_context(opd):
        return InformationRequest.objects.create(
            **VALID_REQUEST,
            pk=pk,
            number=f"{opd.slug.upper()}/PPID/{received.year}/{sequence:04d}",
            year=received.year,
            sequence=sequence,
            tracking_code_hash=hash_tracking_code(token()),
            submission_token=token(),
            status=status,
            received_at=moment(received),
            due_date=due,
            decided_at=None if decided is None else moment(decided, 14),
            refusal_ground=ground,
        )


def seed_objection(opd, request, sequence, *, filed, due, outcome=""):
    with tenant_context(opd):
        return Objection.objects.create(
            request=request,
            number=f"{opd.slug.upper()}/PPID/KEB/{filed.year}/{sequence:04d}",
            year=filed.year,
            sequence=sequence,
            tracking_code_hash=hash_tracking_code(token()),
            submission_token=token(),
            ground="c",
            reason="Permintaan saya tidak ditanggapi oleh Budi Santoso",
            filed_at=moment(filed),
            due_date=due,
            status="ditanggapi" if outcome else "diterima",
            outcome=outcome,
            answered_at=moment(due) if outcome else None,
        )


@pytest.fixture
def console_user_with(public_tenant):
    """`console_user_with(*perms)`: a Kominfo staff user (public schema) with those permissions."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    from tests.conftest import PASSWORD

    def make(*permissions, username="ppidutama", superuser=False):
        User = get_user_model()
        if superuser:
            return User.objects.create_superuser(username, f"{username}@example.org", PASSWORD)
        user = User.objects.create_user(
            username, f"{username}@example.org", PASSWORD, is_staff=True
        )
        for permission in permissions:
            app_label, codename = permission.split(".")
            user.user_permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        return user

    return make
