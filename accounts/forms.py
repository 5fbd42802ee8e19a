"""Forms of the console's operator pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts import roles

ROLE_CHOICES = [
    (role, f"{role} — {description}") for role, description in roles.ROLE_DESCRIPTIONS.items()
]


class OperatorForm(forms.Form):
    full_name = forms.CharField(label=_("Nama lengkap"), max_length=150)
    email = forms.EmailField(label=_("E-mail"))
    role = forms.ChoiceField(label=_("Peran"), choices=ROLE_CHOICES)


class HandOverForm(forms.Form):
    """A leaving operator's account is disabled and a successor with the same roles invited."""

    outgoing = forms.TypedChoiceField(label=_("Operator yang keluar"), coerce=int)
    full_name = forms.CharField(label=_("Nama pengganti"), max_length=150)
    email = forms.EmailField(label=_("E-mail pengganti"))

    def __init__(self, *args, operators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outgoing"].choices = [
            (user.pk, f"{user.username} ({user.get_full_name()})")
            for user in operators
            if user.is_active
        ]


class PasswordResetRequestForm(forms.Form):
    """The e-mail address of an account whose owner forgot the password."""

    email = forms.EmailField(
        label=_("E-mail akun Anda"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )


# Permissions of the apps a Kominfo role can use; Django's bookkeeping tables and the task
# queue's internals are not offered.
_UNOFFERED_PERMISSION_APPS = (
    "admin",
    "contenttypes",
    "sessions",
    "procrastinate",
    "otp_totp",
    "otp_static",
    "axes",
)
_PERMISSION_VERBS = {
    "add": _("tambah"),
    "change": _("ubah"),
    "delete": _("hapus"),
    "view": _("lihat"),
}


class PermissionsField(forms.ModelMultipleChoiceField):
    """A role's or user's permissions as "Artikel: ubah": Django stores its names in English
    ("Can change article") and shows the app and model names beside them."""

    @staticmethod
    def offered():
        from django.contrib.auth.models import Permission

        return (
            Permission.objects.exclude(content_type__app_label__in=_UNOFFERED_PERMISSION_APPS)
            .select_related("content_type")
            .order_by("content_type__app_label", "content_type__model", "codename")
        )

    def label_from_instance(self, permission):
        from django.utils.text import capfirst

        model = permission.content_type.model_class()
        subject = capfirst(model._meta.verbose_name) if model else permission.content_type.model
        verb, _sep, _rest = permission.codename.partition("_")
        action = _PERMISSION_VERBS.get(verb)
        if action is None or not permission.name.startswith("Can "):
            action = permission.name
        return f"{subject}: {action}"
