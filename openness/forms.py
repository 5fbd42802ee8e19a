from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from core import filetypes
from core.filetypes import validate_upload
from openness.models import Answer

# Evidence is a scan or a photo: a decree, a budget page, the service desk.
EVIDENCE_EXTENSIONS = filetypes.ID_SCAN_EXTENSIONS


@dataclass
class CheckedUpload:
    file: UploadedFile
    file_type: str


class AnswerForm(forms.Form):
    value = forms.ChoiceField(
        label=_("Jawaban"), choices=Answer.Value.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Keterangan (nomor SK, tanggal, tempat, dsb.)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    evidence = forms.FileField(
        label=_("Dokumen bukti (PDF, JPG atau PNG)"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )

    def __init__(self, *args, existing_evidence: int = 0, max_evidence: int = 10, **kwargs):
        super().__init__(*args, **kwargs)
        self.existing_evidence = existing_evidence
        self.max_evidence = max_evidence
        self.fields["evidence"].help_text = _("Paling besar %(max)d MB per berkas.") % {
            "max": settings.OPENNESS_EVIDENCE_MAX_MB
        }

    def clean_evidence(self):
        file = self.cleaned_data.get("evidence")
        if not isinstance(file, UploadedFile):
            return None
        if self.existing_evidence >= self.max_evidence:
            raise forms.ValidationError(
                _("Sudah ada %(max)d dokumen bukti. Hapus salah satu sebelum menambah."),
                params={"max": self.max_evidence},
            )
        detected = validate_upload(
            file, allowed=EVIDENCE_EXTENSIONS, max_mb=settings.OPENNESS_EVIDENCE_MAX_MB
        )
        return CheckedUpload(file, detected)
