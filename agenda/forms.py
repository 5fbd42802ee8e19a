from django import forms
from django.contrib.admin import widgets as admin_widgets
from django.utils.translation import gettext_lazy as _

from agenda.models import Event
from library.forms import ImageChoiceField, ImageChooser


class DateAndOptionalTimeField(forms.SplitDateTimeField):
    """A date and a time; the time may be left empty (00.00), as for an all-day event."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", admin_widgets.AdminSplitDateTime)
        super().__init__(require_all_fields=False, **kwargs)
        self.fields[1].required = False

    def compress(self, data_list):
        if data_list and data_list[0] and not data_list[1]:
            data_list = [data_list[0], forms.TimeField().to_python("00:00")]
        return super().compress(data_list)


class EventAdminForm(forms.ModelForm):
    starts_at = DateAndOptionalTimeField(
        label=_("Mulai"),
        help_text=_("Tanggal dan jam mulai (WIB). Untuk agenda sepanjang hari jam boleh kosong."),
    )
    ends_at = DateAndOptionalTimeField(
        label=_("Selesai"),
        help_text=_(
            "Tanggal dan jam selesai (WIB), tidak boleh sebelum mulai. Agenda yang sudah selesai "
            "pindah sendiri ke daftar agenda lalu."
        ),
    )
    image = ImageChoiceField(
        label=_("Gambar"),
        widget=ImageChooser(none_label=_("Tanpa gambar")),
        help_text=_("Opsional: pilih poster atau foto dari pustaka media."),
    )

    class Meta:
        model = Event
        fields = (
            "title",
            "all_day",
            "starts_at",
            "ends_at",
            "place",
            "map_url",
            "organiser",
            "description",
            "image",
            "is_published",
            "slug",
        )
        error_messages = {
            "map_url": {"invalid": _("Tautan peta harus alamat https:// yang lengkap.")},
        }
