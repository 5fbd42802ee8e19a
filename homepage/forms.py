from django import forms
from django.utils.translation import gettext_lazy as _

from core.images import reencoded_if_uploaded
from homepage.layout import arranged_sections, headline_sections, layout_value
from homepage.models import NO_HEADLINE, HomePage
from library.forms import ImageChoiceField, ImageChooser

MOVES = ("naik", "turun")


def headline_choices() -> list[tuple[str, str]]:
    return [(s.key, s.label) for s in headline_sections()] + [(NO_HEADLINE, _("Tanpa judul utama"))]


class HeadlineForm(forms.ModelForm):
    headline = forms.ChoiceField(
        label=_("Isi judul utama"), widget=forms.RadioSelect, required=False
    )
    banner_image = ImageChoiceField(
        label=_("Gambar banner"), widget=ImageChooser(none_label=_("Tanpa banner"))
    )

    class Meta:
        model = HomePage
        fields = ("headline", "banner_image", "banner_alt", "banner_title", "banner_link")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["headline"].choices = headline_choices()
        self.fields["banner_image"].help_text = _(
            "Gambar lebar dari pustaka media (disarankan 1600 × 600 piksel). Tidak berganti "
            "otomatis: satu banner, satu pesan."
        )

    def clean(self):
        cleaned = super().clean()
        image = cleaned.get("banner_image")
        if image and not cleaned.get("banner_alt", "").strip() and image.alt_text:
            cleaned["banner_alt"] = image.alt_text
        if cleaned.get("headline") == "banner" and not image:
            self.add_error("banner_image", _("Pilih gambar banner, atau pilih judul utama lain."))
        return cleaned


class WelcomeForm(forms.ModelForm):
    class Meta:
        model = HomePage
        fields = ("welcome_photo", "welcome_name", "welcome_position", "welcome_text")

    def clean_welcome_photo(self):
        return reencoded_if_uploaded(self.cleaned_data.get("welcome_photo"), max_width=1200)


class LayoutForm(forms.Form):
    """One screen: the headline choice, then each section with "Tampilkan" and its place."""

    headline = forms.ChoiceField(
        label=_("Judul utama (paling atas)"), widget=forms.RadioSelect, required=False
    )

    def __init__(self, *args, home: HomePage, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.home = home
        self.request = request
        self.fields["headline"].choices = headline_choices()
        self.fields["headline"].initial = home.headline
        self.arranged = arranged_sections(home.layout)
        for number, item in enumerate(self.arranged, start=1):
            key = item.section.key
            self.fields[f"tampil_{key}"] = forms.BooleanField(
                label=_("Tampilkan %(section)s") % {"section": item.section.label},
                required=False,
                initial=item.visible,
            )
            self.fields[f"urutan_{key}"] = forms.IntegerField(
                label=_("Urutan %(section)s") % {"section": item.section.label},
                min_value=1,
                max_value=len(self.arranged),
                initial=number,
            )

    def rows(self):
        for number, item in enumerate(self.arranged, start=1):
            key = item.section.key
            yield {
                "key": key,
                "label": item.section.label,
                "number": number,
                "first": number == 1,
                "last": number == len(self.arranged),
                "show": self[f"tampil_{key}"],
                "order": self[f"urutan_{key}"],
                # Whether citizens would see it now (an empty section stays hidden).
                "filled": self.request is None or bool(item.section.context(self.request)),
                "fill_url": str(item.section.admin_url) if item.section.admin_url else "",
            }

    def save(self, *, move: str = "") -> HomePage:
        """Store the layout; `move` ("<key>:naik" or "<key>:turun") moves one section a step."""
        keys = [item.section.key for item in self.arranged]
        numbers = {key: self.cleaned_data[f"urutan_{key}"] for key in keys}
        # Ties keep the former order: a section given the number of another goes before it
        # when it moved up, after it when it moved down.
        former = {key: index for index, key in enumerate(keys, start=1)}
        keys.sort(key=lambda k: (numbers[k], numbers[k] >= former[k], former[k]))
        key, _sep, direction = move.partition(":")
        if key in keys and direction in MOVES:
            index = keys.index(key)
            other = index - 1 if direction == "naik" else index + 1
            if 0 <= other < len(keys):
                keys[index], keys[other] = keys[other], keys[index]
        visible = {key for key in keys if self.cleaned_data[f"tampil_{key}"]}
        self.home.headline = self.cleaned_data["headline"]
        self.home.layout = layout_value(keys, visible)
        self.home.save()
        return self.home
