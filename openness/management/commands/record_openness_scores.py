from django.core.management.base import BaseCommand

from openness.recording import record_all_scores


class Command(BaseCommand):
    help = "Hitung ulang Skor Keterbukaan setiap OPD aktif dan simpan untuk konsol Kominfo."

    def handle(self, *args, **options):
        count = record_all_scores()
        self.stdout.write(f"Skor Keterbukaan dihitung untuk {count} OPD.")
