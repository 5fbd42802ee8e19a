"""The content guard: published OPD content that looks injected (gambling spam, hidden links,
links outside the domains Kominfo allows) is kept as a draft and reported, never published.

`inspect_html()` is a pure function. Guarded models (news.Article, pages.Page,
ppid.PublicInformation) wrap their `save()` in `screening()`, which holds suspicious content
*instead of* publishing it: the operator's text is always saved (as a draft), a `ContentHold`
records why, and the OPD's admins and Kominfo get an e-mail. Kominfo releases (republishes) or
rejects a hold in the console. A guarded model provides:

- `guard_kind` (its content kind in core.registry) and `guard_publish_field` (the field that
  publishes it);
- `guard_html()`: everything citizens would read, as HTML;
- `guard_is_published()` and `guard_set_published(published)`.
"""

import hashlib
import logging
import re
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django_tenants.utils import get_public_schema_name, schema_context, tenant_context

from accounts import roles
from accounts.models import OperatorAccount
from core import registry
from core.links import portal_url
from core.mail import send_templated_mail
from core.tenancy import current_opd
from guard.models import AllowedLinkDomain, ContentHold
from tenants.models import Domain, Opd

logger = logging.getLogger(__name__)

# Slang of gambling-spam injections: next to never in genuine government writing.
STRONG_SPAM_TERMS = (
    "gacor", "maxwin", "sbobet", "slot88", "slot777", "bocoran rtp", "rtp live",
    "rtp slot", "scatter hitam", "mahjong ways", "kakek zeus", "gates of olympus",
    "pragmatic play", "deposit pulsa", "link alternatif", "toto macau", "anti rungkad",
    "server thailand", "jp paus", "akun pro", "bandar togel", "agen slot",
)  # fmt: skip
# Words that news about gambling (or about time slots, airports, people called Toto) also uses:
# they only count together with other signals.
WEAK_SPAM_TERMS = (
    "slot", "judi", "judol", "togel", "toto", "zeus", "scatter", "casino", "kasino", "bandar",
    "taruhan", "jackpot", "rtp", "depo", "bet", "olympus",
)  # fmt: skip
STRONG_WEIGHT, WEAK_WEIGHT = 3, 1
# Plain text is spam from this score on, and only with at least one strong term: "slot gacor
# maxwin" is, "pemberantasan judi online, slot dan togel" is not.
TEXT_SPAM_SCORE = 6
# Link text or URL is spam with one strong term, or with two different weak ones.
LINK_SPAM_SCORE = 2
EVIDENCE_CHARS = 80
SAFE_SCHEMES = frozenset({"mailto", "tel"})
WEB_SCHEMES = frozenset({"http", "https"})
UNSAFE_TAGS = frozenset({"script", "iframe", "object", "embed", "form", "meta", "base", "frame"})
VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr", "param"}
)  # fmt: skip
_LEET = str.maketrans({"4": "a", "@": "a", "0": "o", "3": "e", "1": "i", "$": "s", "5": "s"})
_BARE_URL = re.compile(r"(?:https?://|(?<![\w.@/])www\.)[^\s<>\"']+", re.IGNORECASE)
_LENGTH = re.compile(r"^(-?\d*\.?\d+)\s*(px|pt|em|rem|%|vw|vh|ex|ch)?$")


@dataclass(frozen=True)
class Finding:
    """One reason to hold content: a code for machines, a sentence and evidence for people."""

    code: str
    message: str
    evidence: str = ""

    def as_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "evidence": self.evidence}


def _term_pattern(term: str) -> re.Pattern:
    words = r"\s+".join(re.escape(word) for word in term.translate(_LEET).split())
    # Letters may not touch a term (so "slot" is not in "slotnya"... nor "beton"), digits may
    # ("slot88", "gacor77").
    return re.compile(rf"(?<![a-z]){words}(?![a-z])")


_STRONG = tuple((term, _term_pattern(term)) for term in STRONG_SPAM_TERMS)
_WEAK = tuple((term, _term_pattern(term)) for term in WEAK_SPAM_TERMS)


def spam_terms(text: str) -> tuple[int, list[str]]:
    """The spam score of `text` and the distinct terms found (leetspeak such as g4c0r too)."""
    normalised = re.sub(r"[\s_\-.]+", " ", text.lower()).translate(_LEET)
    found_strong = [term for term, pattern in _STRONG if pattern.search(normalised)]
    found_weak = [term for term, pattern in _WEAK if pattern.search(normalised)]
    score = STRONG_WEIGHT * len(found_strong) + WEAK_WEIGHT * len(found_weak)
    return score, found_strong + found_weak


def is_domain_allowed(host: str, allowed_domains) -> bool:
    """True when `host` is an allowed domain or a subdomain of one."""
    host = host.lower().strip(".")
    labels = host.split(".")
    return any(".".join(labels[i:]) in allowed_domains for i in range(len(labels)))


def _link_target(href: str) -> tuple[str, str]:
    """("internal" | "web" | "scheme", host or scheme) for a link's href, as a browser reads it."""
    href = re.sub(r"[\x00-\x20]", "", href).replace("\\", "/")
    if not href or href.startswith(("#", "?")):
        return "internal", ""
    scheme_match = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", href)
    scheme = scheme_match.group(1).lower() if scheme_match else ""
    if scheme in SAFE_SCHEMES:
        return "internal", ""
    if scheme and scheme not in WEB_SCHEMES:
        return "scheme", scheme
    if not scheme and not href.startswith("//"):
        return "internal", ""
    try:
        host = urlsplit(href if scheme else f"http:{href}").hostname or ""
    except ValueError:
        return "scheme", "invalid"
    with suppress(UnicodeError):
        host = host.encode("idna").decode("ascii")
    return ("web", host) if host else ("internal", "")


def _length_px(value: str) -> float | None:
    match = _LENGTH.match(value.strip().lower())
    if not match:
        return None
    number, unit = float(match.group(1)), match.group(2) or "px"
    factor = {"px": 1, "pt": 4 / 3, "em": 16, "rem": 16, "%": 0.16, "ex": 8, "ch": 8}
    return number * factor.get(unit, 10)


def _parse_style(style: str) -> dict[str, str]:
    declarations = {}
    for declaration in style.split(";"):
        name, sep, value = declaration.partition(":")
        if sep:
            declarations[name.strip().lower()] = value.replace("!important", "").strip().lower()
    return declarations


def _hidden_reason(tag: str, attrs: dict[str, str]) -> str | None:
    """Why an element is invisible to readers (but not to search engines), or None."""
    if "hidden" in attrs:
        return "hidden"
    if tag in ("template", "noscript"):
        return f"<{tag}>"
    style = _parse_style(attrs.get("style") or "")
    if style.get("display") == "none":
        return "display:none"
    if style.get("visibility") in ("hidden", "collapse"):
        return f"visibility:{style['visibility']}"
    try:
        if float(style.get("opacity", "1")) < 0.1:
            return "opacity"
    except ValueError:
        pass
    font_size = _length_px(style.get("font-size", ""))
    if font_size is not None and font_size <= 1:
        return f"font-size:{style['font-size']}"
    for offset in ("text-indent", "left", "top", "margin-left", "margin-top", "right"):
        length = _length_px(style.get(offset, ""))
        if length is not None and length <= -100:
            return f"{offset}:{style[offset]}"
    if style.get("overflow") in ("hidden", "clip"):
        for dimension in ("height", "max-height", "width", "max-width"):
            length = _length_px(style.get(dimension, ""))
            if length is not None and length <= 1:
                return f"{dimension}:{style[dimension]}"
    colour = style.get("color")
    if colour and colour == style.get("background-color", style.get("background")):
        return "color=background"
    return None


@dataclass
class _Link:
    href: str
    hidden: str | None
    text: str = ""


class _Scanner(HTMLParser):
    """Collects visible text, hidden text, links and unsafe tags of an HTML fragment."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.links: list[_Link] = []
        self.visible: list[str] = []
        self.hidden: list[tuple[str, str]] = []
        self.unsafe: set[str] = set()
        self._open_links: list[_Link] = []
        self._raw_text = 0

    @property
    def _hidden(self) -> str | None:
        return self.stack[-1][1] if self.stack else None

    def handle_starttag(self, tag, attrs):
        attributes = {name.lower(): value or "" for name, value in attrs}
        hidden = self._hidden or _hidden_reason(tag, attributes)
        if tag in UNSAFE_TAGS:
            self.unsafe.add(tag)
        if tag == "a":
            link = _Link(href=attributes.get("href", ""), hidden=hidden)
            self.links.append(link)
            self._open_links.append(link)
            if hidden:
                self.hidden.append((hidden, attributes.get("href", "")))
        if tag in ("script", "style"):
            self._raw_text += 1
        if tag not in VOID_TAGS:
            self.stack.append((tag, hidden))

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._raw_text:
            self._raw_text -= 1
        if tag == "a" and self._open_links:
            self._open_links.pop()
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if self._raw_text or not data.strip():
            return
        if self._hidden:
            self.hidden.append((self._hidden, data))
        else:
            self.visible.append(data)
        for link in self._open_links:
            link.text += data


def _evidence(text: str) -> str:
    return Truncator(re.sub(r"\s+", " ", text).strip()).chars(EVIDENCE_CHARS)


def inspect_html(html: str, *, allowed_domains) -> list[Finding]:
    """Reasons to hold `html` (empty when it looks genuine).

    - `hidden_content`: text or links in an element readers cannot see (display:none, font-size
      0, off-screen indent, same colour as the background, ...): the classic injected link;
    - `external_link`: a link (or a bare URL in the text) to a domain outside `allowed_domains`
      (an entry allows its subdomains too), or to a non-web scheme;
    - `spam_link`: a link whose text or URL reads like gambling spam, wherever it points (spam
      often sits on hacked .go.id sites);
    - `spam_text`: gambling-spam slang in the text itself (several terms, at least one that only
      spam uses);
    - `unsafe_markup`: scripts, frames, forms (only in content written around the sanitiser).
    """
    scanner = _Scanner()
    scanner.feed(html or "")
    scanner.close()
    findings: list[Finding] = []

    reasons = sorted({reason for reason, _text in scanner.hidden})
    if reasons:
        findings.append(
            Finding(
                "hidden_content",
                _("Ada teks atau tautan tersembunyi (%(how)s).") % {"how": ", ".join(reasons)},
                _evidence(" ".join(text for _reason, text in scanner.hidden)),
            )
        )

    visible_text = " ".join(scanner.visible)
    targets = [(link.href, link.text) for link in scanner.links]
    # Bare URLs in the text count when they name an Internet domain ("http://intranet" does not).
    targets += [
        (url, url)
        for url in _BARE_URL.findall(visible_text)
        if "." in (_link_target(url if "://" in url else f"http://{url}")[1] or "")
    ]
    foreign: dict[str, str] = {}
    spam_links: list[str] = []
    for href, text in targets:
        if href.lower().startswith("www."):
            href = f"http://{href}"
        kind, where = _link_target(href)
        if kind == "scheme":
            foreign.setdefault(f"{where}:", href)
        elif kind == "web" and not is_domain_allowed(where, allowed_domains):
            foreign.setdefault(where, href)
        score, _terms = spam_terms(f"{text} {href}")
        if score >= LINK_SPAM_SCORE:
            spam_links.append(f"{text.strip()} → {href}")
    if foreign:
        findings.append(
            Finding(
                "external_link",
                _("Tautan ke domain yang tidak ada dalam daftar yang diizinkan Kominfo: %(d)s.")
                % {"d": ", ".join(sorted(foreign))},
                _evidence(" ".join(foreign.values())),
            )
        )
    if spam_links:
        findings.append(
            Finding(
                "spam_link",
                _("Tautan dengan kata-kata khas spam judi."),
                _evidence("; ".join(spam_links)),
            )
        )

    score, terms = spam_terms(visible_text)
    if score >= TEXT_SPAM_SCORE and any(term in STRONG_SPAM_TERMS for term in terms):
        findings.append(
            Finding(
                "spam_text",
                _("Teks memuat istilah khas spam judi: %(terms)s.") % {"terms": ", ".join(terms)},
                _evidence(visible_text),
            )
        )
    if scanner.unsafe:
        findings.append(
            Finding(
                "unsafe_markup",
                _("Ada elemen yang tidak diizinkan: %(tags)s.")
                % {"tags": ", ".join(sorted(scanner.unsafe))},
            )
        )
    return findings


def allowed_domains() -> frozenset[str]:
    """Kominfo's allowlist plus the portal domain and every OPD domain (one query each)."""
    return frozenset(
        {
            *AllowedLinkDomain.objects.values_list("domain", flat=True),
            *Domain.objects.values_list("domain", flat=True),
            settings.PORTAL_DOMAIN,
        }
    )


def content_hash(instance) -> str:
    return hashlib.sha256(instance.guard_html().encode()).hexdigest()


def _holds_of(opd: Opd, instance):
    return ContentHold.objects.filter(opd=opd, kind=instance.guard_kind, object_id=instance.pk)


@contextmanager
def screening(instance, save_kwargs: dict):
    """Wrap a guarded model's `super().save()`: suspicious content is saved unpublished and held.

    The guard never stops the save: if inspecting fails, the failure is logged and the content
    is saved as the operator asked.
    """
    findings: list[Finding] = []
    opd = None
    approved = getattr(instance, "_guard_approved", False)
    if instance.guard_is_published() and not approved:
        try:
            opd = current_opd()
            if opd is not None:
                findings = inspect_html(instance.guard_html(), allowed_domains=allowed_domains())
        except Exception:
            logger.exception("Content guard failed on %s %s", instance.guard_kind, instance.pk)
            findings = []
        if findings and instance.pk:
            released = _holds_of(opd, instance).filter(
                status=ContentHold.Status.RELEASED, content_hash=content_hash(instance)
            )
            if released.exists():
                findings = []
        if findings:
            instance.guard_set_published(False)
            if save_kwargs.get("update_fields") is not None:
                save_kwargs["update_fields"] = {
                    *save_kwargs["update_fields"],
                    instance.guard_publish_field,
                }
    instance.guard_findings = findings
    yield
    if findings:
        _record_hold(opd, instance, findings)
    elif instance.guard_is_published() and not approved and opd is not None:
        # Published cleanly (the OPD removed what was held): the hold is settled.
        _holds_of(opd, instance).filter(status=ContentHold.Status.HELD).update(
            status=ContentHold.Status.CLEARED, resolved_at=timezone.now(), resolved_by=""
        )


def _record_hold(opd: Opd, instance, findings: list[Finding]) -> ContentHold:
    as_dicts = [finding.as_dict() for finding in findings]
    hold = _holds_of(opd, instance).filter(status=ContentHold.Status.HELD).first()
    changed = hold is None or hold.findings != as_dicts
    if hold is None:
        hold = ContentHold(opd=opd, kind=instance.guard_kind, object_id=instance.pk)
    hold.title = Truncator(str(instance)).chars(300)
    hold.findings = as_dicts
    hold.content_hash = content_hash(instance)
    hold.held_at = timezone.now()
    hold.save()
    logger.warning(
        "Content guard held %s %s of %s: %s",
        instance.guard_kind,
        instance.pk,
        opd.schema_name,
        ", ".join(finding.code for finding in findings),
    )
    if changed:
        hold_id = hold.pk
        transaction.on_commit(lambda: notify_hold(hold_id))
    return hold


def hold_content(instance, findings: list[Finding]) -> ContentHold:
    """Unpublish `instance` (in the current OPD schema) and hold it: what `scan_content` does."""
    opd = current_opd()
    with transaction.atomic():
        instance.guard_set_published(False)
        instance.save()
        return _record_hold(opd, instance, findings)


def guarded_models() -> dict[str, type]:
    """Content kind → the guarded model: every publishable kind of the registry."""
    return {publishable.kind: publishable.model for publishable in registry.publishables()}


def _resolve(hold: ContentHold, *, status: str, by: str) -> None:
    hold.status = status
    hold.resolved_at = timezone.now()
    hold.resolved_by = by
    hold.save(update_fields=["status", "resolved_at", "resolved_by", "content_hash"])


@transaction.atomic
def release_hold(*, hold: ContentHold, by: str) -> None:
    """Kominfo reviewed the content and found it genuine: publish it as it is stored now."""
    if not hold.is_open:
        raise ValidationError(_("Penahanan ini sudah diselesaikan."))
    model = guarded_models()[hold.kind]
    with tenant_context(hold.opd):
        instance = model.objects.filter(pk=hold.object_id).first()
        if instance is None:
            raise ValidationError(_("Konten ini sudah dihapus oleh OPD."))
        _resolve(hold, status=ContentHold.Status.RELEASED, by=by)
        instance.guard_set_published(True)
        instance._guard_approved = True
        instance.save()
        # A later save of exactly this content is not held again; any edit is inspected anew.
        hold.content_hash = content_hash(instance)
        hold.save(update_fields=["content_hash"])


@transaction.atomic
def reject_hold(*, hold: ContentHold, by: str) -> None:
    """Kominfo confirmed the content is unwanted: it stays a draft for the OPD to clean up."""
    if not hold.is_open:
        raise ValidationError(_("Penahanan ini sudah diselesaikan."))
    _resolve(hold, status=ContentHold.Status.REJECTED, by=by)


def kominfo_recipients() -> list[str]:
    """KOMINFO_ALERT_EMAIL, or else the e-mail of every active Kominfo superuser."""
    if settings.KOMINFO_ALERT_EMAILS:
        return list(settings.KOMINFO_ALERT_EMAILS)
    with schema_context(get_public_schema_name()):
        return list(
            get_user_model()
            .objects.filter(is_superuser=True, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )


def opd_admin_recipients(opd: Opd) -> list[str]:
    return list(
        OperatorAccount.objects.filter(opd=opd, is_active=True, roles__contains=roles.ADMIN_OPD)
        .exclude(email="")
        .values_list("email", flat=True)
    )


def notify_hold(hold_id: int) -> None:
    """E-mail the OPD's admins and Kominfo about a hold (after the save commits)."""
    with schema_context(get_public_schema_name()):
        hold = ContentHold.objects.select_related("opd").filter(pk=hold_id).first()
        if hold is None:
            return
        console_path = reverse(
            "console:guard_contenthold_change",
            args=[hold.pk],
            urlconf=settings.PUBLIC_SCHEMA_URLCONF,
        )
        messages_to_send = [
            ("guard/email/hold_opd", opd_admin_recipients(hold.opd)),
            ("guard/email/hold_kominfo", kominfo_recipients()),
        ]
    context = {"hold": hold, "console_url": portal_url(console_path)}
    for template, recipients in messages_to_send:
        # A failure is logged by the helper; the hold stands whether or not the mail went out.
        send_templated_mail(template=template, context=context, to=recipients)


@dataclass(frozen=True)
class ScanResult:
    opd: Opd
    kind: str
    object_id: int
    title: str
    findings: list[Finding]
    action: str  # "held", "would hold", "released" (Kominfo approved this exact content)


def scan_opd(opd: Opd, *, domains=None, dry_run: bool = False) -> list[ScanResult]:
    """Inspect every published item of `opd`; hold the suspicious ones unless `dry_run`."""
    results = []
    with tenant_context(opd):
        domains = allowed_domains() if domains is None else domains
        for kind, model in guarded_models().items():
            suspicious = []
            for instance in model.objects.all().iterator(chunk_size=200):
                if instance.guard_is_published():
                    findings = inspect_html(instance.guard_html(), allowed_domains=domains)
                    if findings:
                        suspicious.append((instance, findings))
            for instance, findings in suspicious:
                if (
                    _holds_of(opd, instance)
                    .filter(status=ContentHold.Status.RELEASED, content_hash=content_hash(instance))
                    .exists()
                ):
                    action = "released"
                elif dry_run:
                    action = "would hold"
                else:
                    hold_content(instance, findings)
                    action = "held"
                results.append(ScanResult(opd, kind, instance.pk, str(instance), findings, action))
    return results


class HeldContentAdminMixin:
    """For the OPD admin of a guarded model: say so when content was held, on save and when the
    held item is opened again."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        findings = getattr(obj, "guard_findings", None)
        if findings:
            messages.warning(
                request,
                _(
                    "“%(title)s” disimpan sebagai draf dan TIDAK diterbitkan: %(reasons)s "
                    "Admin OPD dan Kominfo sudah diberi tahu; Kominfo akan memeriksanya."
                )
                % {"title": obj, "reasons": " ".join(finding.message for finding in findings)},
            )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET" and str(object_id).isdigit():
            opd = current_opd()
            hold = (
                ContentHold.objects.filter(
                    opd=opd,
                    kind=self.model.guard_kind,
                    object_id=int(object_id),
                    status=ContentHold.Status.HELD,
                ).first()
                if opd
                else None
            )
            if hold is not None:
                messages.warning(
                    request,
                    _(
                        "Konten ini ditahan penjaga konten sejak %(when)s dan menunggu "
                        "pemeriksaan Kominfo: %(reasons)s"
                    )
                    % {
                        "when": timezone.localtime(hold.held_at).strftime("%d-%m-%Y %H:%M"),
                        "reasons": " ".join(finding["message"] for finding in hold.findings),
                    },
                )
        return super().change_view(request, object_id, form_url, extra_context)
