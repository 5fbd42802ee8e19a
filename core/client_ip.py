"""The client's IP address, as the log-in throttle and the audit log record it."""

from django.conf import settings


def client_ip(request) -> str | None:
    """REMOTE_ADDR, or the address the outermost trusted proxy saw.

    With PORTAL_TRUSTED_PROXY_COUNT = N (> 0) the app trusts the last N entries of
    X-Forwarded-For, which its own proxies appended; the N-th entry from the right is the client.
    Entries further left were sent by the client and could be forged, so they are never used.
    """
    trusted = settings.PORTAL_TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if trusted > 0 and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-trusted] if len(hops) >= trusted else hops[0]
    return request.META.get("REMOTE_ADDR") or None
