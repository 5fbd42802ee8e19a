"""Makes the request being served available to audit.services.record()."""

from audit.services import _current_request


class AuditContextMiddleware:
    """Make the current request (its user and client IP) available to the audit receivers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)
