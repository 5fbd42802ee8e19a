from django import forms
from django.utils.translation import gettext_lazy as _

from navigation import services
from navigation.models import MenuItem

CUSTOM = "__tautan_lain__"


def target_choices(current: str = "") -> list:
    """The places a menu item can point to, by the label operators know them by, grouped as
    their apps name them; then "no link" and "another link"."""
    groups: dict[str, list] = {}
    keys = set()
    for target in services.targets_by_key().values():
        groups.setdefault(str(target.group), []).append((target.key, str(target.label)))
        keys.add(target.key)
    choices = [("", _("Tanpa tautan (judul yang membuka sub-menu)"))]
    if current and current not in keys:
        choices.append((current, _("(tujuan lama, tidak ada lagi di situs)")))
    choices += list(groups.items())
    choices.append((CUSTOM, _("Tautan lain (isi alamatnya di bawah)")))
    return choices


class MenuItemForm(forms.ModelForm):
    target = forms.ChoiceField(label=_("Tujuan"), required=False)
    position = forms.IntegerField(
        label=_("Urutan"),
        required=False,
        min_value=0,
        max_value=32767,
        help_text=_("Angka kecil tampil lebih dulu. Kosongkan untuk menaruhnya paling akhir."),
    )

    class Meta:
        model = MenuItem
        fields = ("target", "url", "label", "parent", "position")
        help_texts = {
            "url": _(
                "Hanya bila tujuan \u201cTautan lain\u201d: alamat di situs ini (mis. "
                "/halaman/layanan/) atau alamat lengkap yang diawali https://."
            ),
            "parent": _(
                "Kosongkan untuk menu utama, atau pilih item menu utama tempat item ini berada."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = target_choices(self.instance.target)
        if self.instance.url:
            self.initial["target"] = CUSTOM
        parents = MenuItem.objects.filter(parent=None)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["parent"].empty_label = _("(menu utama)")
        self.fields["parent"].label_from_instance = lambda item: item.display_label
        # No add/change/view icons beside the parent: the operator picks from the list.
        for flag in ("can_add_related", "can_change_related", "can_view_related"):
            setattr(self.fields["parent"].widget, flag, False)
        if not self.instance.pk:
            self.initial["position"] = None

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("target") == CUSTOM:
            cleaned["target"] = ""
            if not cleaned.get("url"):
                self.add_error("url", _("Isi alamat tautan lain."))
        else:
            cleaned["url"] = ""
        if cleaned.get("position") is None:
            last = MenuItem.objects.filter(parent=cleaned.get("parent")).order_by("-position")
            last = last.exclude(pk=self.instance.pk).first() if self.instance.pk else last.first()
            cleaned["position"] = min((last.position if last else 0) + 10, 32767)
        self.instance.target = cleaned.get("target", "")
        self.instance.url = cleaned.get("url", "")
        return cleaned
