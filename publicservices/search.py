"""The services' share of the OPD's site search (core.search.SearchSource): its search reads a
`title` and a `body_text`."""

from django.db.models import F

from publicservices.models import Service


def searchable():
    return Service.objects.published().annotate(title=F("name"))
