from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.images import reencoded_if_uploaded
from news.models import Article


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = (
            "title",
            "slug",
            "category",
            "summary",
            "body",
            "cover",
            "cover_alt",
            "status",
            "published_at",
            "is_pinned",
            "tags",
        )

    def clean_cover(self):
        return reencoded_if_uploaded(self.cleaned_data.get("cover"), max_width=2400)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("cover") and not cleaned.get("cover_alt", "").strip():
            self.add_error(
                "cover_alt", ValidationError(_("Isi teks alternatif untuk gambar sampul."))
            )
        return cleaned
