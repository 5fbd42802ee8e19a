from django.db.models import Q
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tenants.models import Opd


def _listed_opds():
    return (
        Opd.objects.filter(is_active=True).exclude(kind=Opd.Kind.PORTAL).prefetch_related("domains")
    )


@require_GET
def portal_home(request):
    opds = _listed_opds()
    groups = {}
    for opd in opds:
        groups.setdefault(opd.get_kind_display(), []).append(opd)
    return render(request, "portal/home.html", {"opd_groups": sorted(groups.items())})


@require_GET
def opd_directory(request):
    query = request.GET.get("q", "").strip()[:100]
    kind = request.GET.get("jenis", "")
    opds = _listed_opds()
    if query:
        opds = opds.filter(Q(name__icontains=query) | Q(short_name__icontains=query))
    if kind in Opd.Kind.values:
        opds = opds.filter(kind=kind)
    kinds = [(value, label) for value, label in Opd.Kind.choices if value != Opd.Kind.PORTAL]
    return render(
        request,
        "portal/opd_directory.html",
        {"opds": opds, "query": query, "kind": kind, "kinds": kinds},
    )
