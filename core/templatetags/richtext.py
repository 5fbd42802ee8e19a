from django import template
from django.utils.safestring import mark_safe

from core.richtext import sanitize_html

register = template.Library()


@register.filter(is_safe=True)
def sanitize(value):
    """Render stored rich text through the allowlist (never use |safe on stored HTML)."""
    return mark_safe(sanitize_html(str(value) if value is not None else ""))
