"""Helpers of the SKM tests: a service to rate, answers, the questionnaire's POST data."""

import time

from publicservices.models.survey import SurveyResponse
from publicservices.survey.elements import FIELDS
from publicservices.survey.forms import started_token


def make_service(name: str, slug: str):
    from publicservices.models.catalogue import Service

    return Service.objects.create(name=name, slug=slug)


def make_response(service, score: int = 3, **fields) -> SurveyResponse:
    scores = {name: fields.pop(name, score) for name in FIELDS}
    return SurveyResponse.objects.create(service=service, **scores, **fields)


def answers(score: int = 4, **overrides) -> dict:
    """What a citizen's phone sends: nine scores, a form shown ten seconds ago."""
    data = {name: str(score) for name in FIELDS}
    data.update(
        gender="P",
        age_group="30-39",
        education="s1",
        occupation="wirausaha",
        suggestion="Pelayanan cepat.",
        website="",
        started=started_token(time.time() - 10),
    )
    data.update(overrides)
    return data
