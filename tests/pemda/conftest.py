import pytest
from django.contrib.auth import get_user_model

from tests.conftest import PASSWORD
from tests.factories import login_console
from tests.pemda.helpers import make_identity


@pytest.fixture
def console(portal_client, public_tenant):
    """The main domain's client, logged into the console as a Kominfo superuser."""
    user = get_user_model().objects.create_superuser("kominfo", "k@example.org", PASSWORD)
    return login_console(portal_client, user)


@pytest.fixture
def identity(public_tenant):
    return make_identity()
