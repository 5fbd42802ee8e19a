"""Quick post from a phone: a title, photos from the camera, a few lines, a category, and
"Terbitkan" or "Simpan sebagai draf" (/admin/news/article/cepat/).

Photos are stored in the media library as they arrive (resized and re-encoded there), each with
its alt text, so a form error never loses them: the page comes back with them chosen. The first
photo becomes the cover, the others follow the text. Publishing goes through
publishing.services.publish_content, so the content guard screens the post like any article.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from library.forms import MultipleFileField, MultipleFileInput, store_images
from library.models import Image
from library.services import library_max_bytes, update_alt_text
from news import workflow
from news.models import Article, Category
from publishing.services import Outcome, publish_content

DEFAULT_CATEGORY = "berita"
# A photo's alt text when the operator gave neither one nor a title.
GENERIC_ALT = gettext_lazy("Foto kegiatan")


class QuickPostAction(models.TextChoices):
    PUBLISH = "publish", gettext_lazy("Terbitkan")
    REVIEW = "review", gettext_lazy("Ajukan untuk ditinjau")
    DRAFT = "draft", gettext_lazy("Simpan sebagai draf")


def may_publish(user) -> bool:
    """Whether `user` may put a quick post online at once: where the OPD reviews articles, only
    its approvers (news.workflow)."""
    return workflow.can_publish(user)


def available_actions(user) -> list[QuickPostAction]:
    """Publish (or, where the OPD reviews articles and the user may not publish, submit for
    review), or keep as a draft."""
    if not user.has_perm("news.change_article"):
        return []
    first = QuickPostAction.PUBLISH if may_publish(user) else QuickPostAction.REVIEW
    return [first, QuickPostAction.DRAFT]


def _body(text: str, photos: list[Image]) -> str:
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    html = format_html_join("", "<p>{}</p>", ((line,) for line in paragraphs))
    for image in photos:
        shown = image.picture()
        src = shown["src"] if shown else image.file.url
        html += format_html(
            '<figure class="image"><img src="{}" alt="{}" width="{}" height="{}"></figure>',
            src,
            image.alt_text,
            image.width,
            image.height,
        )
    return str(html)


@transaction.atomic
def quick_post(
    *,
    title: str,
    text: str,
    category: Category,
    photos: list[Image],
    by,
    action: str,
) -> tuple[Article, Outcome]:
    """Write the article of a quick post and save it through publish_content."""
    if action not in available_actions(by):
        raise PermissionDenied
    article = Article(
        title=title.strip(),
        category=category,
        body=_body(text, photos[1:]),
        cover_photo=photos[0] if photos else None,
        author=by,
        published_at=timezone.now(),
        status=Article.Status.DRAFT,
    )
    article.full_clean()
    if action == QuickPostAction.PUBLISH:
        outcome = workflow.approve(article=article, by=by)
    elif action == QuickPostAction.REVIEW:
        outcome = workflow.submit_for_review(article=article, by=by)
    else:
        article._history_user = by
        outcome = publish_content(article)
    return article, outcome


class QuickPostForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Judul"), max_length=200)
    photos = MultipleFileField(
        label=gettext_lazy("Foto"),
        required=False,
        widget=MultipleFileInput(
            attrs={
                "accept": "image/*",
                "capture": True,
                "data-alt-per-file": "photo_alt",
                "data-alt-default-from": "id_title",
                "data-alt-label": gettext_lazy("Keterangan foto"),
            }
        ),
        help_text=gettext_lazy(
            "Ambil satu atau beberapa foto. Foto pertama menjadi gambar sampul."
        ),
    )
    text = forms.CharField(
        label=gettext_lazy("Isi berita"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("Beberapa kalimat: apa, siapa, di mana, kapan."),
    )
    category = forms.ModelChoiceField(
        label=gettext_lazy("Kategori"), queryset=Category.objects.all(), empty_label=None
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        default = next(
            (c for c in self.fields["category"].queryset if c.slug == DEFAULT_CATEGORY), None
        )
        if default is not None:
            self.initial.setdefault("category", default.pk)


def _kept_photos(request) -> list[Image]:
    """The photos stored by an earlier attempt of this post, in their order."""
    posted = request.POST.getlist("photo")
    ids = [int(value) for value in posted if value.isascii() and value.isdigit()][:20]
    found = Image.objects.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


class QuickPostAdminMixin:
    """For the article admin: the quick-post page under /admin/news/article/cepat/."""

    def get_urls(self):
        own = [
            path(
                "cepat/",
                self.admin_site.admin_view(self.quick_post_view),
                name="news_article_quick_post",
            )
        ]
        return own + super().get_urls()

    def quick_post_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        actions = available_actions(request.user)
        photos, errors = [], []
        form = QuickPostForm(request.POST or None, request.FILES or None)
        if request.method == "POST":
            valid = form.is_valid()
            title = form.cleaned_data.get("title", "")
            photos = _kept_photos(request)
            for image in photos:
                alt = request.POST.get(f"alt_{image.pk}")
                if alt is not None and alt.strip() == str(GENERIC_ALT) and title:
                    alt = title  # stored before the title was given
                if alt is not None:
                    try:
                        update_alt_text(image=image, alt_text=alt)
                    except ValidationError as error:
                        errors.extend(error.messages)
            new, upload_errors = store_images(
                form.cleaned_data.get("photos", []),
                request.POST.getlist("photo_alt"),
                default_alt=title or str(GENERIC_ALT),
                by=request.user,
                max_bytes=library_max_bytes(),
            )
            photos += new
            errors += upload_errors
            action = request.POST.get("action")
            if action not in actions:
                errors.append(_("Pilih Terbitkan atau Simpan sebagai draf."))
            if valid and not errors:
                article, outcome = quick_post(
                    title=form.cleaned_data["title"],
                    text=form.cleaned_data["text"],
                    category=form.cleaned_data["category"],
                    photos=photos,
                    by=request.user,
                    action=action,
                )
                self._tell(request, article, outcome)
                return redirect("admin:news_article_quick_post")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Tulis berita cepat"),
            "form": form,
            "photos": photos,
            "photo_errors": errors,
            "actions": actions,
            "media": form.media,
        }
        return TemplateResponse(request, "admin/news/article/quick_post.html", context)

    def _tell(self, request, article, outcome):
        link = reverse("admin:news_article_change", args=[article.pk])
        if outcome.held:
            messages.warning(
                request,
                format_html(
                    _('“{}” disimpan sebagai draf dan TIDAK diterbitkan: {} <a href="{}">Buka</a>'),
                    article.title,
                    " ".join(finding.message for finding in outcome.findings),
                    link,
                ),
            )
        elif article.status == Article.Status.PUBLISHED:
            messages.success(
                request,
                format_html(
                    _('Berita “{}” sudah terbit. <a href="{}">Lihat di situs</a>'),
                    article.title,
                    article.get_absolute_url(),
                ),
            )
        elif article.status == Article.Status.REVIEW:
            messages.success(
                request,
                format_html(
                    _(
                        "Berita “{}” diajukan untuk ditinjau; peninjau sudah diberi tahu. "
                        '<a href="{}">Buka</a>'
                    ),
                    article.title,
                    link,
                ),
            )
        else:
            messages.success(
                request,
                format_html(
                    _('Berita “{}” disimpan sebagai draf. <a href="{}">Buka</a>'),
                    article.title,
                    link,
                ),
            )
