"""Frequently asked questions of the OPD, in groups (issue #18)."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.richtext import RichTextField, html_to_text, sanitize_html
from core.search import SEARCH_CONFIG


class FaqGroup(models.Model):
    """A heading of the FAQ page ("Pendaftaran", "Biaya dan waktu")."""

    title = models.CharField(
        _("judul kelompok"), max_length=150, help_text=_("Misalnya “Persyaratan” atau “Biaya”.")
    )
    position = models.PositiveSmallIntegerField(
        _("urutan"), default=0, help_text=_("Kelompok dengan angka lebih kecil tampil lebih dulu.")
    )

    audit_fields = ("title", "position")

    class Meta:
        verbose_name = _("kelompok FAQ")
        verbose_name_plural = _("kelompok FAQ")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


class FaqItemQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class FaqItem(models.Model):
    """One question and its answer, shown as an open-and-close item on /faq/. Publishable
    (core.registry): published through publishing.services, so the content guard screens it."""

    guard_kind = "faq"
    guard_publish_field = "is_published"

    group = models.ForeignKey(
        FaqGroup,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("kelompok"),
    )
    question = models.CharField(
        _("pertanyaan"),
        max_length=300,
        help_text=_("Tulis seperti warga bertanya, misalnya “Berapa lama KTP elektronik jadi?”"),
    )
    answer = RichTextField(_("jawaban"))
    answer_text = models.TextField(_("jawaban (teks)"), editable=False, blank=True, default="")
    position = models.PositiveSmallIntegerField(
        _("urutan"),
        default=0,
        help_text=_("Pertanyaan dengan angka lebih kecil tampil lebih dulu dalam kelompoknya."),
    )
    is_published = models.BooleanField(
        _("tampil di situs"),
        default=True,
        help_text=_("Hilangkan centang untuk menyimpan pertanyaan tanpa menampilkannya."),
    )
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    search_vector = models.GeneratedField(
        expression=SearchVector("question", weight="A", config=SEARCH_CONFIG)
        + SearchVector("answer_text", weight="B", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = FaqItemQuerySet.as_manager()

    audit_fields = ("group", "question", "answer", "position", "is_published")

    class Meta:
        verbose_name = _("pertanyaan FAQ")
        verbose_name_plural = _("pertanyaan FAQ")
        ordering = ["group__position", "group_id", "position", "pk"]
        indexes = [GinIndex(fields=["search_vector"], name="faq_item_search_gin")]

    def __str__(self):
        return self.question

    def save(self, *args, **kwargs):
        self.answer = sanitize_html(self.answer)
        self.answer_text = html_to_text(self.answer)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("faq:list") + f"#q-{self.pk}"

    def guard_html(self) -> str:
        return format_html("<h1>{}</h1>", self.question) + self.answer

    def guard_is_published(self) -> bool:
        return self.is_published

    def guard_set_published(self, published: bool) -> None:
        self.is_published = published
