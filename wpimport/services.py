"""Importing one WordPress site into the current OPD's schema (issue 19): the entry points of
`manage.py import_wordpress` and of the background runs (wpimport.jobs).

`plan()` is the dry run: it reads the export and the attachments, converts every body and asks
the content guard about every item to be published, and writes nothing. `run()` does the same
and writes, in one transaction (files stored on the way are removed if it fails), so that an
import is all there or not at all. The work itself is wpimport.importer's.
"""

from django.db import connection, transaction
from django.utils import timezone

from core import storage
from wpimport.export import WxrExport
from wpimport.importer import Attachments, Importer, Progress
from wpimport.models import ImportRun
from wpimport.report import Report


def plan(export: WxrExport, *, attachments: Attachments | None = None) -> Report:
    """What run() would do with `export`, and every problem found; nothing is written."""
    return Importer(export, {} if attachments is None else attachments, dry_run=True).go()


def run(
    export: WxrExport,
    *,
    attachments: Attachments | None = None,
    started_by=None,
    record: ImportRun | None = None,
    progress: Progress | None = None,
) -> Report:
    """Import `export` into the current OPD's schema: all of it or, on any failure, nothing.
    The run is recorded as done in `record` (a background run's) or in a new ImportRun."""
    with storage.removed_on_error(), transaction.atomic():
        # Two imports of one OPD at once would both create what neither has seen yet: the
        # second waits for the first to commit, then finds its work done.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(hashtext(%s))",
                [f"wpimport-run:{connection.schema_name}"],
            )
        importer = Importer(
            export, {} if attachments is None else attachments, dry_run=False, progress=progress
        )
        report = importer.go()
        record = record or ImportRun(started_by=started_by)
        record.dry_run = False
        record.status = ImportRun.Status.DONE
        record.total = record.processed = len(export.items)
        record.report = report.as_dict()
        record.finished_at = timezone.now()
        record.save()
    return report
