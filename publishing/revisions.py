"""Revisions of published content in the OPD admin: the "Riwayat" page (who saved what, when),
a readable diff between two revisions and restoring one.

The rows are django-simple-history's (`history = HistoricalRecords(...)` on the model; README,
Dependencies), kept in the OPD's schema beside the content. Restoring copies a revision's content
fields back and saves through publishing.services.publish_content, so the content guard screens
it, the index follows and the audit log records it like any other save.
"""

import difflib
import html
import re

import nh3
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from publishing.services import publish_content

HISTORY_PAGE_SIZE = 50


def revision_label(record) -> str:
    """What a revision was, as an operator reads it."""
    if record.history_change_reason:
        return record.history_change_reason
    return {
        "+": _("Dibuat"),
        "~": _("Diubah"),
        "-": _("Dihapus"),
    }.get(record.history_type, "")


def _display(record, field) -> str:
    if field.is_relation:
        related = getattr(record, field.name, None)
        return str(related) if related is not None else "—"
    value = getattr(record, field.attname)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Ya") if value else _("Tidak")
    if hasattr(value, "tzinfo"):
        return date_format(timezone.localtime(value), "j F Y H.i")
    return str(value)


_BLOCK_END = re.compile(r"<(br|/p|/h\d|/li|/td|/th|/tr|/figcaption|/blockquote|/pre)[^>]*>", re.I)


def text_lines(value: str) -> list[str]:
    """A rich-text body as the lines of text a reader sees: one per paragraph, heading, list
    item or table row, tags dropped (no HTML soup in the diff)."""
    text = nh3.clean(_BLOCK_END.sub(lambda match: match.group(0) + "\n", value or ""), tags=set())
    lines = (re.sub(r"\s+", " ", line).strip() for line in html.unescape(text).split("\n"))
    return [line for line in lines if line]


def text_diff(old_lines: list[str], new_lines: list[str]) -> list[tuple[str, str]]:
    """Two texts' lines, each marked "same", "removed" or "added"."""
    rows = []
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows += [("same", line) for line in old_lines[i1:i2]]
            continue
        rows += [("removed", line) for line in old_lines[i1:i2]]
        rows += [("added", line) for line in new_lines[j1:j2]]
    return rows


def compare(older, newer, field_names) -> list[dict]:
    """The fields that differ between two revisions, with Indonesian labels; rich text is
    compared as the text a reader sees, line by line."""
    changes = []
    for name in field_names:
        field = newer.instance_type._meta.get_field(name)
        label = capfirst(field.verbose_name)
        if name == "body":
            old_lines, new_lines = text_lines(older.body), text_lines(newer.body)
            if old_lines != new_lines:
                changes.append({"label": label, "lines": text_diff(old_lines, new_lines)})
            continue
        old, new = _display(older, field), _display(newer, field)
        if old != new:
            changes.append({"label": label, "old": old, "new": new})
    return changes


class RevisionsAdminMixin:
    """For the OPD admin of a publishable model with `history = HistoricalRecords()`, after
    PublishingAdminMixin. `revision_fields`: what the diff shows; `restored_fields`: what
    restoring copies back (content, not the publication status or the cover file)."""

    revision_fields: tuple[str, ...] = ()
    restored_fields: tuple[str, ...] = ()

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/riwayat/<int:history_id>/",
                self.admin_site.admin_view(self.revision_view),
                name="{}_{}_revision".format(*info),
            ),
            path(
                "<path:object_id>/riwayat/<int:history_id>/pulihkan/",
                self.admin_site.admin_view(require_POST(self.restore_view)),
                name="{}_{}_restore".format(*info),
            ),
            *super().get_urls(),
        ]

    def _object_or_404(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def _context(self, request, obj, title):
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "subtitle": str(obj),
            "object": obj,
            "opts": self.opts,
            "can_restore": self.has_change_permission(request, obj),
            "change_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk]
            ),
            "history_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_history", args=[obj.pk]
            ),
        }

    def history_view(self, request, object_id, extra_context=None):
        obj = self._object_or_404(request, object_id)
        records = list(obj.history.select_related("history_user")[:HISTORY_PAGE_SIZE])
        rows = []
        for index, record in enumerate(records):
            previous = records[index + 1] if index + 1 < len(records) else None
            rows.append(
                {
                    "record": record,
                    "label": revision_label(record),
                    "user": record.history_user,
                    "is_current": index == 0,
                    "has_previous": previous is not None,
                }
            )
        context = {
            **self._context(request, obj, _("Riwayat revisi")),
            "rows": rows,
            "url_name": f"admin:{self.opts.app_label}_{self.opts.model_name}",
        }
        return TemplateResponse(request, "admin/publishing/revision_history.html", context)

    def revision_view(self, request, object_id, history_id):
        """One revision compared with the one before it, or with `?dengan=<id>`."""
        obj = self._object_or_404(request, object_id)
        history = obj.history.select_related("history_user")
        record = get_object_or_404(history, history_id=history_id)
        other_id = request.GET.get("dengan", "")
        if other_id.isascii() and other_id.isdigit():
            other = get_object_or_404(history, history_id=int(other_id))
        else:
            other = history.filter(history_date__lt=record.history_date).first()
        older, newer = other, record
        if other is not None and other.history_date > record.history_date:
            older, newer = record, other
        changes = compare(older, newer, self.revision_fields) if older is not None else []
        context = {
            **self._context(request, obj, _("Perbandingan revisi")),
            "record": record,
            "older": older,
            "newer": newer,
            "older_label": revision_label(older) if older is not None else "",
            "newer_label": revision_label(newer),
            "changes": changes,
            "restore_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_restore",
                args=[obj.pk, record.history_id],
            ),
        }
        return TemplateResponse(request, "admin/publishing/revision_diff.html", context)

    def restore_view(self, request, object_id, history_id):
        obj = self._object_or_404(request, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        record = get_object_or_404(obj.history.all(), history_id=history_id)
        for name in self.restored_fields:
            field = self.opts.get_field(name)
            setattr(obj, field.attname, getattr(record, field.attname))
        when = date_format(timezone.localtime(record.history_date), "j F Y H.i")
        obj._history_user = request.user
        obj._change_reason = _("Dipulihkan dari revisi %(when)s") % {"when": when}
        self.warn_if_held(request, obj, publish_content(obj))
        self.message_user(
            request,
            _("Isi revisi %(when)s dipulihkan.") % {"when": when},
            messages.SUCCESS,
        )
        return redirect(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", obj.pk)
