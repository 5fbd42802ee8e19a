"""What the OPD admin's first screen says about news (core.registry.DashboardItem)."""

from django.urls import reverse
from django.utils.translation import ngettext

from core.registry import DashboardItem
from news import workflow
from news.models import Article


def dashboard_items(request) -> list[DashboardItem]:
    user = request.user
    if not user.has_perm("news.change_article"):
        return []
    changelist = reverse("admin:news_article_changelist")
    items = []
    if workflow.review_required() and user.has_perm(workflow.PUBLISH_PERMISSION):
        waiting = Article.objects.awaiting_review().count()
        if waiting:
            items.append(
                DashboardItem(
                    label=ngettext(
                        "%(count)d berita menunggu tinjauan",
                        "%(count)d berita menunggu tinjauan",
                        waiting,
                    )
                    % {"count": waiting},
                    url=f"{changelist}?tinjauan=menunggu",
                    count=waiting,
                )
            )
    returned = Article.objects.sent_back().filter(author=user).count()
    if returned:
        items.append(
            DashboardItem(
                label=ngettext(
                    "%(count)d draf Anda dikembalikan",
                    "%(count)d draf Anda dikembalikan",
                    returned,
                )
                % {"count": returned},
                url=f"{changelist}?tinjauan=dikembalikan&author__id__exact={user.pk}",
                count=returned,
            )
        )
    return items
