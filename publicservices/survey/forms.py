"""The citizen's SKM questionnaire: nine radio groups, the optional profile, a suggestion."""

import re
import time

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from publicservices.models.survey import SUGGESTION_MAX_LENGTH, SurveyResponse
from publicservices.survey.elements import ELEMENTS, FIELDS

# A form sent sooner than this after it was shown was not filled in by a person.
MIN_FILL_SECONDS = 3
# A form shown longer ago than this is stale (and its timestamp could have been collected).
MAX_FILL_SECONDS = 24 * 3600
STARTED_SALT = "publicservices.survey.started"
# Control characters other than tab and newlines: never part of a citizen's suggestion.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def started_token(now: float | None = None) -> str:
    """When the form was shown, signed so that a bot cannot pretend it waited."""
    return signing.dumps(int(now if now is not None else time.time()), salt=STARTED_SALT)


class SurveyForm(forms.ModelForm):
    # A field people never see (hidden by CSS, skipped by keyboard): bots fill it in.
    website = forms.CharField(
        label=_("Jangan isi kolom ini"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput)

    class Meta:
        model = SurveyResponse
        fields = (*FIELDS, "gender", "age_group", "education", "occupation", "suggestion")
        widgets = {
            **dict.fromkeys(FIELDS, forms.RadioSelect),
            "gender": forms.RadioSelect,
            "age_group": forms.Select,
            "education": forms.Select,
            "occupation": forms.Select,
            "suggestion": forms.Textarea(attrs={"rows": 3, "maxlength": SUGGESTION_MAX_LENGTH}),
        }
        labels = {
            "gender": _("Jenis kelamin (boleh dikosongkan)"),
            "age_group": _("Usia (boleh dikosongkan)"),
            "education": _("Pendidikan terakhir (boleh dikosongkan)"),
            "occupation": _("Pekerjaan utama (boleh dikosongkan)"),
            "suggestion": _("Saran dan masukan (boleh dikosongkan)"),
        }
        error_messages = {
            name: {
                "required": _("Pilih salah satu jawaban."),
                "invalid_choice": _("Pilih salah satu dari empat jawaban."),
            }
            for name in FIELDS
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for element in ELEMENTS:
            field = self.fields[element.field]
            field.label = f"{element.code}. {element.question}"
            field.help_text = ""
            # Radio buttons need no "---------" entry: nothing is chosen until the citizen chooses.
            field.choices = element.choices
        self.fields["gender"].choices = [c for c in self.fields["gender"].choices if c[0]]
        for name in ("age_group", "education", "occupation"):
            self.fields[name].choices = [("", _("— tidak diisi —")), *self.fields[name].choices[1:]]
        self.fields["suggestion"].help_text = _(
            "Tanpa nama, nomor telepon atau data pribadi lain. Paling banyak %(max)s karakter."
        ) % {"max": SUGGESTION_MAX_LENGTH}
        if not self.is_bound:
            self.initial["started"] = started_token()

    def clean_suggestion(self):
        return CONTROL_CHARACTERS.sub("", self.cleaned_data.get("suggestion", "")).strip()

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("website"):
            raise ValidationError(_("Isian tidak dapat diproses."), code="spam")
        try:
            elapsed = time.time() - int(
                signing.loads(self.data.get("started", ""), salt=STARTED_SALT)
            )
        except (signing.BadSignature, TypeError, ValueError):
            elapsed = None
        if elapsed is None or elapsed > MAX_FILL_SECONDS:
            raise ValidationError(
                _("Formulir kedaluwarsa. Muat ulang halaman lalu isi kembali."), code="stale"
            )
        if elapsed < MIN_FILL_SECONDS:
            raise ValidationError(_("Isian tidak dapat diproses."), code="spam")
        return cleaned_data
