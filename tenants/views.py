from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from tenants.theme import theme_for


@require_GET
@cache_control(max_age=86400, public=True)
def theme_css(request):
    """The OPD's colours as CSS custom properties, so templates need no inline styles."""
    css = theme_for(request.tenant).as_css()
    return HttpResponse(css, content_type="text/css; charset=utf-8")
