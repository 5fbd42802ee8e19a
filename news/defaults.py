"""Default content of the news app for a newly provisioned OPD."""


def seed_defaults() -> None:
    """Create the default news categories in the current OPD schema (idempotent)."""
