from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

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
        fields = ("name", "slug", "parent", "order")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = self.instance.possible_parents()


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
            "unpublish_at",
            "review_note",
            "is_pinned",
            "tags",
            "byline",
        )
        # --- editorial layout (issue #16): the title as wide as its column ---
        widgets = {
            "body": EditorWithLibrary(config_name="default"),
            "title": forms.TextInput(attrs={"class": "vTextField article-title"}),
            "summary": forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"}),
            "review_note": forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"}),
        }

    # Set by news.admin.ArticleAdmin: the user reviews this article (approve or send back).
    reviewing = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        status = self.fields.get("status")
        if status is not None and self.instance.pk and self.instance.is_scheduled:
            # A published article that is not out yet reads "Terjadwal", not "Terbit".
            status.choices = [
                (value, _("Terjadwal") if value == Article.Status.PUBLISHED else label)
                for value, label in status.choices
            ]

    def clean(self):
        cleaned = super().clean()
        if (
            "_kembalikan" in self.data
            and "review_note" in self.fields
            and not (cleaned.get("review_note") or "").strip()
        ):
            self.add_error(
                "review_note",
                ValidationError(_("Tulis catatan untuk penulis: apa yang perlu diperbaiki.")),
            )
        return cleaned
