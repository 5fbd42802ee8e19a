"""A file-based mail backend for the worker tests: while the file MAIL_GATE names exists, a send
waits before the message is written (a slow mail server), after touching MAIL_GATE.reached so
the test knows the worker is in the middle of the send."""

import os
import time
from pathlib import Path

from django.core.mail.backends.filebased import EmailBackend


class GatedFileBackend(EmailBackend):
    def send_messages(self, email_messages):
        gate = Path(os.environ["MAIL_GATE"])
        if gate.exists():
            gate.with_suffix(".reached").touch()
        while gate.exists():
            time.sleep(0.05)
        return super().send_messages(email_messages)
