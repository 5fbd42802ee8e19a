from django.core.management import call_command
from django.core.management.base import BaseCommand
from django_tenants.utils import get_public_schema_name

from tenants.models import Opd
from tenants.schema_migrations import MigrateListedSchemas, outdated_schemas
from tenants.services import create_public_tenant


class Command(BaseCommand):
    help = (
        "Bring the database up to date in one go: migrate the public schema, make sure the public "
        "tenant and main domain exist, then migrate the OPD schemas that miss a migration "
        "(up-to-date schemas are skipped). Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--executor",
            default="standard",
            choices=("standard", "multiprocessing"),
            help="migrate_schemas executor for the OPD schemas",
        )
        parser.add_argument(
            "--all-schemas",
            action="store_true",
            help="run migrate in every OPD schema, even those already up to date",
        )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        # django-tenants migrates the public schema first, always: the tenant schemas'
        # migrations may depend on it (and it is one schema).
        call_command("migrate_schemas", shared=True, interactive=False, verbosity=verbosity)
        create_public_tenant()
        schemas = list(
            Opd.objects.exclude(schema_name=get_public_schema_name())
            .order_by("schema_name")
            .values_list("schema_name", flat=True)
        )
        outdated = schemas if options["all_schemas"] else outdated_schemas(schemas)
        if verbosity >= 1:
            self.stdout.write(
                f"OPD schemas: {len(schemas)}; up to date, skipped: "
                f"{len(schemas) - len(outdated)}; to migrate: {len(outdated)}."
            )
        command = MigrateListedSchemas()
        command.schemas = outdated
        call_command(
            command,
            tenant=True,
            executor=options["executor"],
            interactive=False,
            verbosity=verbosity,
        )
        self.stdout.write("Database ready.")
