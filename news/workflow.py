"""The editorial workflow: an Operator Berita submits an article for review; whoever holds
`news.publish_article` (the Admin OPD role by default) approves and publishes it, or sends it
back with a note its author reads. An OPD that wants no review switches it off
(`Opd.require_article_review`): then everyone who may change articles publishes directly.

Every step saves through publishing.services.publish_content, so it is screened by the content
guard, indexed and written to the audit log (the status change and the note are in the event);
the e-mails are queued in the same transaction (core.mail).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from core.mail import queue_mail
from core.tenancy import current_opd
from news.models import Article
from publishing.services import Outcome, publish_content

PUBLISH_PERMISSION = "news.publish_article"


def review_required() -> bool:
    """Whether the current OPD reviews articles before they are published."""
    opd = current_opd()
    return bool(opd is None or opd.require_article_review)


def can_publish(user) -> bool:
    """Whether `user` may publish articles (and approve or send back) in the current OPD."""
    if not user.has_perm("news.change_article"):
        return False
    return not review_required() or user.has_perm(PUBLISH_PERMISSION)


def reviewers():
    """The active users of this OPD who may approve articles."""
    permission = Permission.objects.get(content_type__app_label="news", codename="publish_article")
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(user_permissions=permission)
            | Q(groups__permissions=permission)
        )
        .exclude(email="")
        .distinct()
    )


def _admin_url(article: Article) -> str:
    path = reverse("admin:news_article_change", args=[article.pk])
    return connection.tenant.site_url(path)


def _save(article: Article, *, by, reason: str) -> Outcome:
    article.full_clean()
    article._history_user = by
    article._change_reason = reason
    return publish_content(article)


@transaction.atomic
def submit_for_review(*, article: Article, by) -> Outcome:
    """The author asks for the article to be reviewed; the reviewers are e-mailed."""
    if not by.has_perm("news.change_article"):
        raise PermissionDenied
    if article.status == Article.Status.PUBLISHED:
        raise ValidationError(_("Artikel ini sudah terbit."))
    article.status = Article.Status.REVIEW
    article.review_note = ""
    if article.author_id is None:
        article.author = by
    outcome = _save(article, by=by, reason=_("Diajukan untuk ditinjau"))
    if article.status == Article.Status.REVIEW:
        queue_mail(
            template="news/email/review_requested",
            context={
                "article": article,
                "by": by,
                "opd": current_opd(),
                "url": _admin_url(article),
            },
            to=list(reviewers().exclude(pk=by.pk).values_list("email", flat=True)),
        )
    return outcome


@transaction.atomic
def approve(*, article: Article, by) -> Outcome:
    """A reviewer publishes the article (at its `published_at`, now or later)."""
    if not can_publish(by):
        raise PermissionDenied
    article.status = Article.Status.PUBLISHED
    article.review_note = ""
    outcome = _save(article, by=by, reason=_("Disetujui dan diterbitkan"))
    if not outcome.held:
        _tell_author(article, by=by, template="news/email/published")
    return outcome


@transaction.atomic
def send_back(*, article: Article, by, note: str) -> Outcome:
    """A reviewer returns the article to its author as a draft, saying what to change."""
    if not can_publish(by):
        raise PermissionDenied
    note = note.strip()
    if not note:
        raise ValidationError(
            {"review_note": _("Tulis catatan untuk penulis: apa yang perlu diperbaiki.")}
        )
    article.status = Article.Status.DRAFT
    article.review_note = note
    outcome = _save(article, by=by, reason=_("Dikembalikan ke penulis"))
    _tell_author(article, by=by, template="news/email/sent_back")
    return outcome


def _tell_author(article: Article, *, by, template: str) -> None:
    author = article.author
    if author is None or author.pk == by.pk or not author.email or not author.is_active:
        return
    queue_mail(
        template=template,
        context={"article": article, "by": by, "opd": current_opd(), "url": _admin_url(article)},
        to=[author.email],
    )
