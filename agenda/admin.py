from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_ckeditor_5.fields import CKEditor5Field

from agenda.forms import EventAdminForm
from agenda.models import Event
from library.forms import EditorWithLibrary
from publishing.admin import PublishingAdminMixin


class TimeListFilter(admin.SimpleListFilter):
    title = _("waktu")
    parameter_name = "waktu"

    def lookups(self, request, model_admin):
        return [("akan-datang", _("Akan datang")), ("lalu", _("Sudah lewat"))]

    def queryset(self, request, queryset):
        if self.value() == "akan-datang":
            return queryset.filter(ends_at__gte=timezone.now())
        if self.value() == "lalu":
            return queryset.filter(ends_at__lt=timezone.now())
        return queryset


@admin.register(Event)
class EventAdmin(PublishingAdminMixin, admin.ModelAdmin):
    form = EventAdminForm
    list_display = ("title", "starts_at", "ends_at", "place", "status_label", "is_published")
    list_editable = ("is_published",)
    list_filter = (TimeListFilter, "is_published", "all_day")
    search_fields = ("title", "place", "organiser", "body_text")
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ("title",)}
    formfield_overrides = {CKEditor5Field: {"widget": EditorWithLibrary(config_name="default")}}
    save_on_top = True
    fieldsets = [
        (_("Penerbitan"), {"fields": ("is_published",)}),
        (None, {"fields": ("title", "all_day", "starts_at", "ends_at")}),
        (_("Tempat"), {"fields": ("place", "map_url", "organiser")}),
        (_("Keterangan"), {"fields": ("description", "image")}),
        (
            _("Lanjutan"),
            {
                "fields": ("slug",),
                "classes": ("collapse",),
                "description": _("Alamat agenda, dibuat dari judul saat agenda dibuat."),
            },
        ),
    ]

    @admin.display(description=_("status"), ordering="is_published")
    def status_label(self, event):
        return self.held_label(event) or (_("Terbit") if event.is_published else _("Draf"))

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_published else None
