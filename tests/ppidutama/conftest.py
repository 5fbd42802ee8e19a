import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django_tenants.utils import schema_context

from ppidutama import disposition, roles
from tests.conftest import PASSWORD
from tests.factories import login_console

# Every PPID test's autouse fixtures (private media under tmp, local holidays forgotten).
from tests.ppid.conftest import VALID_REQUEST, fresh_local_holidays, private_media_root, token  # noqa: F401


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
