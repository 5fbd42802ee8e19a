"""A session belongs to the schema it logged in on."""

from django.contrib.auth import logout
from django.db import connection

SESSION_SCHEMA_KEY = "_schema"


class SessionSchemaBindingMiddleware:
    """Log out a session that was authenticated in another schema (defence in depth).

    Sessions live in each schema's own table, so a cookie from OPD A normally finds nothing on
    OPD B; this catches any path where a session would still cross over.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            bound_schema = request.session.get(SESSION_SCHEMA_KEY)
            if bound_schema != connection.schema_name:
                logout(request)
        return self.get_response(request)


def bind_session_to_schema(sender, request, user, **kwargs):
    """user_logged_in receiver: remember in which schema the session was authenticated."""
    request.session[SESSION_SCHEMA_KEY] = connection.schema_name
