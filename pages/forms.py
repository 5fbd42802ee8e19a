from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core import registry
from core.images import reencoded_if_uploaded
from guard.screening import check_link, check_text
from pages.menu import menu_target_key
from pages.models import Official, Page
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


class PageAdminForm(forms.ModelForm):
    """The page form, with "Letak di menu" when an app owns the menu (core.registry)."""

    menu_place = forms.ChoiceField(
        label=_("Letak di menu"),
        required=False,
        help_text=_("Urutan dan judul di menu diatur di Menu situs."),
    )

    class Meta:
        model = Page
        fields = ("title", "slug", "parent", "body", "is_published")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "parent" in self.fields:
            self.fields["parent"].queryset = self.instance.possible_parents()
        placement = registry.menu_placement()
        if placement is None:
            del self.fields["menu_place"]
            return
        self.fields["menu_place"].choices = placement.choices()
        if self.instance.pk:
            self.initial["menu_place"] = placement.current(menu_target_key(self.instance.pk))

    def place_in_menu(self) -> None:
        """After the page is saved: put it where "Letak di menu" says (the old menu flag
        follows, so pages.show_in_menu stays true to the menu)."""
        placement = registry.menu_placement()
        if placement is None or "menu_place" not in self.cleaned_data:
            return
        choice = self.cleaned_data["menu_place"]
        placement.place(menu_target_key(self.instance.pk), choice)
        if self.instance.show_in_menu != bool(choice):
            Page.objects.filter(pk=self.instance.pk).update(show_in_menu=bool(choice))
