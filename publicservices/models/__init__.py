from publicservices.models.catalogue import Service
from publicservices.models.survey import SurveyResponse

__all__ = ["Service", "SurveyResponse"]
