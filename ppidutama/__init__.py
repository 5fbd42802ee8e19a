"""The pemda-level PPID (issue #20): PPID Utama and the Atasan PPID on the main domain.

The citizens' front door at `/ppid/` (the DIP of every OPD, requests, objections, tracking),
the disposisi of requests to the OPDs' PPID Pelaksana, the pemda-wide figures and the annual
report. A shared app: it lives in the public schema and never imports a content app; what it
needs of an OPD's PPID goes through the registry or the public-schema records the OPD side
writes.
"""
