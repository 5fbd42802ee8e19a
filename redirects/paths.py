"""How an old address is written down and looked up, and which new addresses are allowed.

An old address is stored as its path, percent-decoded (as Django's `request.path` is), followed,
when the old site told its pages apart by a query parameter (WordPress' `/?p=123`,
`/?page_id=7`, `/?cat=4`), by that query in a canonical form: its parameters sorted by name and
percent-encoded again (`/?p=123`). A request is looked up under, best first:

1. its path with its whole query, canonical (`/?p=123&utm_source=wa` as typed, any order);
2. its path with each single parameter of its query (`/?p=123`, `/?utm_source=wa`), so the
   parameter that identified the page matches whatever tracking parameters ride along;
3. its path alone (a query on an ordinary old path is ignored);
4. its path with the trailing slash added or removed (`/feed` for `/feed/`).

All of these go to the database in one query (`candidates()` lists them in that order).
"""

from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

OLD_PATH_MAX_LENGTH = 500
TARGET_MAX_LENGTH = 2000
# Query parameters of one request tried one by one; a longer query is junk or an attack.
MAX_QUERY_PARAMETERS = 8
# Paths that never redirect: the back office answers its own 404s.
RESERVED_PREFIXES = ("/admin/",)


def has_control_characters(text: str) -> bool:
    return any(ord(char) < 32 or ord(char) == 127 for char in text)


def canonical_query(pairs) -> str:
    return urlencode(sorted(pairs), quote_via=quote)


def normalise_old_path(value: str) -> str:
    """The stored form of an old address typed by an operator or read from a CSV row: a path on
    the old site (`/2019/05/03/judul/`, `/?p=123`), or the whole old URL, whose host is dropped.
    Raises ValidationError (Indonesian) when it cannot be an old address."""
    text = (value or "").strip()
    if not text:
        raise ValidationError(_("Isi alamat lama."), code="required")
    if has_control_characters(text):
        raise ValidationError(_("Alamat lama berisi karakter kendali."), code="control")
    if "\\" in text:
        raise ValidationError(_("Alamat lama tidak boleh berisi garis miring terbalik."))
    if text.lower().startswith(("http://", "https://")):
        parts = urlsplit(text)
        text = parts.path or "/"
        if parts.query:
            text += "?" + parts.query
    if not text.startswith("/") or text.startswith("//"):
        raise ValidationError(
            _(
                "Alamat lama harus diawali satu garis miring, misalnya /2019/05/03/judul/ "
                "atau /?p=123."
            ),
            code="invalid",
        )
    path, _sep, query = text.partition("#")[0].partition("?")
    path = unquote(path)
    pairs = parse_qsl(query, keep_blank_values=True)
    normalised = path + ("?" + canonical_query(pairs) if pairs else "")
    if has_control_characters(normalised):
        raise ValidationError(_("Alamat lama berisi karakter kendali."), code="control")
    if normalised == "/":
        raise ValidationError(_("Beranda situs tidak dapat dialihkan."), code="home")
    if normalised.startswith(RESERVED_PREFIXES) or normalised == "/admin":
        raise ValidationError(_("Alamat di bawah /admin/ tidak dapat dialihkan."), code="reserved")
    if len(normalised) > OLD_PATH_MAX_LENGTH:
        raise ValidationError(
            _("Alamat lama terlalu panjang (paling banyak %(max)d karakter).")
            % {"max": OLD_PATH_MAX_LENGTH},
            code="max_length",
        )
    return normalised


def normalise_target(value: str) -> str:
    """The stored form of a new address: a path on this site (`/berita/judul/`) or an absolute
    http(s) URL. Protocol-relative forms (`//host`, `/\\host`), other schemes (`javascript:`,
    `data:`, `mailto:`) and relative paths are refused."""
    text = (value or "").strip()
    if not text:
        raise ValidationError(_("Isi alamat baru."), code="required")
    if has_control_characters(text) or any(char.isspace() for char in text):
        raise ValidationError(_("Alamat baru tidak boleh berisi spasi atau karakter kendali."))
    if "\\" in text:
        raise ValidationError(_("Alamat baru tidak boleh berisi garis miring terbalik."))
    if len(text) > TARGET_MAX_LENGTH:
        raise ValidationError(
            _("Alamat baru terlalu panjang (paling banyak %(max)d karakter).")
            % {"max": TARGET_MAX_LENGTH}
        )
    if text.startswith("/") and not text.startswith("//"):
        return text
    if text.lower().startswith(("http://", "https://")):
        try:
            host = urlsplit(text).hostname
        except ValueError:
            host = None
        if host:
            return text
    raise ValidationError(
        _(
            "Alamat baru harus berupa alamat di situs ini yang diawali satu garis miring "
            "(misalnya /berita/judul/) atau alamat lengkap yang diawali https://."
        ),
        code="invalid",
    )


def target_path(target: str) -> str:
    """The target in the form old paths are stored in, to compare the two (a loop)."""
    if not target.startswith("/"):
        return target
    try:
        return normalise_old_path(target)
    except ValidationError:
        return target


def candidates(path: str, query_string: str) -> list[str]:
    """The stored old addresses that may answer a request for `path` (decoded, as
    `request.path`) with `query_string` (raw), best first; [] for what can never match."""
    if not path.startswith("/") or has_control_characters(path):
        return []
    if len(path) > OLD_PATH_MAX_LENGTH or path.startswith(RESERVED_PREFIXES):
        return []
    try:
        pairs = parse_qsl(query_string, keep_blank_values=True, max_num_fields=MAX_QUERY_PARAMETERS)
    except ValueError:
        pairs = []
    pairs = [
        (name, value)
        for name, value in pairs
        if not has_control_characters(name) and not has_control_characters(value)
    ]
    found = []
    if pairs:
        found.append(f"{path}?{canonical_query(pairs)}")
        found += [f"{path}?{canonical_query([pair])}" for pair in pairs]
    found.append(path)
    if path != "/":
        found.append(path[:-1] if path.endswith("/") else path + "/")
    unique = []
    for candidate in found:
        if candidate not in unique and len(candidate) <= OLD_PATH_MAX_LENGTH:
            unique.append(candidate)
    return unique
