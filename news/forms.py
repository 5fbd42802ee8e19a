from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.images import reencoded_if_uploaded
from guard.screening import check_text
from news.models import Article, Category, Tag


class _ScreenedNameForm(forms.ModelForm):
    """Category and tag names and slugs are shown on every article and in /berita/kategori/…:
    the content guard screens them like content."""

    def clean_name(self):
        name = self.cleaned_data["name"]
        check_text(name)
        return name

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        check_text(slug)
        return slug


class CategoryAdminForm(_ScreenedNameForm):
    class Meta:
        model = Category
        fields = ("name", "slug", "order")


class TagAdminForm(_ScreenedNameForm):
    class Meta:
        model = Tag
        fields = ("name", "slug")


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
