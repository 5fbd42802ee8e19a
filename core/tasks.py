"""Background tasks: procrastinate, with PostgreSQL as the queue (README, "Background tasks").

Every task of ours is declared with `schema_task`. Its job carries the schema it was deferred
from (or was given) and the task sets that schema itself in the worker: a task never assumes
the worker's current schema (ARCHITECTURE §3). The queue's tables live in the public schema,
so a job's arguments may only be identifiers (ids, slugs, schema names): `defer` refuses
anything else, so that no citizen's personal data lands in the queue; a task loads its records
itself.

A job is deferred through Django's own connection, inside the transaction of the change that
asked for it: it is queued if and only if that change commits. A failing task is retried with
exponential back-off (TASK_MAX_ATTEMPTS, TASK_RETRY_BASE_SECONDS), then stays failed, which the
console shows; a job whose worker died is run again (`retry_stalled_jobs`).

The body of a task runs through `sync_to_async(thread_sensitive=True)`: Django's connection,
and with it django-tenants' schema, belongs to a thread, and this keeps every task body (and
the connection clean-up procrastinate's Django app wraps around it) on one thread. A worker
runs one job at a time; more throughput means more worker processes.
"""

import logging
import re
from collections.abc import Callable
from typing import Any

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import connection
from django_tenants.utils import get_public_schema_name, schema_context
from procrastinate import BaseRetryStrategy, RetryDecision
from procrastinate.contrib.django import app
from procrastinate.contrib.django.models import ProcrastinateJob
from procrastinate.jobs import Job, Status

logger = logging.getLogger(__name__)

# Ids, slugs, schema names, ISO dates: never an e-mail address (no "@"), a name or free text.
IDENTIFIER = re.compile(r"[A-Za-z0-9_.:-]{0,100}")


class ExponentialBackOff(BaseRetryStrategy):
    """TASK_MAX_ATTEMPTS runs in all, waiting TASK_RETRY_BASE_SECONDS ** 1, ** 2, ... seconds
    before each retry (5 s, 25 s, 2 min, 10 min, 52 min by default); then the job fails.
    The settings are read at each decision, not when the task is declared."""

    def get_retry_decision(self, *, exception: BaseException, job: Job) -> RetryDecision | None:
        runs = job.attempts + 1  # procrastinate counts the runs before this one
        if runs >= settings.TASK_MAX_ATTEMPTS:
            return None
        return RetryDecision(retry_in={"seconds": settings.TASK_RETRY_BASE_SECONDS**runs})


def check_payload(kwargs: dict[str, Any]) -> None:
    """Refuse job arguments that are not identifiers (the queue is in the public schema)."""
    for key, value in kwargs.items():
        values = value if isinstance(value, list | tuple) else [value]
        for item in values:
            if item is None or isinstance(item, bool | int):
                continue
            if isinstance(item, str) and IDENTIFIER.fullmatch(item):
                continue
            raise TypeError(
                f"Task argument {key!r} must be an id, a slug or a schema name, not "
                f"{type(item).__name__} {str(item)[:20]!r}: load records inside the task."
            )


class SchemaTask:
    """A function run by the worker in the schema its job names."""

    def __init__(self, func: Callable[..., Any], *, queue: str, retry: bool):
        self.func = func
        self.name = f"{func.__module__}.{func.__name__}"
        self.__doc__ = func.__doc__

        async def run(*, schema: str, timestamp: int | None = None, **kwargs: Any) -> Any:
            # `timestamp` is what procrastinate gives a periodic job; our functions ignore it.
            return await sync_to_async(self.run_in_schema, thread_sensitive=True)(schema, kwargs)

        run.__name__ = func.__name__
        run.__qualname__ = func.__qualname__
        run.__module__ = func.__module__
        self.task = app.task(
            name=self.name, queue=queue, retry=ExponentialBackOff() if retry else False
        )(run)

    def run_in_schema(self, schema: str, kwargs: dict[str, Any]) -> Any:
        with schema_context(schema):
            return self.func(**kwargs)

    def __call__(self, **kwargs: Any) -> Any:
        """Run here and now, in the current schema (management commands, tests of the body)."""
        return self.func(**kwargs)

    def defer(self, *, schema: str | None = None, **kwargs: Any) -> int:
        """Queue a job in the current transaction; it runs in `schema` (default: the current
        one). Returns the job's id."""
        check_payload(kwargs)
        schema = schema or connection.schema_name
        return self.task.defer(schema=schema, **kwargs)


def schema_task(
    func: Callable[..., Any] | None = None, *, queue: str = "default", retry: bool = True
):
    """Declare a task (`@schema_task` or `@schema_task(queue="mail")`)."""

    def decorator(function: Callable[..., Any]) -> SchemaTask:
        return SchemaTask(function, queue=queue, retry=retry)

    return decorator(func) if func is not None else decorator


def periodic(cron: str, *, periodic_id: str = ""):
    """Run a SchemaTask on a schedule, in the public schema. `cron` is read in UTC (WIB is
    UTC+7); a 6th field gives seconds. Declared here, in code: no cron lines anywhere."""

    def decorator(task: SchemaTask) -> SchemaTask:
        app.periodic(
            cron=cron,
            periodic_id=periodic_id,
            task_kwargs={"schema": get_public_schema_name()},
        )(task.task)
        return task

    return decorator


def failed_job_count() -> int:
    """Jobs that used up their attempts (the console's home page shows the number)."""
    return ProcrastinateJob.objects.filter(status=Status.FAILED.value).count()


@app.periodic(cron=settings.TASK_STALLED_CHECK_CRON)
@app.task(queue="maintenance", pass_context=True, name="core.tasks.retry_stalled_jobs")
async def retry_stalled_jobs(context, timestamp: int) -> None:
    """Run again the jobs whose worker stopped sending heartbeats (killed, crashed, lost its
    machine): no job is lost with its worker. One that stalled TASK_MAX_ATTEMPTS times fails."""
    manager = context.app.job_manager
    stalled = await manager.get_stalled_jobs(
        seconds_since_heartbeat=settings.TASK_STALLED_AFTER_SECONDS
    )
    for job in stalled:
        if job.attempts + 1 >= settings.TASK_MAX_ATTEMPTS:
            logger.error("Job %s stalled %d times: failed", job.call_string, job.attempts + 1)
            await manager.finish_job(job, status=Status.FAILED, delete_job=False)
        else:
            logger.warning("Job %s stalled (its worker died): running it again", job.call_string)
            await manager.retry_job(job)


@app.periodic(cron="15 19 * * *")  # 02:15 WIB
@app.task(queue="maintenance", pass_context=True, name="core.tasks.remove_old_jobs")
async def remove_old_jobs(context, timestamp: int) -> None:
    """Keep the queue small: finished jobs go after a week; failed ones stay until someone in
    the console has looked at them (and retried or cancelled them)."""
    await context.app.job_manager.delete_old_jobs(nb_hours=7 * 24, include_failed=False)
