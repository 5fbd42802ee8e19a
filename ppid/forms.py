from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.utils.translation import gettext_lazy as _

from core import filetypes
from core.filetypes import validate_upload
from core.images import validated_image_file
from core.tenancy import current_opd
from ppid.models import InformationRequest, Objection, PublicInformation
from ppidutama import disposition
from ppidutama.forms import (
    APPLICANT_HELP_TEXTS,
    APPLICANT_WIDGETS,
    ApplicantFormMixin,
    PublicFormMixin,
)

# Wide enough to read every line of a KTP or a deed photographed whole.
ID_SCAN_MAX_WIDTH = 2400


class InformationRequestForm(ApplicantFormMixin, PublicFormMixin, forms.ModelForm):
    class Meta:
        model = InformationRequest
        fields = (
            "applicant_name",
            "identity_type",
            "identity_number",
            "address",
            "phone",
            "email",
            "occupation",
            "information_requested",
            "purpose",
            "obtain_method",
            "delivery_method",
            "id_scan",
        )
        widgets = {
            **APPLICANT_WIDGETS,
            "id_scan": forms.ClearableFileInput(
                attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}
            ),
        }
        help_texts = APPLICANT_HELP_TEXTS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["id_scan"].help_text = _(
            "Opsional. Foto (JPG/PNG) atau PDF KTP/akta, paling besar %(max)d MB."
        ) % {"max": settings.PPID_MAX_ID_SCAN_MB}

    def clean_id_scan(self):
        scan = self.cleaned_data.get("id_scan")
        if isinstance(scan, UploadedFile):
            max_mb = settings.PPID_MAX_ID_SCAN_MB
            detected = validate_upload(scan, allowed=filetypes.ID_SCAN_EXTENSIONS, max_mb=max_mb)
            if detected in (filetypes.JPEG, filetypes.PNG):
                # Decoded and re-encoded as every uploaded image is: a pixel bomb is refused,
                # and EXIF (a phone's GPS position) and anything appended to the pixels dropped.
                return validated_image_file(
                    scan, max_width=ID_SCAN_MAX_WIDTH, max_bytes=max_mb * 1024 * 1024
                )
        return scan

    def submission_fields(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}


class ObjectionForm(PublicFormMixin, forms.Form):
    request_number = forms.CharField(
        label=_("Nomor pendaftaran permohonan"),
        max_length=60,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    tracking_code = forms.CharField(
        label=_("Kode pelacakan permohonan"),
        max_length=30,
        help_text=_("Kode yang Anda terima pada tanda terima permohonan."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    ground = forms.ChoiceField(
        label=_("Alasan keberatan (UU 14/2008 Pasal 35 ayat (1))"),
        choices=Objection.Ground.choices,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Uraian keberatan"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def clean(self):
        cleaned_data = super().clean()
        number = (cleaned_data.get("request_number") or "").strip().upper()
        code = cleaned_data.get("tracking_code") or ""
        if number and code:
            request = InformationRequest.objects.filter(number=number).first()
            if request is None or not request.check_tracking_code(code):
                raise ValidationError(
                    _("Nomor pendaftaran atau kode pelacakan tidak cocok dengan permohonan."),
                    code="unknown_request",
                )
            self.information_request = request
        return cleaned_data


class PublicInformationAdminForm(forms.ModelForm):
    link = forms.URLField(
        label=_("tautan"),
        required=False,
        assume_scheme="https",
        help_text=_("Alternatif berkas: alamat dokumen di situs lain (mis. JDIH)."),
    )

    class Meta:
        model = PublicInformation
        fields = (
            "number",
            "title",
            "year",
            "category",
            "is_published",
            "summary",
            "holder",
            "responsible_person",
            "produced_when",
            "produced_where",
            "available_format",
            "retention_period",
            "file",
            "link",
            "exclusion_legal_basis",
            "exclusion_consequence",
            "exclusion_tested_on",
        )

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile):
            detected = validate_upload(
                file, allowed=filetypes.DOCUMENT_EXTENSIONS, max_mb=settings.PPID_MAX_UPLOAD_MB
            )
            self.instance.original_filename = PurePath(file.name).name[:255]
            self.instance.file_type = detected
        elif not file:
            self.instance.original_filename = ""
            self.instance.file_type = ""
        return file


class ProcessForm(forms.Form):
    note = forms.CharField(
        label=_("Catatan"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ExtendForm(forms.Form):
    days = forms.IntegerField(label=_("Perpanjangan (hari kerja)"), min_value=1, max_value=7)
    reason = forms.CharField(
        label=_("Alasan perpanjangan"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )


class HandOverForm(forms.Form):
    """A request PPID Utama forwarded goes back to it, or on to the OPD that holds the
    information; the reason is kept in the timeline staff see (never the citizen)."""

    BACK_TO_UTAMA = "ppid-utama"

    to = forms.ChoiceField(label=_("Kepada"))
    reason = forms.CharField(
        label=_("Alasan"),
        help_text=_("Mis. informasi ini dikuasai Dinas Kesehatan, bukan OPD kami."),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = current_opd()
        self._targets = {
            opd.slug: opd for opd in disposition.forward_targets().exclude(pk=current.pk)
        }
        self.fields["to"].choices = [
            (self.BACK_TO_UTAMA, _("Kembalikan ke PPID Utama")),
            *(
                (slug, _("Alihkan ke %(opd)s") % {"opd": opd.name})
                for slug, opd in self._targets.items()
            ),
        ]

    def clean_to(self):
        value = self.cleaned_data["to"]
        return None if value == self.BACK_TO_UTAMA else self._targets[value]


# The decision form's fields that only a refusal needs (static/js/ppid_decision.js hides them
# for the other decisions; RespondForm.clean() applies the same rule).
REFUSAL_ONLY = {"data-ppid-decision": InformationRequest.Status.REFUSED.value}


class RespondForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Keputusan"),
        choices=[
            (status.value, status.label)
            for status in InformationRequest.Status
            if status in InformationRequest.DECISION_STATUSES
        ],
        widget=forms.RadioSelect(attrs={"data-ppid-decision-choice": ""}),
    )
    notice = forms.CharField(
        label=_("Pemberitahuan tertulis"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    refusal_ground = forms.ChoiceField(
        label=_("Alasan penolakan"),
        required=False,
        choices=[("", "---------"), *InformationRequest.RefusalGround.choices],
        widget=forms.Select(attrs=REFUSAL_ONLY),
    )
    refusal_basis = forms.CharField(
        label=_("Dasar hukum dan uji konsekuensi"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4, **REFUSAL_ONLY}),
    )
    attachment = forms.FileField(label=_("Lampiran (opsional)"), required=False)

    class Media:
        js = (forms.Script("js/ppid_decision.js", defer=True),)

    def clean_attachment(self):
        attachment = self.cleaned_data.get("attachment")
        if attachment:
            validate_upload(
                attachment,
                allowed=filetypes.DOCUMENT_EXTENSIONS,
                max_mb=settings.PPID_MAX_UPLOAD_MB,
            )
        return attachment

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("decision") == InformationRequest.Status.REFUSED:
            if not cleaned_data.get("refusal_ground"):
                self.add_error("refusal_ground", _("Penolakan wajib menyebut alasannya."))
            if not (cleaned_data.get("refusal_basis") or "").strip():
                self.add_error(
                    "refusal_basis",
                    _("Penolakan wajib menyebut dasar hukum dan uji konsekuensi."),
                )
        else:
            # Sent by a browser without JavaScript, or left over from choosing "Ditolak"
            # first: a decision that grants nothing is refused never carries refusal grounds.
            cleaned_data["refusal_ground"] = ""
            cleaned_data["refusal_basis"] = ""
        return cleaned_data


class AnswerObjectionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Putusan"), choices=Objection.Outcome.choices, widget=forms.RadioSelect
    )
    response = forms.CharField(
        label=_("Tanggapan tertulis atasan PPID"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )


class DipFilterForm(forms.Form):
    tahun = forms.TypedChoiceField(label=_("Tahun"), required=False, coerce=int, empty_value=None)
    kategori = forms.ChoiceField(
        label=_("Kategori"),
        required=False,
        choices=[("", _("Semua kategori")), *PublicInformation.Category.choices],
    )
    q = forms.CharField(
        label=_("Cari"),
        required=False,
        max_length=100,
        widget=forms.SearchInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tahun"].choices = [("", _("Semua tahun")), *((y, y) for y in years)]

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["tahun"]:
            queryset = queryset.filter(year=data["tahun"])
        if data["kategori"]:
            queryset = queryset.filter(category=data["kategori"])
        if data["q"]:
            queryset = queryset.filter(
                models.Q(title__icontains=data["q"]) | models.Q(summary__icontains=data["q"])
            )
        return queryset


class YearForm(forms.Form):
    tahun = forms.IntegerField(min_value=2008, max_value=2100, required=False)
