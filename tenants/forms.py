from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tenants import roles
from tenants.models import SLUG_MAX_LENGTH, Opd
from tenants.services import validate_new_opd

ROLE_CHOICES = [
    (role, f"{role} — {description}") for role, description in roles.ROLE_DESCRIPTIONS.items()
]


class OpdCreationForm(forms.Form):
    name = forms.CharField(label=_("Nama resmi OPD"), max_length=200)
    short_name = forms.CharField(label=_("Nama singkat"), max_length=60)
    kind = forms.ChoiceField(
        label=_("Jenis"),
        choices=[(value, label) for value, label in Opd.Kind.choices if value != Opd.Kind.PORTAL],
    )
    slug = forms.CharField(
        label=_("Subdomain"),
        max_length=SLUG_MAX_LENGTH,
        help_text=_("Huruf kecil, angka dan tanda hubung, mis. “dinkes” → dinkes.%(domain)s")
        % {"domain": settings.PORTAL_DOMAIN},
    )
    admin_name = forms.CharField(label=_("Nama admin OPD pertama"), max_length=150)
    admin_email = forms.EmailField(label=_("E-mail admin OPD pertama"))

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        try:
            validate_new_opd(slug=slug)
        except ValidationError as error:
            raise ValidationError(
                error.message_dict.get("slug", error.messages)
                if hasattr(error, "error_dict")
                else error.messages
            ) from error
        return slug


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
