"""Does this HTML look injected? Gambling spam, hidden links, links outside the domains Kominfo
allows, markup that is never ours. Pure functions: no database, no request."""

import html as html_entities
import re
import string
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser

import ada_url
from confusable_homoglyphs.confusables import confusables_data
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import gettext as _

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
# The host of a page whose own URL is not known: links resolved to it stay on the page's site.
PLACEHOLDER_HOST = "page.invalid"
# Attributes whose value the browser follows or loads as a URL.
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "poster", "data", "cite", "background"}
)
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


def _confusable_letters() -> dict[int, str]:
    """Each non-ASCII character that reads as an ASCII letter (Cyrillic а, Greek ο, ...) → that
    letter, from Unicode's confusables data as confusable-homoglyphs ships it."""
    table: dict[int, str] = {}
    for letter in string.ascii_lowercase + string.ascii_uppercase:
        for glyph in confusables_data.get(letter, ()):
            if len(glyph["c"]) == 1 and not glyph["c"].isascii():
                table.setdefault(ord(glyph["c"]), letter)
    return table


_CONFUSABLES = _confusable_letters()


def normalise_text(text: str) -> str:
    """`text` as a reader sees it, for matching: entities decoded, compatibility forms (ｇａｃｏｒ,
    𝐠𝐚𝐜𝐨𝐫) composed, invisible format characters (zero-width space and joiner, soft hyphen)
    and combining marks dropped, look-alike letters of other scripts read as Latin, case folded.
    """
    decomposed = unicodedata.normalize("NFKD", html_entities.unescape(text))
    visible = "".join(char for char in decomposed if unicodedata.category(char) not in ("Cf", "Mn"))
    return unicodedata.normalize("NFKC", visible.translate(_CONFUSABLES).casefold())


def spam_terms(text: str) -> tuple[int, list[str]]:
    """The spam score of `text` and the distinct terms found (leetspeak such as g4c0r, hidden
    characters and look-alike letters too)."""
    normalised = re.sub(r"[\s_\-.]+", " ", normalise_text(text)).translate(_LEET)
    found_strong = [term for term, pattern in _STRONG if pattern.search(normalised)]
    found_weak = [term for term, pattern in _WEAK if pattern.search(normalised)]
    score = STRONG_WEIGHT * len(found_strong) + WEAK_WEIGHT * len(found_weak)
    return score, found_strong + found_weak


def is_domain_allowed(host: str, allowed_domains) -> bool:
    """True when `host` is an allowed domain or a subdomain of one."""
    host = host.lower().strip(".")
    labels = host.split(".")
    return any(".".join(labels[i:]) in allowed_domains for i in range(len(labels)))


def page_bases(page_url: str | None) -> tuple[str, str]:
    """The page as read over https and over http. The same stored HTML is served under either
    scheme (development, a proxy left on http), and a form such as `http:evil.example/` is a
    path on an http page but another host on an https one: a link counts wherever it leads
    under either reading."""
    host = ada_url.URL(page_url).host if page_url else PLACEHOLDER_HOST
    return f"https://{host}/", f"http://{host}/"


def _link_target(href: str, base: str) -> tuple[str, str]:
    """("internal" | "web" | "scheme", host or scheme) for a link's href on the page at `base`,
    resolved as browsers do (the WHATWG URL standard, by ada, the parser of Node.js): so
    `https:///x.example/`, `/\\/x.example/` or `http:x.example/` name the host x.example."""
    try:
        url = ada_url.URL(href, base=base)
    except ValueError:
        return "scheme", "invalid"
    scheme = url.protocol.removesuffix(":")
    if scheme in SAFE_SCHEMES:
        return "internal", ""
    if scheme not in WEB_SCHEMES:
        return "scheme", scheme
    if url.host == ada_url.URL(base).host:
        return "internal", ""
    return "web", url.hostname


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
    """Collects visible text, hidden text, links, other URLs and unsafe tags of an HTML
    fragment."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.links: list[_Link] = []
        self.urls: list[str] = []
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
        self.urls += [
            value
            for name, value in attributes.items()
            if name in URL_ATTRIBUTES and value and not (tag == "a" and name == "href")
        ]
        # "a.jpg 1x, https://x.example/b.jpg 2x": the first word of each candidate is a URL.
        self.urls += [
            candidate.split()[0]
            for candidate in attributes.get("srcset", "").split(",")
            if candidate.strip()
        ]
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


def inspect_html(html: str, *, allowed_domains, page_url: str | None = None) -> list[Finding]:
    """Reasons to hold `html`, shown on the page at `page_url` (empty when it looks genuine).

    - `hidden_content`: text or links in an element readers cannot see (display:none, font-size
      0, off-screen indent, same colour as the background, ...): the classic injected link;
    - `external_link`: a link, an embedded resource (`src`, ...) or a bare URL in the text that
      leads to a domain outside `allowed_domains` (an entry allows its subdomains too), or to a
      non-web scheme;
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
    bases = page_bases(page_url)
    targets = [(link.href, link.text) for link in scanner.links]
    targets += [(url, "") for url in scanner.urls]
    # Bare URLs in the text count when they name an Internet domain ("http://intranet" does not).
    targets += [
        (url, url)
        for url in _BARE_URL.findall(visible_text)
        if "." in _link_target(url if "://" in url else f"http://{url}", bases[0])[1]
    ]
    foreign: dict[str, str] = {}
    spam_links: list[str] = []
    for href, text in targets:
        if href.lower().startswith("www."):
            href = f"http://{href}"
        for base in bases:
            kind, where = _link_target(href, base)
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


def inspect_text(text: str, *, allowed_domains) -> list[Finding]:
    """Reasons to refuse a short plain text the sites show (a category or tag name, a slug, an
    emergency broadcast): bare URLs outside `allowed_domains`, and spam wording, where in a text
    this short one spam-only term is enough."""
    findings = inspect_html(f"<p>{escape(text)}</p>", allowed_domains=allowed_domains)
    _score, terms = spam_terms(text)
    strong = [term for term in terms if term in STRONG_SPAM_TERMS]
    if strong and not any(finding.code == "spam_text" for finding in findings):
        findings.append(
            Finding(
                "spam_text",
                _("Teks memuat istilah khas spam judi: %(terms)s.") % {"terms": ", ".join(strong)},
                _evidence(text),
            )
        )
    return findings


def inspect_link(url: str, *, allowed_domains, page_url: str | None = None) -> list[Finding]:
    """Reasons to refuse a link the sites show outside any content (the OPD's map and social
    links, a broadcast's link): the same rules as a link in an article."""
    anchor = f'<a href="{escape(url)}">{escape(url)}</a>'
    return inspect_html(anchor, allowed_domains=allowed_domains, page_url=page_url)
