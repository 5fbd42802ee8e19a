"""Old addresses of the OPD's site and where they now lead (issue #19)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from redirects import paths


class Redirect(models.Model):
    """One old address answered with a 301 to its new one, whenever the site would say 404."""

    class Source(models.TextChoices):
        MANUAL = "manual", _("Dibuat operator")
        SLUG_CHANGE = "slug", _("Perubahan slug")
        IMPORT = "import", _("Impor")

    old_path = models.CharField(
        _("alamat lama"),
        max_length=paths.OLD_PATH_MAX_LENGTH,
        help_text=_(
            "Alamat di situs lama, diawali garis miring: /2019/05/03/judul/, /?p=123, "
            "/category/berita/. Alamat lengkap (https://situs-lama/...) juga diterima; "
            "nama situsnya dibuang."
        ),
    )
    target = models.CharField(
        _("alamat baru"),
        max_length=paths.TARGET_MAX_LENGTH,
        help_text=_(
            "Alamat di situs ini (/berita/judul/) atau alamat lengkap yang diawali https://."
        ),
    )
    source = models.CharField(
        _("asal"), max_length=10, choices=Source.choices, default=Source.MANUAL
    )
    hits = models.PositiveIntegerField(_("jumlah kunjungan"), default=0, editable=False)
    last_hit_at = models.DateTimeField(
        _("kunjungan terakhir"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    # What the audit log (audit.receivers) records of a change: addresses are public facts.
    audit_fields = ("old_path", "target", "source")

    class Meta:
        verbose_name = _("pengalihan tautan")
        verbose_name_plural = _("pengalihan tautan")
        ordering = ["old_path"]
        constraints = [
            models.UniqueConstraint(
                fields=["old_path"],
                name="redirects_unique_old_path",
                violation_error_message=_("Alamat lama ini sudah dialihkan."),
            ),
        ]

    def __str__(self):
        return f"{self.old_path} → {self.target}"

    def clean(self):
        errors = {}
        try:
            self.old_path = paths.normalise_old_path(self.old_path)
        except ValidationError as error:
            errors["old_path"] = error
        try:
            self.target = paths.normalise_target(self.target)
        except ValidationError as error:
            errors["target"] = error
        if errors:
            raise ValidationError(errors)
        if paths.target_path(self.target) == self.old_path:
            raise ValidationError(
                {"target": _("Alamat baru sama dengan alamat lama: pengalihan ini berputar.")}
            )
        back = (
            Redirect.objects.filter(old_path=paths.target_path(self.target), target=self.old_path)
            .exclude(pk=self.pk)
            .first()
        )
        if back is not None:
            raise ValidationError(
                {
                    "target": _(
                        "Alamat baru sudah dialihkan kembali ke alamat lama ini "
                        "(%(other)s): pengalihan ini berputar."
                    )
                    % {"other": back}
                }
            )
