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
