"""The e-mails about a hold: to the OPD's admins and to Kominfo."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django_tenants.utils import get_public_schema_name, schema_context

from accounts import roles
from accounts.models import OperatorAccount
from core.links import portal_url
from core.mail import queue_mail
from guard.models import ContentHold
from tenants.models import Opd


def kominfo_recipients() -> list[str]:
    """KOMINFO_ALERT_EMAIL, or else the e-mail of every active Kominfo superuser."""
    if settings.KOMINFO_ALERT_EMAILS:
        return list(settings.KOMINFO_ALERT_EMAILS)
    with schema_context(get_public_schema_name()):
        return list(
            get_user_model()
            .objects.filter(is_superuser=True, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )


def opd_admin_recipients(opd: Opd) -> list[str]:
    return list(
        OperatorAccount.objects.filter(opd=opd, is_active=True, roles__contains=roles.ADMIN_OPD)
        .exclude(email="")
        .values_list("email", flat=True)
    )


def notify_hold(hold_id: int) -> None:
    """Queue the e-mails to the OPD's admins and Kominfo about a hold, in the public schema and
    in the transaction that saves the hold."""
    with schema_context(get_public_schema_name()):
        hold = ContentHold.objects.select_related("opd").filter(pk=hold_id).first()
        if hold is None:
            return
        console_path = reverse(
            "console:guard_contenthold_change",
            args=[hold.pk],
            urlconf=settings.PUBLIC_SCHEMA_URLCONF,
        )
        context = {"hold": hold, "console_url": portal_url(console_path)}
        for template, recipients in [
            ("guard/email/hold_opd", opd_admin_recipients(hold.opd)),
            ("guard/email/hold_kominfo", kominfo_recipients()),
        ]:
            queue_mail(template=template, context=context, to=recipients)
