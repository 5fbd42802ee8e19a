from django.db.models import Prefetch
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.pagecache import cache_anonymous_page
from faq.models import FaqGroup, FaqItem


def groups_with_items() -> list[FaqGroup]:
    """The groups that have a published question, each with its questions (two queries)."""
    groups = FaqGroup.objects.prefetch_related(
        Prefetch("items", queryset=FaqItem.objects.published().order_by("position", "pk"))
    )
    return [group for group in groups if group.items.all()]


@require_GET
@cache_anonymous_page
def faq_list(request):
    return render(request, "faq/faq.html", {"groups": groups_with_items()})
