from django import forms

from ppidutama import reports
from ppidutama.models import AnnualReportNarrative


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
