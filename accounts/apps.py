from django.apps import AppConfig
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def _attempt_str(attempt):
    return gettext("Percobaan masuk %(username)s") % {"username": attempt.username or "–"}


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Akun operator")

    def ready(self):
        # django-axes names its app "Axes" and each failed log-in "Attempted Access: <time>",
        # neither translatable, and the admin shows both (index, breadcrumbs, delete page).
        from axes.models import AccessAttempt
        from django.apps import apps

        from accounts import receivers

        apps.get_app_config("axes").verbose_name = _("Keamanan akun")
        AccessAttempt.__str__ = _attempt_str

        receivers.connect()
