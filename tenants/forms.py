from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.images import reencoded_if_uploaded
from tenants.models import SLUG_MAX_LENGTH, Opd, site_kind_choices
from tenants.services import validate_new_opd


class OpdCreationForm(forms.Form):
    name = forms.CharField(label=_("Nama resmi OPD"), max_length=200)
    short_name = forms.CharField(label=_("Nama singkat"), max_length=60)
    kind = forms.ChoiceField(
        label=_("Jenis"),
        choices=site_kind_choices,
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


class OpdImagesFormMixin:
    """The OPD's logo and header image, re-encoded on upload, wherever the identity is edited
    (the OPD admin's identity page and the Kominfo console)."""

    def clean_logo(self):
        return reencoded_if_uploaded(self.cleaned_data.get("logo"), max_width=512)

    def clean_header_image(self):
        return reencoded_if_uploaded(self.cleaned_data.get("header_image"), max_width=1920)


class OpdAdminForm(OpdImagesFormMixin, forms.ModelForm):
    class Meta:
        model = Opd
        fields = ("logo", "header_image")  # The admin's fieldsets name the rest.
