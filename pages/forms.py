from django import forms

from core.images import reencoded_if_uploaded
from pages.models import Official
from tenants.forms import OpdImagesFormMixin
from tenants.models import Opd

IDENTITY_FIELDS = (
    "logo",
    "header_image",
    "primary_color",
    "address",
    "phone",
    "email",
    "opening_hours",
    "map_url",
    "instagram_url",
    "facebook_url",
    "x_url",
    "youtube_url",
    "tiktok_url",
)


class IdentityForm(OpdImagesFormMixin, forms.ModelForm):
    """The OPD's identity, edited by its own admin (bound to request.tenant, never another)."""

    class Meta:
        model = Opd
        fields = IDENTITY_FIELDS
        widgets = {"primary_color": forms.TextInput(attrs={"type": "color"})}


class OfficialAdminForm(forms.ModelForm):
    class Meta:
        model = Official
        fields = ("name", "position", "photo", "order")

    def clean_photo(self):
        return reencoded_if_uploaded(self.cleaned_data.get("photo"), max_width=600)
