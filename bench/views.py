from django.http import HttpResponse


def minimal(request):
    """The smallest Django view: no template, no query of its own."""
    return HttpResponse(b"ok", content_type="text/plain")
