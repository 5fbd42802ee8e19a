"""Every answer updates the OPD's IKM the console shows."""

from django.db.models.signals import post_delete, post_save

from publicservices.models.survey import SurveyResponse
from publicservices.survey.summary import record_ikm


def connect() -> None:
    for signal in (post_save, post_delete):
        uid = signal is post_save
        signal.connect(record_ikm, sender=SurveyResponse, dispatch_uid=f"skm-summary-{uid}")
