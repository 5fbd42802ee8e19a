import re

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tenants.models import Opd


class AuditEvent(models.Model):
    """Who did what, when and from where: one row per change by an operator or Kominfo user.

    Written by audit.services from the OPD side (opd = that OPD) and from the console (opd = the
    OPD concerned, or empty for the portal's own data). Rows are never changed or deleted from
    the admin.
    """

    class Action(models.TextChoices):
        CREATE = "create", _("buat")
        CHANGE = "change", _("ubah")
        DELETE = "delete", _("hapus")
        PUBLISH = "publish", _("terbitkan")
        UNPUBLISH = "unpublish", _("batal terbit")
        HOLD = "hold", _("ditahan penjaga konten")
        PERMISSION = "permission", _("ubah hak akses")
        PASSWORD = "password", _("ubah kata sandi")
        LOGIN = "login", _("masuk")
        LOGIN_FAILED = "login_failed", _("gagal masuk")
        LOGOUT = "logout", _("keluar")
        TWO_FACTOR = "two_factor", _("verifikasi dua langkah")

    # SET_NULL: the trail outlives an OPD that is deleted for good.
    opd = models.ForeignKey(
        Opd,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_events",
        verbose_name=_("OPD"),
    )
    at = models.DateTimeField(_("waktu"), default=timezone.now, db_index=True)
    actor = models.CharField(_("pelaku"), max_length=150)
    actor_id = models.BigIntegerField(_("ID pelaku"), null=True, blank=True)
    action = models.CharField(_("tindakan"), max_length=20, choices=Action.choices)
    object_type = models.CharField(_("jenis objek"), max_length=100, blank=True)
    object_id = models.CharField(_("ID objek"), max_length=64, blank=True)
    object_repr = models.CharField(_("objek"), max_length=200, blank=True)
    changes = models.JSONField(_("perubahan"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("alamat IP"), null=True, blank=True)

    class Meta:
        # Moved from the tenants app; the table keeps its name (no data copied).
        db_table = "tenants_auditevent"
        verbose_name = _("jejak audit")
        verbose_name_plural = _("jejak audit")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["opd", "-at"], name="audit_event_opd_at")]

    def __str__(self):
        when = timezone.localtime(self.at)
        return f"{when:%d-%m-%Y %H:%M} {self.actor} {self.get_action_display()} {self.object_repr}"

    def object_model(self):
        """The model `object_type` (a label such as ``pages.Page``) names, if it still exists."""
        try:
            return apps.get_model(self.object_type)
        except (LookupError, ValueError):
            return None

    @property
    def object_type_label(self) -> str:
        """What an operator reads for the object's type: its model's verbose name."""
        model = self.object_model()
        if model is None:
            return _("objek lain") if self.object_type else ""
        return capfirst(model._meta.verbose_name)

    def change_rows(self) -> list[tuple[str, str]]:
        """(field label, what changed) for each recorded change, in words."""
        model = self.object_model()
        rows = []
        for name, change in (self.changes or {}).items():
            rows.append((_field_label(model, name), _describe_change(change)))
        return rows


_RELATION_VERBS = {"added": _("ditambahkan"), "removed": _("dihapus"), "cleared": _("dikosongkan")}


def _field_label(model, name: str) -> str:
    if model is not None:
        for field in model._meta.get_fields():
            if name in (field.name, getattr(field, "attname", None)):
                label = getattr(field, "verbose_name", None) or getattr(
                    field.related_model._meta, "verbose_name_plural", name
                )
                return capfirst(label)
    return {"password": _("Kata sandi"), "users": _("Pengguna"), "groups": _("Peran")}.get(
        name, name.replace("_", " ")
    )


def _describe_value(value) -> str:
    if value is None or value == "":
        return "–"
    if value is True:
        return gettext("Ya")
    if value is False:
        return gettext("Tidak")
    return str(value)


def _describe_change(change) -> str:
    if isinstance(change, list) and len(change) == 2:
        return f"{_describe_value(change[0])} → {_describe_value(change[1])}"
    if isinstance(change, dict):
        return "; ".join(
            f"{_RELATION_VERBS.get(verb, verb)}: {', '.join(_permission_words(names))}"
            for verb, names in change.items()
        )
    return _describe_value(change)


# Django's permission names as stored ("Berita | artikel | Can change article"; English where
# they were written outside a request): the model's verbose name and an Indonesian verb.
_PERMISSION_NAME = re.compile(
    r"^(?:.* \| )?(?P<model>[^|]+) \| (?P<name>Can (?P<verb>add|change|delete|view) .*)$"
)
_PERMISSION_VERBS = {
    "add": _("tambah"),
    "change": _("ubah"),
    "delete": _("hapus"),
    "view": _("lihat"),
}


def _permission_words(names) -> list[str]:
    from django.contrib.auth.models import Permission

    names = [str(name) for name in (names if isinstance(names, list) else [names])]
    matches = {name: _PERMISSION_NAME.match(name) for name in names}
    models_by_name = {
        permission.name: permission.content_type.model_class()
        for permission in Permission.objects.filter(
            name__in=[match["name"] for match in matches.values() if match]
        ).select_related("content_type")
    }
    words = []
    for name in names:
        match = matches[name]
        if match is None:
            words.append(name)
            continue
        model = models_by_name.get(match["name"])
        subject = model._meta.verbose_name if model is not None else match["model"].strip()
        words.append(f"{capfirst(subject)}: {_PERMISSION_VERBS[match['verb']]}")
    return words
