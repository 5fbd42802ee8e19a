from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from core.images import validated_image_file
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
        cover = self.cleaned_data.get("cover")
        if isinstance(cover, UploadedFile):
            return validated_image_file(cover, max_width=2400)
        return cover

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("cover") and not cleaned.get("cover_alt", "").strip():
            self.add_error(
                "cover_alt", ValidationError(_("Isi teks alternatif untuk gambar sampul."))
            )
        return cleaned
