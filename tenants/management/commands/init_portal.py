from django.core.management.base import BaseCommand

from tenants.services import create_public_tenant


class Command(BaseCommand):
    help = "Create the public tenant and the main domain (PORTAL_DOMAIN). Safe to run again."

    def handle(self, *args, **options):
        public = create_public_tenant()
        self.stdout.write(f"Public tenant ready: {public.site_url()}")
