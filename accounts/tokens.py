from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.db import connection


class SchemaBoundTokenGenerator(PasswordResetTokenGenerator):
    """Password tokens that are only valid in the schema (OPD) that issued them.

    Users of different OPDs may share a primary key; binding the token to the schema makes sure a
    link issued for OPD A can never set a password on OPD B.
    """

    key_salt = "accounts.tokens.SchemaBoundTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return f"{connection.schema_name}:{super()._make_hash_value(user, timestamp)}"


set_password_token_generator = SchemaBoundTokenGenerator()
