"""PPID Utama's numbers and forwards under concurrency, on separate real connections (see
tests/ppid/test_concurrency.py: the threads commit, so each test removes what they made)."""

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEvent
from ppid.models import InformationRequest
from ppid.models import RegistrationCounter as OpdCounter
from ppidutama import disposition
from ppidutama.models import PemdaRequest, RegistrationCounter
from tenants.models import Opd
from tests.ppid.conftest import VALID_REQUEST, token
from tests.ppid.test_concurrency import at_once, in_own_connection

pytestmark = pytest.mark.django_db

SUBMITTERS = 6


def in_public(work):
    return in_own_connection(Opd.objects.get(schema_name="public"), work)


def remove_everything(tokens, opds):
    def public():
        PemdaRequest.objects.filter(submission_token__in=tokens).delete()
        RegistrationCounter.objects.all().delete()
        AuditEvent.objects.filter(object_type="ppidutama.PemdaRequest").delete()

    in_public(public)
    for opd in opds:
        in_own_connection(
            opd,
            lambda: (
                InformationRequest.objects.filter(pemda_number__startswith="PEMDA/").delete(),
                OpdCounter.objects.all().delete(),
            ),
        )


def test_concurrent_submissions_to_ppid_utama_get_gapless_numbers(public_tenant):
    tokens = [token() for _ in range(SUBMITTERS)]
    try:
        receipts, errors = at_once(
            lambda t: disposition.submit_to_utama(submission_token=t, **VALID_REQUEST),
            tokens,
            opd=public_tenant,
        )
        assert not errors
        sequences = in_public(
            lambda: sorted(
                PemdaRequest.objects.filter(submission_token__in=tokens).values_list(
                    "sequence", flat=True
                )
            )
        )
        assert sequences == list(range(1, SUBMITTERS + 1))
        assert len({receipt.number for receipt in receipts}) == SUBMITTERS
    finally:
        remove_everything(tokens, [])


def test_concurrent_forwards_keep_one_request(public_tenant, opd_a, opd_b):
    same = token()
    try:
        receipt = in_public(
            lambda: disposition.submit_to_utama(submission_token=same, **VALID_REQUEST)
        )

        def forward_to(opd):
            pemda_request = PemdaRequest.objects.get(number=receipt.number)
            return disposition.forward(request=pemda_request, to_opd=opd, note="", by=None).opd

        results, errors = at_once(forward_to, [opd_a, opd_b], opd=public_tenant)
        assert len(results) == 1 and len(errors) == 1
        assert isinstance(errors[0], ValidationError)
        (winner,) = results
        loser = opd_b if winner == opd_a else opd_a
        count = lambda: InformationRequest.objects.filter(pemda_number=receipt.number).count()  # noqa: E731
        assert in_own_connection(winner, count) == 1
        assert in_own_connection(loser, count) == 0
    finally:
        remove_everything([same], [opd_a, opd_b])
