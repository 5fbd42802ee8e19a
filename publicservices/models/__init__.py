"""The publicservices app's models, one module per feature (the SKM survey comes later)."""

from publicservices.models.catalogue import (
    Service,
    ServiceMaklumat,
    ServiceQuerySet,
    ServiceStep,
)
from publicservices.models.survey import SurveyResponse

__all__ = ["Service", "ServiceMaklumat", "ServiceQuerySet", "ServiceStep", "SurveyResponse"]
