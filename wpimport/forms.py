"""The upload of a WordPress export, in the OPD's admin and (with the OPD to import into) in
the Kominfo console."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from tenants.models import Opd
from wpimport.fetch import RemoteUploads
from wpimport.wxr import MAX_BYTES

ARCHIVE_SUFFIXES = (".zip", ".tar.gz", ".tgz")
TIME_ZONES = (
    ("Asia/Jakarta", _("WIB (Asia/Jakarta)")),
    ("Asia/Makassar", _("WITA (Asia/Makassar)")),
    ("Asia/Jayapura", _("WIT (Asia/Jayapura)")),
)


def _too_large(upload, limit: int, what: str) -> forms.ValidationError:
    return forms.ValidationError(
        _("%(what)s terlalu besar (%(size)s); paling besar %(limit)s.")
        % {"what": what, "size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
    )


class UploadForm(forms.Form):
    export = forms.FileField(
        label=_("Berkas ekspor WordPress (.xml)"),
        help_text=_(
            "Di dasbor WordPress situs lama: Alat → Ekspor → Semua konten → Unduh Berkas Ekspor."
        ),
    )
    uploads = forms.FileField(
        label=_("Arsip folder unggahan situs lama (.zip atau .tar.gz)"),
        required=False,
        help_text=_(
            "Folder tempat WordPress menyimpan foto dan dokumen situs lama; mintalah salinannya "
            "kepada pengelola hosting lama. Tanpa arsip ini, isi kolom di bawahnya."
        ),
    )
    fetch_from = forms.URLField(
        label=_("Atau unduh lampiran dari situs lama"),
        required=False,
        assume_scheme="https",
        help_text=_(
            "Alamat situs lama yang masih hidup, misalnya https://dinkes.example.go.id: "
            "foto dan dokumen diunduh dari sana satu per satu."
        ),
    )
    time_zone = forms.ChoiceField(
        label=_("Zona waktu situs lama"), choices=TIME_ZONES, initial="Asia/Jakarta"
    )

    def clean_export(self):
        export = self.cleaned_data["export"]
        if not export.name.lower().endswith(".xml"):
            raise forms.ValidationError(_("Pilih berkas ekspor WordPress yang berakhiran .xml."))
        if export.size > MAX_BYTES:
            raise _too_large(export, MAX_BYTES, _("Berkas ekspor"))
        return export

    def clean_uploads(self):
        uploads = self.cleaned_data["uploads"]
        if uploads is None:
            return None
        if not uploads.name.lower().endswith(ARCHIVE_SUFFIXES):
            raise forms.ValidationError(_("Arsip unggahan harus berupa .zip atau .tar.gz."))
        limit = settings.WPIMPORT_MAX_ARCHIVE_MB * 1024 * 1024
        if uploads.size > limit:
            raise _too_large(uploads, limit, _("Arsip unggahan"))
        return uploads

    def clean_fetch_from(self):
        address = self.cleaned_data["fetch_from"]
        if address:
            try:
                RemoteUploads(address)
            except ValueError as error:
                raise forms.ValidationError(str(error)) from None
        return address

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("uploads") and cleaned.get("fetch_from"):
            self.add_error(
                "fetch_from",
                _("Pilih salah satu: unggah arsip, atau unduh dari situs lama, bukan keduanya."),
            )
        return cleaned


class ConsoleUploadForm(UploadForm):
    opd = forms.ModelChoiceField(
        label=_("Situs OPD tujuan"),
        queryset=Opd.objects.sites().filter(is_active=True).order_by("name"),
        help_text=_("Hanya situs yang aktif yang dapat menerima impor."),
        error_messages={
            "invalid_choice": _("Pilih situs OPD yang aktif dari daftar."),
        },
    )

    field_order = ("opd", "export", "uploads", "fetch_from", "time_zone")
