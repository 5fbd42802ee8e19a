"""PPID Utama's tables (public schema): each module holds one part of the pemda-level PPID."""

from ppidutama.models.dip import DipEntry
from ppidutama.models.frontdoor import HeldApplicant, Hop, PemdaRequest, RegistrationCounter
from ppidutama.models.objections import PemdaObjection
from ppidutama.models.records import ObjectionRecord, RequestRecord
from ppidutama.models.reports import AnnualReportNarrative

__all__ = [
    "AnnualReportNarrative",
    "DipEntry",
    "HeldApplicant",
    "Hop",
    "ObjectionRecord",
    "PemdaObjection",
    "PemdaRequest",
    "RegistrationCounter",
    "RequestRecord",
]
