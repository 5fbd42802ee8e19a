"""The OPD admin's side of publishing: saving and deleting go through publishing.services, and
the operator is told when the content guard held what they saved."""

from django.contrib import messages
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.admin import is_key_of
from core.tenancy import current_opd
from guard.models import ContentHold
from publishing.services import delete_content, publish_content


class PublishingAdminMixin:
    """For the OPD admin of a publishable model (core.registry)."""

    def save_model(self, request, obj, form, change):
        self.warn_if_held(request, obj, publish_content(obj))

    def warn_if_held(self, request, obj, outcome) -> None:
        """Tell the operator the guard held what they saved; that warning is then the only
        message of the save (no green "berhasil" beside it, `message_user`)."""
        if outcome.held:
            request._content_held = True
            messages.warning(
                request,
                _(
                    "“%(title)s” disimpan sebagai draf dan TIDAK diterbitkan: %(reasons)s "
                    "Admin OPD dan Kominfo sudah diberi tahu; Kominfo akan memeriksanya."
                )
                % {
                    "title": obj,
                    "reasons": " ".join(finding.message for finding in outcome.findings),
                },
            )

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        if getattr(request, "_content_held", False) and level == messages.SUCCESS:
            return
        super().message_user(request, message, level, *args, **kwargs)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        opd = current_opd()
        if opd is None:
            return queryset
        # The guard's holds live in the public schema, which the OPD's search path includes:
        # one subquery instead of a look-up per row of the list.
        holds = ContentHold.objects.filter(
            opd=opd,
            kind=self.model.guard_kind,
            object_id=OuterRef("pk"),
            status=ContentHold.Status.HELD,
        )
        return queryset.annotate(is_held=Exists(holds))

    @staticmethod
    def held_label(obj):
        """ "Ditahan" for an item the guard holds (annotated by get_queryset), else None."""
        if getattr(obj, "is_held", False):
            return gettext_lazy("Ditahan")
        return None

    def delete_model(self, request, obj):
        delete_content(obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            delete_content(obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        pk_field = self.model._meta.pk
        if request.method == "GET" and is_key_of(pk_field, object_id):
            self._warn_if_held(request, pk_field.to_python(object_id))
        return super().change_view(request, object_id, form_url, extra_context)

    def _warn_if_held(self, request, object_id: int) -> None:
        opd = current_opd()
        if opd is None:
            return
        hold = ContentHold.objects.filter(
            opd=opd,
            kind=self.model.guard_kind,
            object_id=object_id,
            status=ContentHold.Status.HELD,
        ).first()
        if hold is not None:
            messages.warning(
                request,
                _(
                    "Konten ini ditahan penjaga konten sejak %(when)s dan menunggu "
                    "pemeriksaan Kominfo: %(reasons)s"
                )
                % {
                    "when": timezone.localtime(hold.held_at).strftime("%d-%m-%Y %H:%M"),
                    "reasons": " ".join(finding["message"] for finding in hold.findings),
                },
            )
