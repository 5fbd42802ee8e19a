from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from tenants.models import Opd, site_kind_choices
from tenants.services import create_opd


class Command(BaseCommand):
    help = (
        "Create an OPD site: its schema, domain <slug>.<PORTAL_DOMAIN>, default roles and content, "
        "and its first admin account; prints the one-time set-password link."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="subdomain, e.g. dinkes")
        parser.add_argument("--name", required=True, help="full official name")
        parser.add_argument("--short-name", required=True)
        parser.add_argument(
            "--kind",
            default=Opd.Kind.DINAS,
            choices=[value for value, _label in site_kind_choices()],
        )
        parser.add_argument("--admin-name", required=True)
        parser.add_argument("--admin-email", required=True)

    def handle(self, *args, **options):
        try:
            invitation = create_opd(
                name=options["name"],
                short_name=options["short_name"],
                kind=options["kind"],
                slug=options["slug"],
                admin_name=options["admin_name"],
                admin_email=options["admin_email"],
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(self.style.SUCCESS(f"Created {invitation.opd.site_url()}"))
        self.stdout.write(f"Admin account: {invitation.user.username}")
        self.stdout.write(f"Set-password link: {invitation.set_password_url}")
