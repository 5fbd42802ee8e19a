from django.core.management import call_command
from django.core.management.base import BaseCommand

from tenants.services import create_public_tenant


class Command(BaseCommand):
    help = (
        "Bring the database up to date in one go: migrate the public schema, make sure the public "
        "tenant and main domain exist, then migrate every OPD schema. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--executor",
            default="standard",
            choices=("standard", "multiprocessing"),
            help="migrate_schemas executor for the OPD schemas",
        )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        call_command("migrate_schemas", shared=True, interactive=False, verbosity=verbosity)
        create_public_tenant()
        call_command(
            "migrate_schemas",
            tenant=True,
            executor=options["executor"],
            interactive=False,
            verbosity=verbosity,
        )
        self.stdout.write("Database ready.")
