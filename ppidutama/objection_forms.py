"""Forms of the objections to the Atasan PPID: the citizen's (portal) and the answer (console)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ppidutama.forms import PublicFormMixin
from ppidutama.lookup import find_request
from ppidutama.models import PemdaObjection

UNKNOWN_REQUEST = "unknown_request"


def _code_input():
    return forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"})


class ObjectionForm(PublicFormMixin, forms.Form):
    """The objection form, with the front door's honeypot and one-time token."""

    request_number = forms.CharField(
        label=_("Nomor pendaftaran permohonan"), max_length=60, widget=_code_input()
    )
    tracking_code = forms.CharField(
        label=_("Kode pelacakan permohonan"),
        max_length=30,
        help_text=_("Kode yang Anda terima pada tanda terima permohonan."),
        widget=_code_input(),
    )
    ground = forms.ChoiceField(
        label=_("Alasan keberatan (UU 14/2008 Pasal 35 ayat (1))"),
        choices=PemdaObjection.Ground.choices,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Uraian keberatan"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5})
    )

    found_request = None

    def clean(self):
        cleaned_data = super().clean()
        number = (cleaned_data.get("request_number") or "").strip().upper()
        code = (cleaned_data.get("tracking_code") or "").strip()
        if number and code:
            found = find_request(number, code)
            if found is None:
                # The same words for an unknown number and a wrong code: nothing is told.
                raise ValidationError(
                    _("Nomor pendaftaran atau kode pelacakan tidak cocok dengan permohonan."),
                    code=UNKNOWN_REQUEST,
                )
            self.found_request = found
        return cleaned_data


class ObjectionTrackingForm(forms.Form):
    number = forms.CharField(label=_("Nomor keberatan"), max_length=60, widget=_code_input())
    code = forms.CharField(label=_("Kode pelacakan"), max_length=30, widget=_code_input())

    def clean_number(self):
        return self.cleaned_data["number"].strip().upper()


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Putusan"), choices=PemdaObjection.Outcome.choices, widget=forms.RadioSelect
    )
    response = forms.CharField(
        label=_("Tanggapan tertulis atasan PPID"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
