"""Accounts' background work: the password-reset e-mail."""

from django.contrib.auth import get_user_model

from accounts.services import console_set_password_url, set_password_url
from core.mail import queue_mail
from core.tasks import schema_task
from core.tenancy import current_opd


@schema_task(queue="mail")
def send_password_reset(*, user_ids: list[int]) -> None:
    """E-mail each of these accounts (of the job's schema) a one-time set-password link.

    The job is deferred for every request, also when no account matched (an empty list), so
    that the log-in page answers a known and an unknown address alike (password_reset)."""
    opd = current_opd()
    users = get_user_model().objects.filter(pk__in=user_ids, is_active=True, is_staff=True)
    for user in users.exclude(email=""):
        if opd is None:
            link, site_name, login_url = console_set_password_url(user), None, None
        else:
            link, site_name = set_password_url(opd, user), opd.name
            login_url = opd.site_url("/admin/")
        queue_mail(
            template="accounts/email/password_reset",
            context={
                "user": user,
                "site_name": site_name,
                "set_password_url": link,
                "login_url": login_url,
            },
            to=[user.email],
        )
