"""Django's and third-party apps' Indonesian that we word differently.

Nothing imports this module: it exists so that `manage.py makemessages` puts these msgids into
our catalogue (locale/id/LC_MESSAGES/django.po), where their translations take precedence over
the packages' own (LOCALE_PATHS come first). The translations themselves are in the .po file.
Strings of the admin's JavaScript (the two-box selector) are in core/wording.js.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

_ = gettext_noop

DJANGO_ADMIN = [
    # "dibawah" is written "di bawah".
    ngettext_lazy("Please correct the error below.", "Please correct the errors below."),
    # The admin's "Filter" stays English in Django's catalogue.
    _("Filter"),
    _("Filters"),
    _("Show counts"),
    _("Hide counts"),
]

# Django's groups are the OPD's roles (accounts.roles): one word, "peran", everywhere.
DJANGO_AUTH = [
    _("Authentication and Authorization"),
    _("group"),
    _("groups"),
    _(
        "The groups this user belongs to. A user will get all permissions granted to each of "
        "their groups."
    ),
    _("Specific permissions for this user."),
    _("user permissions"),
    _("permissions"),
    _("Designates whether this user can log into this admin site."),
    _("Designates that this user has all permissions without explicitly assigning them."),
    _("superuser status"),
    _("staff status"),
]

# django-axes: the log-in lock-outs (accounts/admin.py).
AXES = [
    _("access attempt"),
    _("access attempts"),
    _("Username"),
    _("IP Address"),
    _("User Agent"),
    _("Path"),
    _("Attempt Time"),
    _("Failed Logins"),
    _("Expires At"),
    _("The time when access attempt expires and is no longer valid."),
    _("Access Attempt"),
    _("access attempt expiration"),
    _("access attempt expirations"),
    _("Locked Out"),
    _("Not set"),
    # Hidden from both admins, but named in role permissions and the audit log.
    _("access log"),
    _("access logs"),
]

# Django's "%(from)s-%(to)s relationship" names the tables behind many-to-many fields.
DJANGO_MODELS = [
    _("%(from)s-%(to)s relationship"),
    _("%(from)s-%(to)s relationships"),
]
