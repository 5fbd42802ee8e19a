from django import forms
from django.core.exceptions import ValidationError

from core.images import reencoded_if_uploaded
from guard.screening import check_link, check_text
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
    # The OPD's own editorial choice (news.workflow reads it).
    "require_article_review",
)
# Shown in every page's footer and contact block: screened like content.
SCREENED_TEXT_FIELDS = ("address", "phone", "opening_hours")
SCREENED_LINK_FIELDS = (
    "map_url", "instagram_url", "facebook_url", "x_url", "youtube_url", "tiktok_url",
)  # fmt: skip


class IdentityForm(OpdImagesFormMixin, forms.ModelForm):
    """The OPD's identity, edited by its own admin (bound to request.tenant, never another)."""

    class Meta:
        model = Opd
        fields = IDENTITY_FIELDS
        widgets = {"primary_color": forms.TextInput(attrs={"type": "color"})}

    def clean(self):
        cleaned = super().clean()
        checks = [(name, check_text) for name in SCREENED_TEXT_FIELDS]
        page_url = self.instance.site_url()
        checks += [
            (name, lambda url: check_link(url, page_url=page_url)) for name in SCREENED_LINK_FIELDS
        ]
        for name, check in checks:
            try:
                check(cleaned.get(name) or "")
            except ValidationError as error:
                self.add_error(name, error)
        return cleaned


class OfficialAdminForm(forms.ModelForm):
    class Meta:
        model = Official
        fields = ("name", "position", "unit", "photo", "order")

    def clean_photo(self):
        return reencoded_if_uploaded(self.cleaned_data.get("photo"), max_width=600)
