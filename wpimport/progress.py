"""A background import's progress, written where the admin page can read it while it runs."""

import time

from django.db import DEFAULT_DB_ALIAS, connection, connections

from wpimport.models import ImportRun


class ProgressWriter:
    """Writes a run's counters on a database connection of its own, at most every
    `every_seconds` (and always the last count): the import runs in one transaction, which keeps
    everything it writes, the run's own row included, invisible to others until it commits."""

    def __init__(self, run: ImportRun, *, every_seconds: float = 1.0):
        self.run_pk = run.pk
        self.schema = connection.schema_name
        self.every_seconds = every_seconds
        self.written_at: float | None = None
        self.connection = None

    def __call__(self, processed: int, total: int) -> None:
        now = time.monotonic()
        recent = self.written_at is not None and now - self.written_at < self.every_seconds
        if recent and processed < total:
            return
        self.written_at = now
        if self.connection is None:
            self.connection = connections.create_connection(DEFAULT_DB_ALIAS)
            self.connection.set_schema(self.schema)
        with self.connection.cursor() as cursor:
            cursor.execute(
                f'UPDATE "{ImportRun._meta.db_table}" SET processed = %s, total = %s WHERE id = %s',
                [processed, total, self.run_pk],
            )

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
