"""Default content of the pages app for a newly provisioned OPD."""


def seed_defaults() -> None:
    """Create the default pages in the current OPD schema (idempotent)."""
