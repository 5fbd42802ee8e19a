from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


def validate_custom_url(value: str) -> None:
    """A path on this site ("/layanan/") or an https address: nothing else a browser would run
    or leave the site for unencrypted."""
    if value.startswith("/") and not value.startswith("//") and not any(c.isspace() for c in value):
        return
    if value.startswith("https://"):
        URLValidator(schemes=["https"], message=_("Alamat https ini tidak sah."))(value)
        return
    raise ValidationError(
        _("Tautan harus berupa alamat di situs ini (diawali /) atau alamat yang diawali https://."),
        code="invalid_link",
    )


class MenuItemQuerySet(models.QuerySet):
    def shown(self) -> "MenuItemQuerySet":
        """The items citizens see: their target still exists (a page unpublished or deleted
        takes its item off the menu, not out of the admin)."""
        return self.filter(is_available=True)


class MenuItem(models.Model):
    """One entry of the OPD's menu: a top item, or a child of one (two levels only).

    It points at a place a content app registered (core.registry.MenuTarget, by `target` key)
    or at a custom `url`; a top item with neither is a heading that only opens its children."""

    label = models.CharField(
        _("judul di menu"),
        max_length=80,
        blank=True,
        help_text=_("Kosongkan untuk memakai nama halaman atau tujuan yang dipilih."),
    )
    target = models.CharField(_("tujuan"), max_length=120, blank=True)
    url = models.CharField(
        _("alamat tautan lain"), max_length=300, blank=True, validators=[validate_custom_url]
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("di bawah menu"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    position = models.PositiveSmallIntegerField(_("urutan"), default=0)
    # What the target resolves to, refreshed whenever a content app's target models change
    # (navigation.services.refresh_targets), so showing the menu costs one query.
    target_label = models.CharField(max_length=200, blank=True, editable=False)
    href = models.CharField(max_length=300, blank=True, editable=False)
    is_available = models.BooleanField(default=True, editable=False)

    objects = MenuItemQuerySet.as_manager()

    # The fields the audit log records (an allow-list, audit.services.audited_fields).
    audit_fields = ("label", "target", "url", "parent", "position")

    class Meta:
        verbose_name = _("item menu")
        verbose_name_plural = _("menu situs")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~(~models.Q(target="") & ~models.Q(url="")),
                name="navigation_menuitem_one_link",
                violation_error_message=_(
                    "Pilih satu tujuan atau satu tautan lain, tidak keduanya."
                ),
            ),
        ]

    def __str__(self):
        return self.display_label

    def save(self, *args, **kwargs):
        # A custom link or a heading shows what it holds; a target's label and address come
        # from its app (navigation.services.resolve).
        if self.url:
            self.href, self.target_label, self.is_available = self.url, "", True
        elif not self.target:
            self.href, self.target_label, self.is_available = "", "", True
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.parent_id is not None:
            if self.parent_id == self.pk:
                errors["parent"] = _("Item tidak dapat berada di bawah dirinya sendiri.")
            elif self.parent.parent_id is not None:
                errors["parent"] = _(
                    "Menu hanya dua tingkat: pilih item menu utama (yang tidak berada di bawah "
                    "item lain) sebagai induk."
                )
            elif self.pk is not None and self.children.exists():
                errors["parent"] = _(
                    "Item ini punya sub-menu, jadi tidak dapat dipindah ke bawah item lain. "
                    "Pindahkan dulu sub-menunya."
                )
            if self.is_heading:
                errors["target"] = _("Item sub-menu harus punya tujuan atau tautan lain.")
        if self.is_heading and not self.label:
            errors["label"] = _("Isi judul di menu untuk item tanpa tujuan.")
        if self.target and self.url:
            errors["url"] = _("Pilih satu tujuan atau satu tautan lain, tidak keduanya.")
        if errors:
            raise ValidationError(errors)

    @property
    def display_label(self) -> str:
        return self.label or self.target_label or self.url or "—"

    @property
    def is_heading(self) -> bool:
        return not self.target and not self.url
