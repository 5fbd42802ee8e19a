"""The forms a citizen fills in for a permohonan, wherever it is filed, and PPID Utama's."""

import re
import secrets

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ppidutama import reports
from ppidutama.models import AnnualReportNarrative, HeldApplicant
from ppidutama.submissions import ApplicantDetails, RefusalGround, RequestDecision
from tenants.models import Opd

NIK_PATTERN = re.compile(r"^\d{16}$")
PHONE_PATTERN = re.compile(r"^(?:\+62|62|0)\d{7,13}$")
LEGAL_ENTITY_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ./\-]{2,99}$")
TOKEN_PATTERN = r"^[A-Za-z0-9_\-]{20,64}$"
UNKNOWN_OPD = "tidak-tahu"


def validate_nik(value: str) -> None:
    """A NIK is 16 digits: province, regency, district, birth date (day + 40 for women), serial."""
    if not NIK_PATTERN.match(value):
        raise ValidationError(_("NIK harus terdiri atas 16 angka."), code="nik_format")
    day, month = int(value[6:8]), int(value[8:10])
    if int(value[:2]) < 11 or not (1 <= day <= 31 or 41 <= day <= 71) or not 1 <= month <= 12:
        raise ValidationError(
            _("NIK tidak valid; periksa kembali nomor pada KTP Anda."), code="nik"
        )


def normalise_phone(value: str) -> str:
    phone = re.sub(r"[\s\-().]", "", value)
    if not PHONE_PATTERN.match(phone):
        raise ValidationError(
            _("Nomor telepon tidak valid. Contoh: 081234567890 atau +6281234567890."),
            code="phone",
        )
    return phone


class PublicFormMixin(forms.Form):
    """A honeypot field people never see and a one-time token that makes a double submit
    land on the first submission's receipt."""

    website = forms.CharField(
        label=_("Jangan isi kolom ini"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    submission_token = forms.RegexField(regex=TOKEN_PATTERN, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission_token", secrets.token_urlsafe(24))

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("website"):
            raise ValidationError(_("Isian tidak dapat diproses."), code="spam")
        if "submission_token" in self.errors:
            raise ValidationError(
                _("Formulir kedaluwarsa. Muat ulang halaman lalu kirim kembali."), code="token"
            )
        return cleaned_data


class TrackingForm(forms.Form):
    number = forms.CharField(
        label=_("Nomor pendaftaran"),
        max_length=60,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    code = forms.CharField(
        label=_("Kode pelacakan"),
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_number(self):
        return self.cleaned_data["number"].strip().upper()


APPLICANT_WIDGETS = {
    "applicant_name": forms.TextInput(attrs={"autocomplete": "name"}),
    "identity_type": forms.RadioSelect,
    "identity_number": forms.TextInput(
        attrs={"autocomplete": "off", "inputmode": "text", "spellcheck": "false"}
    ),
    "address": forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
    "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    "email": forms.EmailInput(attrs={"autocomplete": "email"}),
    "occupation": forms.TextInput(attrs={"autocomplete": "organization-title"}),
    "information_requested": forms.Textarea(attrs={"rows": 5}),
    "purpose": forms.Textarea(attrs={"rows": 3}),
    "obtain_method": forms.RadioSelect,
    "delivery_method": forms.RadioSelect,
}
APPLICANT_HELP_TEXTS = {
    "identity_number": _("16 angka NIK untuk perorangan, atau nomor pengesahan badan hukum."),
    "phone": _("Contoh: 081234567890."),
}


class ApplicantFormMixin:
    """Checks of the applicant's details: the NIK's structure, a legal entity's number, an
    Indonesian phone number."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Radio buttons need no "---------" entry: nothing is chosen until the citizen chooses.
        for name in ("obtain_method", "delivery_method"):
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0] != ""]

    def clean_phone(self):
        return normalise_phone(self.cleaned_data["phone"])

    def clean(self):
        cleaned_data = super().clean()
        number = (cleaned_data.get("identity_number") or "").replace(" ", "")
        kind = cleaned_data.get("identity_type")
        if number and kind:
            try:
                if kind == ApplicantDetails.IdentityType.NIK:
                    validate_nik(number)
                elif not LEGAL_ENTITY_PATTERN.match(number):
                    raise ValidationError(_("Nomor badan hukum tidak valid."))
            except ValidationError as error:
                self.add_error("identity_number", error)
            else:
                cleaned_data["identity_number"] = number
        return cleaned_data


class PortalRequestForm(ApplicantFormMixin, PublicFormMixin, forms.ModelForm):
    """The permohonan at the pemda's front door: to one OPD, or to PPID Utama when the citizen
    does not know which OPD holds the information."""

    addressee = forms.ChoiceField(
        label=_("Ditujukan kepada"),
        help_text=_(
            "Pilih OPD yang menguasai informasi. Bila Anda tidak tahu, pilih "
            "“Saya tidak tahu”: PPID Utama meneruskannya ke OPD yang tepat."
        ),
    )

    class Meta:
        model = HeldApplicant
        fields = HeldApplicant.APPLICANT_FIELDS
        widgets = APPLICANT_WIDGETS
        help_texts = APPLICANT_HELP_TEXTS

    field_order = ("addressee",)

    def __init__(self, *args, opds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._opds = {opd.slug: opd for opd in opds}
        self.fields["addressee"].choices = [
            ("", _("— Pilih —")),
            (UNKNOWN_OPD, _("Saya tidak tahu (PPID Utama yang meneruskan)")),
            *((opd.slug, opd.name) for opd in opds),
        ]

    def clean_addressee(self):
        """The OPD chosen, or None for PPID Utama."""
        value = self.cleaned_data["addressee"]
        return None if value == UNKNOWN_OPD else self._opds[value]

    def applicant_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in HeldApplicant.APPLICANT_FIELDS}


class ForwardForm(forms.Form):
    """Disposisi: to which PPID Pelaksana, and what PPID Utama tells it."""

    to_opd = forms.ModelChoiceField(
        label=_("OPD tujuan"),
        queryset=Opd.objects.none(),
        empty_label=_("— Pilih OPD —"),
    )
    note = forms.CharField(
        label=_("Catatan untuk PPID Pelaksana"),
        help_text=_("Tidak ditampilkan kepada pemohon."),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, targets=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_opd"].queryset = targets if targets is not None else Opd.objects.none()


class DecisionForm(forms.Form):
    """PPID Utama answers the request itself (written notice, Pasal 22 ayat (7))."""

    decision = forms.ChoiceField(
        label=_("Putusan"),
        choices=[
            (value, label)
            for value, label in RequestDecision.choices
            if value
            in (
                RequestDecision.GRANTED,
                RequestDecision.PARTIALLY_GRANTED,
                RequestDecision.REFUSED,
                RequestDecision.NOT_HELD,
            )
        ],
        widget=forms.RadioSelect,
    )
    refusal_ground = forms.ChoiceField(
        label=_("Alasan penolakan"),
        choices=[("", _("— Bila ditolak —")), *RefusalGround.choices],
        required=False,
    )
    notice = forms.CharField(
        label=_("Pemberitahuan tertulis"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("decision") == RequestDecision.REFUSED and not cleaned_data.get(
            "refusal_ground"
        ):
            self.add_error("refusal_ground", _("Wajib dipilih bila permohonan ditolak."))
        return cleaned_data


class NarrativeForm(forms.ModelForm):
    """The narrative parts of the Pasal 56 report, labelled as the report's headings."""

    class Meta:
        model = AnnualReportNarrative
        fields = AnnualReportNarrative.TEXT_FIELDS
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name in fields}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, (heading, hint) in reports.NARRATIVE_PARTS.items():
            self.fields[name].label = heading
            self.fields[name].help_text = hint
