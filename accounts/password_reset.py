"""Password reset by e-mail, on both admin sites: each OPD's for the users of its schema, the
console's for Kominfo's users of the public schema.

The answer never tells whether an address has an account: the same page, after the same work
(two counters, one look-up, one queued job, whose list of accounts may be empty); the e-mail is
written and sent by the task worker (accounts.tasks). Requests are limited per client address
(a 429 page) and per e-mail address (further requests are quietly dropped: saying so would tell
an attacker nothing, but it would not help the owner either). The link only sets a new
password: the log-in after it still asks for the second step where the site or account has one.
"""

import hashlib

from django.contrib.auth import get_user_model
from django.db import transaction

from accounts.tasks import send_password_reset
from core import throttle

IP_SCOPE = "password-reset-ip"
ADDRESS_SCOPE = "password-reset-address"
WINDOW_SECONDS = 3600
REQUESTS_PER_IP = 10
REQUESTS_PER_ADDRESS = 3


def client_over_limit(request) -> bool:
    """Count this request of the client; True once it is over REQUESTS_PER_IP an hour."""
    return throttle.hit(request, IP_SCOPE, window=WINDOW_SECONDS) > REQUESTS_PER_IP


@transaction.atomic
def request_password_reset(*, email: str) -> None:
    """Queue the reset e-mail for the active staff accounts of the current schema with `email`."""
    email = email.strip().lower()
    digest = hashlib.sha256(email.encode()).hexdigest()[:32]
    if throttle.hit_subject(digest, ADDRESS_SCOPE, window=WINDOW_SECONDS) > REQUESTS_PER_ADDRESS:
        return
    user_ids = list(
        get_user_model()
        .objects.filter(email__iexact=email, is_active=True, is_staff=True)
        .values_list("pk", flat=True)
    )
    send_password_reset.defer(user_ids=user_ids)
