"""Registration numbers under concurrent submissions, with real separate database connections.

pytest-django wraps each test in a transaction on the main thread's connection only; every
thread below opens its own connection to the test database, so its submissions really commit
and really compete for the counter row lock. Because they commit, the test removes what they
created (in another fresh connection) instead of relying on the rollback. No transaction=True:
its flush would wipe the public tenant rows.
"""

import threading

import pytest
from django.db import connection

from ppid.models import InformationRequest, RegistrationCounter
from tests.ppid.conftest import submit, token

pytestmark = pytest.mark.django_db

SUBMITTERS = 8


def in_own_connection(opd, work):
    """Run `work()` in a new thread, i.e. on a new autocommit connection, inside `opd`."""
    outcome = {}

    def run():
        try:
            connection.set_tenant(opd)
            outcome["value"] = work()
        except Exception as error:  # reported to the test below
            outcome["error"] = error
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=60)
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def at_once(work, arguments, *, opd=None) -> tuple[list, list]:
    """Call `work(argument)` for every argument, each in its own thread and connection (inside
    `opd` when given), all released at the same moment; returns (results, errors)."""
    barrier = threading.Barrier(len(arguments))
    results, errors = [], []

    def run(argument):
        try:
            if opd is not None:
                connection.set_tenant(opd)
            barrier.wait(timeout=30)
            results.append(work(argument))
        except Exception as error:  # reported to the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(argument,)) for argument in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


def test_concurrent_submissions_get_gapless_unique_numbers(opd_a):
    tokens = [token() for _ in range(SUBMITTERS)]

    def cleanup():
        for request in InformationRequest.objects.filter(submission_token__in=tokens):
            request.delete()
        RegistrationCounter.objects.filter(kind=RegistrationCounter.Kind.REQUEST).delete()

    try:
        numbers, errors = at_once(
            lambda t: submit(opd_a, submission_token=t).record.number, tokens, opd=opd_a
        )
        assert not errors
        committed = in_own_connection(
            opd_a,
            lambda: sorted(
                InformationRequest.objects.filter(submission_token__in=tokens).values_list(
                    "sequence", flat=True
                )
            ),
        )
        assert committed == list(range(1, SUBMITTERS + 1))
        assert len(set(numbers)) == SUBMITTERS
    finally:
        in_own_connection(opd_a, cleanup)
    assert in_own_connection(opd_a, lambda: InformationRequest.objects.count()) == 0


def test_concurrent_double_submit_registers_once(opd_a):
    same = token()

    def cleanup():
        InformationRequest.objects.filter(submission_token=same).delete()
        RegistrationCounter.objects.filter(kind=RegistrationCounter.Kind.REQUEST).delete()

    try:
        numbers, errors = at_once(
            lambda _: submit(opd_a, submission_token=same).record.number, [1, 2], opd=opd_a
        )
        outcomes = numbers + errors
        from ppid.services import DuplicateSubmission

        assert sum(isinstance(o, str) for o in outcomes) == 1
        assert sum(isinstance(o, DuplicateSubmission) for o in outcomes) == 1
        counter = in_own_connection(
            opd_a,
            lambda: RegistrationCounter.objects.get(kind=RegistrationCounter.Kind.REQUEST),
        )
        assert counter.last_number == 1
    finally:
        in_own_connection(opd_a, cleanup)


def test_simultaneous_posts_of_the_request_form_get_no_more_than_the_limit(opd_a, settings):
    """Twelve clients of one IP post the real form through the real view at the same moment:
    exactly PPID_SUBMISSIONS_PER_HOUR of them are registered, the others get 429."""
    from django.contrib.sessions.models import Session
    from django.test import Client

    from audit.models import AuditEvent
    from tests.ppid.test_public import form_data

    settings.PPID_SUBMISSIONS_PER_HOUR = 3
    posters = 12
    forms = [form_data() for _ in range(posters)]
    tokens = [data["submission_token"] for data in forms]
    last_event = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    session_keys = []

    def post(data):
        client = Client(HTTP_HOST="alpha.localhost")
        status = client.post("/ppid/permohonan/", data).status_code
        if "sessionid" in client.cookies:
            session_keys.append(client.cookies["sessionid"].value)
        return status

    def cleanup():
        InformationRequest.objects.filter(submission_token__in=tokens).delete()
        RegistrationCounter.objects.filter(kind=RegistrationCounter.Kind.REQUEST).delete()
        Session.objects.filter(session_key__in=session_keys).delete()
        connection.set_schema_to_public()
        AuditEvent.objects.filter(pk__gt=last_event).delete()

    try:
        statuses, errors = at_once(post, forms)
        assert not errors
        assert sorted(statuses) == [302] * 3 + [429] * (posters - 3)
        registered = in_own_connection(
            opd_a,
            lambda: InformationRequest.objects.filter(submission_token__in=tokens).count(),
        )
        assert registered == 3
    finally:
        in_own_connection(opd_a, cleanup)
    assert in_own_connection(opd_a, lambda: InformationRequest.objects.count()) == 0
