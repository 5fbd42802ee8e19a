# SKM (helper skm): the survey's scheduled work, found by procrastinate's autodiscovery here.
from publicservices.survey.tasks import record_all_skm_summaries, record_skm_summary

__all__ = ["record_all_skm_summaries", "record_skm_summary"]
