from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from navigation import services
from navigation.forms import MenuItemForm
from navigation.models import MenuItem


@admin.register(MenuItem)
class MenuItemAdmin(admin.ModelAdmin):
    """ "Menu situs": the whole tree as citizens see it, reordered with Naik/Turun buttons and
    grouped by choosing the top item an item sits under."""

    form = MenuItemForm
    fieldsets = [
        (None, {"fields": ("target", "url", "label")}),
        (_("Letak di menu"), {"fields": ("parent", "position")}),
    ]

    def get_urls(self):
        return [
            path(
                "<int:pk>/geser/<str:direction>/",
                self.admin_site.admin_view(require_POST(self.move_view)),
                name="navigation_menuitem_move",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        items = list(MenuItem.objects.all())
        tops = [item for item in items if item.parent_id is None]
        for top in tops:
            top.rows = [item for item in items if item.parent_id == top.pk]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Menu situs"),
            "opts": self.opts,
            "tops": tops,
            "has_add_permission": self.has_add_permission(request),
            "has_change_permission": self.has_change_permission(request),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/navigation/menuitem/change_list.html", context)

    def move_view(self, request, pk, direction):
        if not self.has_change_permission(request) or direction not in ("naik", "turun"):
            raise PermissionDenied
        item = get_object_or_404(MenuItem, pk=pk)
        services.move(item, up=direction == "naik")
        messages.success(request, _("Urutan menu tersimpan."))
        return redirect("admin:navigation_menuitem_changelist")

    def save_model(self, request, obj, form, change):
        services.resolve(obj)
        super().save_model(request, obj, form, change)
