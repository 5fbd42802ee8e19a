"""The OPD admin's forms of the service catalogue: a new form (PDF) or the Maklumat's signed scan
are uploaded into the media library (library.services), which checks the file."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from guard.screening import check_link
from library.services import add_document, add_image, library_max_bytes
from publicservices.models import Service, ServiceMaklumat

SCAN_TYPES_HELP = _("JPEG, PNG atau WebP (foto/pindaian), atau PDF.")


class ServiceAdminForm(forms.ModelForm):
    form_upload = forms.FileField(
        label=_("Unggah formulir baru (PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
        help_text=_("Tersimpan di pustaka media dan dilampirkan pada layanan ini."),
    )
    form_title = forms.CharField(label=_("Judul formulir baru"), max_length=200, required=False)

    library_user = None  # set by the admin: who uploads

    class Meta:
        model = Service
        fields = (
            "name",
            "slug",
            "summary",
            "requirements",
            "duration",
            "cost",
            "product",
            "complaints",
            "opening_hours",
            "location",
            "map_url",
            "apply_url",
            "forms",
            "position",
            "is_published",
        )

    def clean(self):
        cleaned = super().clean()
        for name in ("map_url", "apply_url"):
            if cleaned.get(name):
                try:
                    check_link(cleaned[name])
                except ValidationError as error:
                    self.add_error(name, error)
        upload = cleaned.get("form_upload")
        if upload and not self.errors:
            try:
                document = add_document(
                    upload=upload, title=cleaned.get("form_title") or "", by=self.library_user
                )
            except ValidationError as error:
                field = "form_title" if error.code == "title" else "form_upload"
                self.add_error(field, error)
            else:
                cleaned["forms"] = [*(cleaned.get("forms") or []), document]
        return cleaned


class MaklumatAdminForm(forms.ModelForm):
    scan_upload = forms.FileField(
        label=_("Unggah pindaian baru"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*,application/pdf,.pdf"}),
        help_text=SCAN_TYPES_HELP,
    )

    library_user = None

    class Meta:
        model = ServiceMaklumat
        fields = ("text", "signed_by", "scan_image", "scan_document")

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("scan_upload")
        if upload and not self.errors:
            title = str(_("Maklumat Pelayanan (pindaian)"))
            is_pdf = upload.name.lower().endswith(".pdf")
            try:
                if is_pdf:
                    cleaned["scan_document"] = add_document(
                        upload=upload, title=title, by=self.library_user
                    )
                    cleaned["scan_image"] = None
                else:
                    cleaned["scan_image"] = add_image(
                        upload=upload,
                        alt_text=title,
                        by=self.library_user,
                        max_bytes=library_max_bytes(),
                    )
                    cleaned["scan_document"] = None
            except ValidationError as error:
                self.add_error("scan_upload", error)
            else:
                self.instance.scan_image = cleaned["scan_image"]
                self.instance.scan_document = cleaned["scan_document"]
        return cleaned
