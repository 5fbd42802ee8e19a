from django import forms
from django.utils.translation import gettext_lazy as _

from redirects.services import CSV_MAX_BYTES


class CsvImportForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas CSV"),
        help_text=_(
            "Dua kolom dengan judul alamat_lama dan alamat_baru (dipisah koma atau titik koma), "
            "disimpan sebagai CSV UTF-8. Alamat lama yang sudah ada diperbarui, yang baru "
            "ditambahkan. Bila satu baris salah, tidak ada yang disimpan."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > CSV_MAX_BYTES:
            raise forms.ValidationError(
                _("Berkas terlalu besar: paling besar %(mb)d MB. Bagi menjadi beberapa berkas.")
                % {"mb": CSV_MAX_BYTES // (1024 * 1024)}
            )
        return upload
