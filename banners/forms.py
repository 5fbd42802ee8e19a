from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from banners.models import EmergencyBanner
from guard.screening import check_link, check_text


def latest_end(starts_at):
    """The latest end a broadcast starting at `starts_at` may have: BROADCAST_MAX_DAYS after its
    start, or after now for one that started earlier (it may be renewed, never left on)."""
    return max(starts_at, timezone.now()) + timedelta(days=settings.BROADCAST_MAX_DAYS)


class BannerForm(forms.ModelForm):
    """An emergency broadcast, from an OPD's admin or the console: it shows on every site, so
    the content guard screens its text and link, and it may not run for more than
    BROADCAST_MAX_DAYS."""

    class Meta:
        model = EmergencyBanner
        fields = ("level", "text", "link", "starts_at", "expires_at")

    def clean_text(self):
        text = self.cleaned_data["text"]
        check_text(text)
        return text

    def clean_link(self):
        link = self.cleaned_data["link"]
        check_link(link)
        return link

    def clean(self):
        cleaned = super().clean()
        starts_at, expires_at = cleaned.get("starts_at"), cleaned.get("expires_at")
        if starts_at and expires_at and expires_at > latest_end(starts_at):
            self.add_error(
                "expires_at",
                ValidationError(
                    _(
                        "Siaran darurat paling lama %(days)s hari: akhiri paling lambat "
                        "%(latest)s, lalu siarkan lagi bila masih diperlukan."
                    ),
                    code="too_long",
                    params={
                        "days": settings.BROADCAST_MAX_DAYS,
                        "latest": date_format(
                            timezone.localtime(latest_end(starts_at)), "DATETIME_FORMAT"
                        ),
                    },
                ),
            )
        return cleaned


class OpdBannerForm(BannerForm):
    """The broadcast form of an OPD's own admin (/admin/siaran/), outside the admin's widgets:
    a broadcast to every site, or a banner on the OPD's own site only."""

    class Meta(BannerForm.Meta):
        fields = ("level", "text", "link", "everywhere", "starts_at", "expires_at")
        widgets = {
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "expires_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }


class EndBannerForm(forms.Form):
    """“Akhiri sekarang” on one of the OPD's own broadcasts."""

    UNKNOWN = _("Siaran yang akan diakhiri tidak dikenal.")

    end = forms.IntegerField(
        min_value=1,
        max_value=2**63 - 1,  # a primary key (bigint)
        error_messages={
            "required": UNKNOWN,
            "invalid": UNKNOWN,
            "min_value": UNKNOWN,
            "max_value": UNKNOWN,
        },
    )
