"""An import started from the OPD's admin or the Kominfo console: a run (ImportRun) that goes
through the task worker, so that a large site never holds a web request.

`receive_upload()` keeps the uploaded export (and the uploads archive) in the OPD's private
storage and queues the check: the dry run, whose report the operator reads first. `confirm()`
queues the import itself, which writes its progress as it goes and keeps its final report with
the run; `cancel()` drops a checked run. Files are removed once a run is finished. One import of
an OPD at a time: a new upload waits until the one in progress is finished.
"""

import logging
from contextlib import ExitStack, contextmanager

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import tenant_context

from core import storage
from core.tasks import schema_task
from redirects.services import CsvImportError
from tenants.models import Opd
from wpimport import services
from wpimport.archive import UploadsArchive, UploadsError
from wpimport.fetch import RemoteUploads
from wpimport.models import ImportRun
from wpimport.progress import ProgressWriter
from wpimport.report import Report
from wpimport.wxr import WxrError, parse_export

logger = logging.getLogger(__name__)


class ImportRefused(Exception):
    """A run that cannot go on, for a reason the operator reads."""


# What a run can fail on that the operator can fix: the message says what was wrong.
EXPECTED_FAILURES = (WxrError, UploadsError, CsvImportError, ValidationError, ImportRefused)
UNEXPECTED_FAILURE = _(
    "Terjadi kesalahan tak terduga; tidak ada yang diimpor. Tim Kominfo dapat melihat "
    "rinciannya di daftar tugas latar konsol."
)


def receive_upload(
    *,
    opd: Opd,
    export,
    uploads=None,
    fetch_from: str = "",
    time_zone: str = "Asia/Jakarta",
    started_by=None,
    started_by_name: str = "",
) -> ImportRun:
    """Keep `export` (an uploaded file) for `opd`, the current schema's OPD, and queue its
    check. Refused while the OPD is deactivated or another of its imports is in progress."""
    if not opd.is_active:
        raise ValidationError(
            _("Situs %(opd)s sedang dinonaktifkan; aktifkan dulu sebelum mengimpor.")
            % {"opd": opd.name}
        )
    with storage.removed_on_error(), transaction.atomic():
        _one_import_at_a_time()
        if ImportRun.objects.filter(status__in=ImportRun.IN_PROGRESS).exists():
            raise ValidationError(
                _("Impor lain untuk situs ini masih berjalan; tunggu sampai selesai.")
            )
        run = ImportRun(
            status=ImportRun.Status.CHECKING,
            export_name=export.name[-255:],
            fetch_from=fetch_from,
            time_zone=time_zone,
            started_by=started_by,
            started_by_name=started_by_name,
        )
        run.export_file.save(export.name, export, save=False)
        if uploads is not None:
            run.uploads_file.save(uploads.name, uploads, save=False)
        run.save()
        check_run.defer(run_id=run.pk)
    return run


def confirm(run: ImportRun) -> None:
    """Queue the import of a checked run."""
    with transaction.atomic():
        _one_import_at_a_time()
        run = ImportRun.objects.select_for_update().get(pk=run.pk)
        if run.status != ImportRun.Status.CHECKED:
            raise ValidationError(_("Impor ini tidak sedang menunggu persetujuan."))
        if not Opd.objects.filter(schema_name=connection.schema_name, is_active=True).exists():
            raise ValidationError(_("Situs OPD ini sedang dinonaktifkan; aktifkan dulu."))
        if ImportRun.objects.filter(status__in=ImportRun.IN_PROGRESS).exists():
            raise ValidationError(
                _("Impor lain untuk situs ini masih berjalan; tunggu sampai selesai.")
            )
        run.status = ImportRun.Status.QUEUED
        run.processed = 0
        run.save(update_fields=["status", "processed"])
        perform_run.defer(run_id=run.pk)


def cancel(run: ImportRun) -> None:
    """Drop a checked run without importing anything."""
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().get(pk=run.pk)
        if run.status != ImportRun.Status.CHECKED:
            raise ValidationError(_("Hanya impor yang belum dimulai yang dapat dibatalkan."))
        _finish(run, ImportRun.Status.CANCELLED)


@schema_task(queue="imports", retry=False)
def check_run(*, run_id: int) -> None:
    """The dry run of an uploaded export: its report, kept with the run until it is
    confirmed or cancelled."""
    run = ImportRun.objects.filter(pk=run_id, status=ImportRun.Status.CHECKING).first()
    if run is None:  # cancelled or checked already (a job run twice)
        return
    with _failing_cleanly(run):
        with _sources(run) as (export, attachments):
            report = services.plan(export, attachments=attachments)
            _add_download_failures(report, attachments)
        run.status = ImportRun.Status.CHECKED
        run.total = len(export.items)
        run.report = report.as_dict()
        run.save(update_fields=["status", "total", "report"])


@schema_task(queue="imports", retry=False)
def perform_run(*, run_id: int) -> None:
    """The import of a confirmed run, with its progress written as it goes. A run left
    "running" by a worker that died is run again (its transaction died with it)."""
    waiting = (ImportRun.Status.QUEUED, ImportRun.Status.RUNNING)
    run = ImportRun.objects.filter(pk=run_id, status__in=waiting).first()
    if run is None:
        return
    with _failing_cleanly(run), ExitStack() as stack:
        run.status = ImportRun.Status.RUNNING
        run.save(update_fields=["status"])
        export, attachments = stack.enter_context(_sources(run))
        progress = stack.enter_context(ProgressWriter(run))
        report = services.run(export, attachments=attachments, record=run, progress=progress)
        _add_download_failures(report, attachments)
        run.report = report.as_dict()
        _finish(run, ImportRun.Status.DONE)


def _one_import_at_a_time() -> None:
    """Serialise the starts of an OPD's imports until the end of the transaction (two uploads
    at once would both see no import in progress)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtext(%s))", [f"wpimport:{connection.schema_name}"]
        )


@contextmanager
def _sources(run: ImportRun):
    """The run's export, read from its stored file, and where its attachments come from, in
    the OPD as the request of one of its operators would have it (publishing needs the OPD
    itself, not only its schema)."""
    opd = Opd.objects.filter(schema_name=connection.schema_name, is_active=True).first()
    if opd is None:
        raise ImportRefused(_("Situs OPD ini sedang dinonaktifkan; tidak ada yang diimpor."))
    with ExitStack() as stack:
        stack.enter_context(tenant_context(opd))
        export_file = stack.enter_context(run.export_file.open("rb"))
        export = parse_export(export_file, time_zone=run.time_zone)
        attachments = {}
        if run.uploads_file:
            archive_file = stack.enter_context(run.uploads_file.open("rb"))
            attachments = stack.enter_context(UploadsArchive(archive_file))
        elif run.fetch_from:
            try:
                attachments = RemoteUploads(run.fetch_from)
            except ValueError as error:
                raise ImportRefused(str(error)) from None
        yield export, attachments


def _add_download_failures(report: Report, attachments) -> None:
    for path, reason in getattr(attachments, "failures", {}).items():
        report.problem(_("Gagal diunduh: %(path)s (%(reason)s)") % {"path": path, "reason": reason})


@contextmanager
def _failing_cleanly(run: ImportRun):
    """A failure marks the run failed with what went wrong (its import rolled back) and
    removes its files; an unexpected one is raised again, for the console's failed jobs."""
    try:
        yield
    except EXPECTED_FAILURES as error:
        message = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        _fail(run, message)
    except Exception:
        _fail(run, UNEXPECTED_FAILURE)
        raise


def _fail(run: ImportRun, message: str) -> None:
    # The in-memory run may hold what the rolled-back import had set: start from the row.
    run.refresh_from_db()
    run.error = message
    _finish(run, ImportRun.Status.FAILED)


def _finish(run: ImportRun, status: str) -> None:
    for stored in (run.export_file, run.uploads_file):
        if stored:
            stored.delete(save=False)
    run.status = status
    run.finished_at = timezone.now()
    run.save()
