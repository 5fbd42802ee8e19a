"""The console form of the pemda's identity: the coat of arms checked and cleaned on upload,
social links saved as each network's https address (tenants.social)."""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from core.images import decode_image, validated_image_file
from pemda.models import PemdaIdentity
from pemda.svg import MAX_BYTES as SVG_MAX_BYTES
from pemda.svg import SvgRefused, looks_like_svg, sanitise_svg
from tenants.forms import ImagePreviewInput, OpdImagesFormMixin

ARMS_MAX_BYTES = 1024 * 1024
ARMS_MAX_WIDTH = 512
RASTER_FORMATS = {"PNG", "WEBP"}
ACCEPT = ".svg,image/svg+xml,image/png,image/webp"


def cleaned_arms(upload: UploadedFile) -> ContentFile:
    """An SVG rebuilt from the allowlist (pemda.svg), or a PNG/WebP re-encoded by core.images;
    anything else raises ValidationError."""
    upload.seek(0)
    head = upload.read(SVG_MAX_BYTES + 1)
    if looks_like_svg(head):
        try:
            data = sanitise_svg(head)
        except SvgRefused as refusal:
            raise ValidationError(str(refusal), code="svg") from None
        return ContentFile(data, name=f"{uuid.uuid4().hex}.svg")
    decoded = decode_image(upload, max_bytes=ARMS_MAX_BYTES)
    if decoded.format not in RASTER_FORMATS:
        raise ValidationError(_("Lambang harus berupa SVG, PNG atau WebP."), code="format")
    return validated_image_file(upload, max_width=ARMS_MAX_WIDTH, max_bytes=ARMS_MAX_BYTES)


class PemdaIdentityForm(OpdImagesFormMixin, forms.ModelForm):
    class Meta:
        model = PemdaIdentity
        fields = (
            "name", "region_name", "coat_of_arms", "address", "phone", "email", "portal_url",
            "map_url", "lapor_url", "instagram_url", "facebook_url", "x_url", "youtube_url",
            "tiktok_url",
            "privacy_statement", "accessibility_statement",
        )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "coat_of_arms" in self.fields:
            self.fields["coat_of_arms"].help_text = _(
                "SVG (dibersihkan dari skrip dan tautan luar), PNG atau WebP; paling besar "
                "%(svg)d KB untuk SVG dan %(raster)d KB untuk PNG/WebP, sebaiknya persegi dan "
                "berlatar transparan."
            ) % {"svg": SVG_MAX_BYTES // 1024, "raster": ARMS_MAX_BYTES // 1024}
            widget = ImagePreviewInput(
                width=96, height=96, alt=_("Lambang saat ini"), attrs={"accept": ACCEPT}
            )
            widget.is_required = self.fields["coat_of_arms"].required
            self.fields["coat_of_arms"].widget = widget

    def clean_coat_of_arms(self):
        value = self.cleaned_data.get("coat_of_arms")
        if isinstance(value, UploadedFile):
            return cleaned_arms(value)
        return value
