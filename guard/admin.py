"""The content guard in the console: the link allowlist and the holds to review."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from core.sites import console_site
from guard import services as guard
from guard.models import AllowedLinkDomain, ContentHold


@admin.register(AllowedLinkDomain, site=console_site)
class AllowedLinkDomainAdmin(admin.ModelAdmin):
    list_display = ("domain", "note", "created_at")
    search_fields = ("domain", "note")


@admin.register(ContentHold, site=console_site)
class ContentHoldAdmin(admin.ModelAdmin):
    """Content the guard held: Kominfo reviews it, then releases (publishes) or rejects it."""

    list_display = ("title", "opd", "kind", "reasons", "status", "held_at", "resolved_by")
    list_filter = ("status", "kind", "opd")
    list_select_related = ("opd",)
    search_fields = ("title", "opd__name", "opd__short_name")
    date_hierarchy = "held_at"
    actions = ("release", "reject")
    fields = (
        "opd",
        "kind",
        "title",
        "edit_link",
        "findings_list",
        "status",
        "held_at",
        "resolved_at",
        "resolved_by",
    )
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("Temuan"))
    def reasons(self, hold):
        return ", ".join(finding["code"] for finding in hold.findings)

    @admin.display(description=_("Temuan"))
    def findings_list(self, hold):
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{}<br><code>{}</code></li>",
                ((finding["message"], finding["evidence"]) for finding in hold.findings),
            ),
        )

    @admin.display(description=_("Di situs OPD"))
    def edit_link(self, hold):
        model = guard.guarded_models()[hold.kind]._meta
        url = hold.opd.site_url(f"/admin/{model.app_label}/{model.model_name}/{hold.object_id}/")
        return format_html('<a href="{0}" rel="noopener">{0}</a>', url)

    @admin.action(description=_("Lepaskan: isi sudah diperiksa dan benar, terbitkan"))
    def release(self, request, queryset):
        self._resolve(request, queryset, guard.release_hold, _("%(count)d konten diterbitkan."))

    @admin.action(description=_("Tolak: biarkan tetap draf"))
    def reject(self, request, queryset):
        self._resolve(request, queryset, guard.reject_hold, _("%(count)d penahanan ditolak."))

    def _resolve(self, request, queryset, service, done_message):
        done = 0
        for hold in queryset.select_related("opd"):
            try:
                service(hold=hold, by=request.user.get_username())
            except ValidationError as error:
                self.message_user(request, f"{hold}: {' '.join(error.messages)}", messages.ERROR)
            else:
                done += 1
        self.message_user(request, done_message % {"count": done})
