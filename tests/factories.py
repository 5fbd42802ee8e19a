"""Plain helpers that create test data inside the current schema."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from tests.conftest import PASSWORD


def make_operator(username="operator", *, role=None, pk=None, password=PASSWORD, **fields):
    """An OPD operator (staff user) in the current schema, optionally with one of the roles."""
    fields.setdefault("is_staff", True)
    user = get_user_model()(username=username, pk=pk, **fields)
    user.set_password(password)
    user.save()
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user
