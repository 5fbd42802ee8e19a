"""A changed Domain or Opd must stop resolving from the host cache at once (and a changed
domain's pages leave the HTTP accelerator, which keys them by host)."""

from django.db.models.signals import post_delete, post_save, pre_save

from core import accelerator
from tenants.host_cache import forget_hosts
from tenants.models import Domain, Opd


def remember_old_domain(sender, instance, raw=False, **kwargs):
    """pre_save of Domain: a renamed domain must stop resolving under its old name too."""
    if instance.pk and not raw:
        instance._old_domain = (
            Domain.objects.filter(pk=instance.pk).values_list("domain", flat=True).first()
        )


def domain_changed(sender, instance, **kwargs):
    forget_hosts(instance.domain, getattr(instance, "_old_domain", None))
    if accelerator.enabled():
        schema = Opd.objects.filter(pk=instance.tenant_id).values_list("schema_name", flat=True)
        for schema_name in schema:
            accelerator.ban(schema_name)


def opd_changed(sender, instance, **kwargs):
    forget_hosts(*Domain.objects.filter(tenant_id=instance.pk).values_list("domain", flat=True))


def connect() -> None:
    pre_save.connect(remember_old_domain, sender=Domain, dispatch_uid="host-old")
    for signal in (post_save, post_delete):
        signal.connect(domain_changed, sender=Domain, dispatch_uid=f"host-{signal}")
        signal.connect(opd_changed, sender=Opd, dispatch_uid=f"host-opd-{signal}")
