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


def verify_two_factor(client, user):
    """Give `user` a confirmed authenticator device and mark the client's logged-in session as
    verified with it, as the second log-in step does (the Kominfo console requires it). Run it in
    the schema the client logged in on."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=user, name="uji", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def login_console(client, user):
    """Log a Kominfo user into the console, password and second step."""
    from django_tenants.utils import get_public_schema_name, schema_context

    with schema_context(get_public_schema_name()):
        client.force_login(user)
        verify_two_factor(client, user)
    return client


def point_mail_at_a_closed_port(settings):
    """Send mail through Django's real SMTP backend to a local port where nothing listens, so
    every send fails the way it does when the mail server is down."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 2
