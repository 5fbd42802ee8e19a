from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from core.images import reencoded_if_uploaded
from tenants import social
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


ACCEPTED_IMAGES = "image/png,image/jpeg,image/webp,image/gif"
LOGO_MAX_WIDTH = 512
HEADER_MAX_WIDTH = 1920


class ImagePreviewInput(forms.ClearableFileInput):
    """The current image as a thumbnail (its stored name is a meaningless random one), a box to
    remove it, and the file input to replace it."""

    class Media:
        css = {"all": ["css/identity.css"]}

    def __init__(self, *, width: int, height: int, alt, attrs=None):
        super().__init__(attrs={"accept": ACCEPTED_IMAGES, **(attrs or {})})
        self.width, self.height, self.alt = width, height, alt

    def render(self, name, value, attrs=None, renderer=None):
        file_input = forms.FileInput(attrs=self.attrs).render(name, None, attrs, renderer)
        if not self.is_initial(value):
            return file_input
        parts = [
            format_html(
                '<a href="{}"><img class="image-preview__image" src="{}" alt="{}" width="{}" '
                'height="{}"></a>',
                value.url,
                value.url,
                self.alt,
                self.width,
                self.height,
            )
        ]
        if not self.is_required:
            checkbox_name = self.clear_checkbox_name(name)
            checkbox_id = self.clear_checkbox_id(checkbox_name)
            parts.append(
                format_html(
                    '<label class="image-preview__clear" for="{}"><input type="checkbox" '
                    'name="{}" id="{}"> {}</label>',
                    checkbox_id,
                    checkbox_name,
                    checkbox_id,
                    _("Hapus gambar ini"),
                )
            )
        parts.append(
            format_html(
                '<span class="image-preview__replace">{} {}</span>', _("Ganti:"), file_input
            )
        )
        return format_html(
            '<div class="image-preview">{}</div>', format_html_join("", "{}", ((p,) for p in parts))
        )


class SocialLinkField(forms.CharField):
    """An address on one social network or an account name there, saved as the network's
    canonical https address (tenants.social)."""

    widget = forms.TextInput(attrs={"inputmode": "url", "autocomplete": "url"})
    default_validators = [URLValidator(schemes=["https"])]

    def __init__(self, *, network: str, **kwargs):
        self.network = social.NETWORKS[network]
        self.network_key = network
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        try:
            return social.normalise(self.network_key, value)
        except social.NotThisNetwork:
            raise ValidationError(
                _("Ini bukan alamat atau nama akun %(network)s."),
                code="network",
                params={"network": self.network.name},
            ) from None


class OpdImagesFormMixin:
    """The OPD's logo and header image, re-encoded on upload, shown as thumbnails with the size
    they need, and its social links normalised, wherever the identity is edited (the OPD admin's
    identity page and the Kominfo console)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        images = {
            "logo": (
                ImagePreviewInput(width=96, height=96, alt=_("Logo saat ini")),
                _(
                    "PNG, JPEG atau WebP, sebaiknya persegi dan berlatar transparan, minimal "
                    "256×256 piksel. Disimpan selebar paling banyak %(width)d piksel; SVG tidak "
                    "diterima."
                )
                % {"width": LOGO_MAX_WIDTH},
            ),
            "header_image": (
                ImagePreviewInput(width=300, height=100, alt=_("Gambar header saat ini")),
                _(
                    "JPEG, PNG atau WebP, melebar 3:1, minimal 1200×400 piksel. Disimpan "
                    "selebar paling banyak %(width)d piksel."
                )
                % {"width": HEADER_MAX_WIDTH},
            ),
        }
        for name, (widget, hint) in images.items():
            if name in self.fields:
                widget.is_required = self.fields[name].required
                self.fields[name].widget = widget
                self.fields[name].help_text = hint
        for name, network in social.FIELDS.items():
            if name in self.fields:
                old = self.fields[name]
                self.fields[name] = SocialLinkField(
                    network=network,
                    required=old.required,
                    label=old.label,
                    max_length=getattr(old, "max_length", None),
                    help_text=_("Alamat profil atau nama akun, mis. %(example)s")
                    % {"example": SOCIAL_EXAMPLES[network]},
                )

    def clean_logo(self):
        return reencoded_if_uploaded(self.cleaned_data.get("logo"), max_width=LOGO_MAX_WIDTH)

    def clean_header_image(self):
        return reencoded_if_uploaded(
            self.cleaned_data.get("header_image"), max_width=HEADER_MAX_WIDTH
        )


SOCIAL_EXAMPLES = {
    "instagram": "@dinkes.kota atau https://www.instagram.com/dinkes.kota",
    "facebook": "https://www.facebook.com/dinkes.kota",
    "x": "@dinkeskota atau https://x.com/dinkeskota",
    "youtube": "@dinkeskota atau https://www.youtube.com/@dinkeskota",
    "tiktok": "@dinkeskota atau https://www.tiktok.com/@dinkeskota",
}


class OpdAdminForm(OpdImagesFormMixin, forms.ModelForm):
    class Meta:
        model = Opd
        fields = ("logo", "header_image")  # The admin's fieldsets name the rest.
