from django import forms

from guard.screening import check_text
from library.forms import EditorWithLibrary
from news.library_form import ArticleLibraryFieldsMixin
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


class ArticleAdminForm(ArticleLibraryFieldsMixin, forms.ModelForm):
    class Meta:
        model = Article
        fields = (
            "title",
            "slug",
            "category",
            "summary",
            "body",
            # The media library's part: news.library_form.
            "cover_photo",
            "attachments",
            "status",
            "published_at",
            "is_pinned",
            "tags",
        )
        widgets = {"body": EditorWithLibrary(config_name="default")}
