import pytest
from django.core.cache import caches


@pytest.fixture
def review_off(opd_a):
    """opd_a publishes without review (the host cache would serve the old row otherwise)."""
    opd_a.require_article_review = False
    opd_a.save(update_fields=["require_article_review"])
    caches["shared"].clear()
    yield
    caches["shared"].clear()
