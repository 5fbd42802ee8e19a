from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_ckeditor_5.fields import CKEditor5Field

from faq.models import FaqGroup, FaqItem
from library.forms import EditorWithLibrary
from publishing.admin import PublishingAdminMixin


@admin.register(FaqGroup)
class FaqGroupAdmin(admin.ModelAdmin):
    list_display = ("title", "position", "item_count")
    list_editable = ("position",)
    search_fields = ("title",)

    @admin.display(description=_("jumlah pertanyaan"))
    def item_count(self, group):
        return group.items.count()

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("items")


@admin.register(FaqItem)
class FaqItemAdmin(PublishingAdminMixin, admin.ModelAdmin):
    list_display = ("question", "group", "position", "status_label", "is_published")
    list_editable = ("position", "is_published")
    list_filter = ("group", "is_published")
    list_select_related = ("group",)
    search_fields = ("question", "answer_text")
    fields = ("group", "question", "answer", "position", "is_published")
    formfield_overrides = {CKEditor5Field: {"widget": EditorWithLibrary(config_name="default")}}

    @admin.display(description=_("status"), ordering="is_published")
    def status_label(self, item):
        return self.held_label(item) or (_("Tampil") if item.is_published else _("Disembunyikan"))
