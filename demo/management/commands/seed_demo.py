from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django_tenants.utils import tenant_context

from accounts import roles
from accounts.services import create_operator
from core import registry
from demo.catalogue import (
    DEMO_KOMINFO_USERNAME,
    DEMO_OPD_ADMIN_USERNAME,
    DEMO_OPDS,
    DEMO_PASSWORD,
)
from demo.identity import fill_identity
from pemda.demo import seed_demo_identity
from ppidutama.demo import seed_demo_ppid
from tenants.models import Opd
from tenants.services import create_opd, create_public_tenant


class Command(BaseCommand):
    help = (
        "Create the demo portal: the 32 OPDs of Kota Serang with an admin account each, and a "
        "Kominfo superadmin. Running it again changes nothing."
    )

    def handle(self, *args, **options):
        public = create_public_tenant()
        self._ensure_kominfo_superadmin()
        seed_demo_identity()
        created = 0
        for demo in DEMO_OPDS:
            opd = Opd.objects.filter(slug=demo.slug).first()
            if opd is None:
                opd = self._create_demo_opd(demo)
                created += 1
            fill_identity(opd, demo)
            with tenant_context(opd):
                for app in registry.content_apps():
                    if app.seed_demo is not None:
                        app.seed_demo(demo)
        seed_demo_ppid(DEMO_PASSWORD)
        self.stdout.write(
            f"{created} OPD created, {len(DEMO_OPDS) - created} already there. "
            f"Portal: {public.site_url()} · Kominfo console: {public.site_url('/admin/')}"
        )

    def _ensure_kominfo_superadmin(self):
        User = get_user_model()
        if not User.objects.filter(username=DEMO_KOMINFO_USERNAME).exists():
            User.objects.create_superuser(
                DEMO_KOMINFO_USERNAME, "kominfo@serangkota.go.id", DEMO_PASSWORD
            )

    @transaction.atomic
    def _create_demo_opd(self, demo):
        invitation = create_opd(
            name=demo.name,
            short_name=demo.short_name,
            kind=demo.kind,
            slug=demo.slug,
            admin_name=f"Admin {demo.short_name}",
            admin_email=f"admin@{demo.slug}.serangkota.go.id",
            send_invitation=False,
        )
        opd = invitation.opd
        opd.primary_color = demo.colour
        opd.save(update_fields=["primary_color", "updated_at"])
        with tenant_context(opd):
            admin = invitation.user
            admin.username = DEMO_OPD_ADMIN_USERNAME
            admin.set_password(DEMO_PASSWORD)
            admin.save()
            if demo.slug == "bpbd":
                for username, role in (
                    ("berita", roles.OPERATOR_BERITA),
                    ("ppid", roles.PETUGAS_PPID),
                ):
                    operator = create_operator(
                        opd=opd,
                        full_name=f"{role} {demo.short_name}",
                        email=f"{username}@bpbd.serangkota.go.id",
                        role=role,
                        send_invitation=False,
                    )
                    operator.user.username = username
                    operator.user.set_password(DEMO_PASSWORD)
                    operator.user.save()
        return opd
