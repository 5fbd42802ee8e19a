"""PPID Utama's tables (public schema): each module holds one part of the pemda-level PPID."""

from ppidutama.models.records import ObjectionRecord, RequestRecord

__all__ = ["ObjectionRecord", "RequestRecord"]
