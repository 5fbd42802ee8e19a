from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from core.pagecache import cache_anonymous_page
from publicservices.models import Service, ServiceMaklumat


@require_GET
@cache_anonymous_page
def service_list(request):
    context = {
        "services": list(Service.objects.published().for_listing()),
        "maklumat": ServiceMaklumat.current(),
    }
    return render(request, "publicservices/service_list.html", context)


@require_GET
@cache_anonymous_page
def service_detail(request, slug):
    service = get_object_or_404(
        Service.objects.published().prefetch_related("steps", "forms"), slug=slug
    )
    return render(request, "publicservices/service_detail.html", {"service": service})


@require_GET
@cache_anonymous_page
def maklumat(request):
    context = {"maklumat": ServiceMaklumat.current()}
    return render(request, "publicservices/maklumat.html", context)
