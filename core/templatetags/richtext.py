from django import template
from django.utils.safestring import mark_safe

from core.richtext import embed_videos, sanitize_html

register = template.Library()


@register.filter(is_safe=True)
def sanitize(value):
    """Render stored rich text through the allowlist (never use |safe on stored HTML), with
    YouTube videos as click-to-load blocks."""
    return mark_safe(embed_videos(sanitize_html(str(value) if value is not None else "")))
