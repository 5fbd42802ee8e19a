from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django_tenants.utils import tenant_context

from redirects.services import CsvImportError
from tenants.models import Opd
from wpimport import services
from wpimport.archive import UploadsArchive, UploadsError
from wpimport.fetch import InternalAddressError, RemoteUploads
from wpimport.wxr import WxrError, parse_export


class Command(BaseCommand):
    help = (
        "Import one OPD's WordPress export (Tools → Export → All content) with its "
        "wp-content/uploads archive; --dry-run reports what would happen and writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("export", type=Path)
        source = parser.add_mutually_exclusive_group()
        source.add_argument("--uploads", type=Path, help="wp-content/uploads as .zip or .tar.gz")
        source.add_argument("--fetch-from", help="the old site's URL, to download attachments")
        parser.add_argument(
            "--allow-private-network",
            action="store_true",
            help="let --fetch-from reach an old site on an internal address (the intranet)",
        )
        parser.add_argument("--time-zone", default="Asia/Jakarta", help="the old site's zone")
        parser.add_argument("--dry-run", action="store_true")

    def handle(
        self,
        *args,
        slug,
        export,
        uploads,
        fetch_from,
        allow_private_network,
        time_zone,
        dry_run,
        **options,
    ):
        opd = Opd.objects.sites().filter(slug=slug).first()
        if opd is None:
            raise CommandError(_("OPD “%(slug)s” tidak ditemukan.") % {"slug": slug})
        if not opd.is_active:
            raise CommandError(
                _("OPD “%(slug)s” sedang dinonaktifkan; aktifkan dulu sebelum mengimpor.")
                % {"slug": slug}
            )
        try:
            wxr = parse_export(export, time_zone=time_zone)
        except OSError as error:
            raise CommandError(
                _("Berkas ekspor tidak dapat dibuka: %(error)s") % {"error": error}
            ) from None
        except WxrError as error:
            raise CommandError(str(error)) from None
        archive = None
        try:
            if uploads is not None:
                try:
                    archive = UploadsArchive(uploads)
                except OSError as error:
                    raise CommandError(
                        _("Arsip unggahan tidak dapat dibuka: %(error)s") % {"error": error}
                    ) from None
            if fetch_from:
                try:
                    archive = RemoteUploads(fetch_from, allow_private=allow_private_network)
                except InternalAddressError as error:
                    raise CommandError(
                        _(
                            "%(error)s Bila situs lama memang ada di jaringan internal pemda, "
                            "ulangi dengan --allow-private-network."
                        )
                        % {"error": error}
                    ) from None
                except ValueError as error:
                    raise CommandError(str(error)) from None
            with tenant_context(opd):
                if dry_run:
                    report = services.plan(wxr, attachments=archive)
                else:
                    report = services.run(wxr, attachments=archive)
        except (UploadsError, CsvImportError) as error:
            raise CommandError(str(error)) from None
        finally:
            if isinstance(archive, UploadsArchive):
                archive.close()
        for line in report.lines():
            self.stdout.write(line)
        for path, reason in getattr(archive, "failures", {}).items():
            self.stdout.write(
                _("Gagal diunduh: %(path)s (%(reason)s)") % {"path": path, "reason": reason}
            )
