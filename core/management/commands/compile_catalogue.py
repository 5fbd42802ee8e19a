from django.conf import settings
from django.core.management.base import BaseCommand

from core.catalogue import compile_catalogue


class Command(BaseCommand):
    help = "Compiles the project's gettext catalogue (LOCALE_PATHS) without GNU gettext."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="compile even up-to-date files")

    def handle(self, *args, force=False, **options):
        for mo in compile_catalogue(settings.LOCALE_PATHS, force=force):
            if options["verbosity"] >= 1:
                self.stdout.write(f"{mo}")
