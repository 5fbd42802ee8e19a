"""The Prometheus metrics endpoint (/metrics on any host): django-prometheus' request metrics,
for the internal network or a bearer token only.

Allowed when the client IP (core.client_ip: REMOTE_ADDR, or the address the trusted proxies
saw) is loopback or private (RFC 1918, IPv6 unique-local/link-local), which is where Prometheus
scrapes the web nodes from, or when the request carries `Authorization: Bearer <METRICS_TOKEN>`.
deploy/Caddyfile refuses /metrics at the public edge as well, so a proxy set-up that hides the
client's address (PORTAL_TRUSTED_PROXY_COUNT too low) still never exposes it.
"""

import hmac
import ipaddress

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest
from django_prometheus.exports import ExportToDjangoView
from django_prometheus.middleware import PrometheusAfterMiddleware

from core.client_ip import client_ip


def _is_internal(address: str | None) -> bool:
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_loopback or ip.is_private or ip.is_link_local


def _has_token(request) -> bool:
    token = settings.METRICS_TOKEN
    scheme, _space, given = request.headers.get("Authorization", "").partition(" ")
    return (
        bool(token)
        and scheme.lower() == "bearer"
        and hmac.compare_digest(given.strip().encode(), token.encode())
    )


def may_read_metrics(request) -> bool:
    return _has_token(request) or _is_internal(client_ip(request))


def metrics(request):
    if not may_read_metrics(request):
        return HttpResponse(status=404)
    return ExportToDjangoView(request)


class RequestMetricsMiddleware(PrometheusAfterMiddleware):
    """django-prometheus' request metrics. It reads Content-Length with a bare int(): a request
    whose header is not a number is refused as malformed (400) here instead of raising (500)."""

    def process_request(self, request):
        length = request.headers.get("content-length") or "0"
        if not (length.isascii() and length.isdigit()):
            return HttpResponseBadRequest()
        return super().process_request(request)
