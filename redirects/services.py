"""Writes with consequences: following a renamed slug, and the CSV import and export."""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from redirects import home, paths
from redirects.models import Redirect

CSV_HEADER = ("alamat_lama", "alamat_baru")
CSV_MAX_BYTES = 2 * 1024 * 1024
CSV_MAX_ROWS = 20_000
# Problems listed to the operator at most (the count says how many there are).
MAX_LISTED_PROBLEMS = 30
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@transaction.atomic
def follow_renamed_url(*, old_url: str, new_url: str) -> Redirect | None:
    """Content that was published at `old_url` now lives at `new_url`: the old address answers
    with a 301 to the new one, and redirects that led to the old address lead straight to the
    new one (no chains); one that would now lead to itself is removed."""
    try:
        old_path = paths.normalise_old_path(old_url)
        new_url = paths.normalise_target(new_url)
    except ValidationError:
        return None
    new_path = paths.target_path(new_url)
    if old_path == new_path:
        return None
    now = timezone.now()
    Redirect.objects.filter(target__in={old_url, old_path}).update(target=new_url, updated_at=now)
    # The new address is live again (a renamed-back slug): what led from it to itself goes.
    Redirect.objects.filter(old_path=new_path, target__in={new_url, new_path}).delete()
    redirect, _created = Redirect.objects.update_or_create(
        old_path=old_path,
        defaults={"target": new_url, "source": Redirect.Source.SLUG_CHANGE},
    )
    return redirect


def csv_cell(value: str) -> str:
    """Keep spreadsheet programs from running a cell as a formula (CSV injection)."""
    return "'" + value if value[:1] in _FORMULA_STARTS else value


def write_csv(out, redirects: Iterable[Redirect]) -> None:
    """The redirects as CSV (alamat_lama, alamat_baru), with a BOM for spreadsheet programs."""
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for redirect in redirects:
        writer.writerow((csv_cell(redirect.old_path), csv_cell(redirect.target)))


class CsvImportError(Exception):
    """The file cannot be imported; `problems` are what the operator reads (Indonesian), one per
    line, naming the rows."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


def _cell(value: str) -> str:
    value = value.strip()
    # A cell the export guarded against formulas (no old or new address starts with a quote).
    return value[1:] if value.startswith("'") else value


def _message(error: ValidationError) -> str:
    return " ".join(str(message) for message in error.messages)


def _read_rows(data: bytes) -> tuple[list[tuple[int, str, str]], list[str]]:
    """(row number as a spreadsheet shows it, old address, new address) of every non-empty row
    with two columns, and the problems of the other rows."""
    if len(data) > CSV_MAX_BYTES:
        raise CsvImportError(
            [
                _("Berkas terlalu besar: paling besar %(mb)d MB. Bagi menjadi beberapa berkas.")
                % {"mb": CSV_MAX_BYTES // (1024 * 1024)}
            ]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CsvImportError(
            [
                _(
                    "Berkas bukan teks UTF-8. Simpan ulang dari program lembar kerja sebagai "
                    "“CSV UTF-8”, lalu unggah lagi."
                )
            ]
        ) from None
    if "\x00" in text:
        raise CsvImportError([_("Berkas ini bukan CSV (berisi karakter NUL).")])
    first_line = text.split("\n", 1)[0]
    # Spreadsheet programs set to Indonesian write semicolons (the comma is the decimal mark).
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, problems = [], []
    try:
        header = next(reader, None)
        if header is None or tuple(_cell(h).lower() for h in header[:2]) != CSV_HEADER:
            raise CsvImportError([_("Baris 1 harus berisi judul kolom: alamat_lama, alamat_baru.")])
        for row in reader:
            number = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != 2 and not (len(row) > 2 and not any(c.strip() for c in row[2:])):
                problems.append(
                    _("Baris %(row)d: harus berisi dua kolom (alamat_lama, alamat_baru).")
                    % {"row": number}
                )
                continue
            rows.append((number, _cell(row[0]), _cell(row[1])))
            if len(rows) > CSV_MAX_ROWS:
                raise CsvImportError(
                    [
                        _("Berkas berisi lebih dari %(max)d baris. Bagi menjadi beberapa berkas.")
                        % {"max": CSV_MAX_ROWS}
                    ]
                )
    except csv.Error as error:
        raise CsvImportError(
            [
                _("Baris %(row)d tidak dapat dibaca sebagai CSV (%(error)s).")
                % {"row": reader.line_num, "error": error}
            ]  # fmt: skip
        ) from None
    if not rows and not problems:
        raise CsvImportError([_("Berkas tidak berisi satu pun pengalihan.")])
    return rows, problems


def _validated(rows: list[tuple[int, str, str]], problems: list[str]) -> dict[str, tuple[int, str]]:
    """old path -> (row number, target) of every row, or CsvImportError naming every bad row
    (`problems`: those found while reading)."""
    problems = list(problems)
    wanted: dict[str, tuple[int, str]] = {}
    for number, old, new in rows:
        row_problems = []
        try:
            old = paths.normalise_old_path(old)
        except ValidationError as error:
            row_problems.append(_("alamat lama: %(error)s") % {"error": _message(error)})
        try:
            new = paths.normalise_target(new)
        except ValidationError as error:
            row_problems.append(_("alamat baru: %(error)s") % {"error": _message(error)})
        if not row_problems:
            if paths.target_path(new) == old:
                row_problems.append(_("alamat baru sama dengan alamat lama (berputar)."))
            elif old in wanted:
                row_problems.append(
                    _("alamat lama %(old)s sudah ada di baris %(other)d.")
                    % {"old": old, "other": wanted[old][0]}
                )
        if row_problems:
            problems.append(
                _("Baris %(row)d: %(problems)s")
                % {"row": number, "problems": "; ".join(row_problems)}
            )
        else:
            wanted[old] = (number, new)
    if problems:
        raise CsvImportError(problems)
    return wanted


def import_csv(*, data: bytes) -> ImportResult:
    """Create or update the redirects of a CSV file (alamat_lama, alamat_baru): all of its rows
    or, when one is invalid, none (CsvImportError lists every problem with its row number)."""
    rows, problems = _read_rows(data)
    return import_redirects(rows=rows, problems=problems)


@transaction.atomic
def import_redirects(*, rows: list[tuple[int, str, str]], problems: list[str] = ()) -> ImportResult:
    """Create or update one redirect per (row number, old address, new address): all of them
    or, when one is invalid, none. The CSV import and a site importer (issue #19's WordPress
    import) share it; new ones are marked as imported, existing ones keep their source."""
    wanted = _validated(rows, list(problems))
    existing = {r.old_path: r for r in Redirect.objects.filter(old_path__in=list(wanted))}
    targets = {paths.target_path(target) for _number, target in wanted.values()}
    # The mapping once imported, to refuse two addresses that lead to each other.
    leads_to = {
        r.old_path: r.target for r in Redirect.objects.filter(old_path__in=targets - set(wanted))
    }
    leads_to.update({old: target for old, (_number, target) in wanted.items()})
    problems = [
        _("Baris %(row)d: %(target)s sudah dialihkan kembali ke %(old)s (berputar).")
        % {"row": number, "target": target, "old": old}
        for old, (number, target) in wanted.items()
        if leads_to.get(paths.target_path(target)) == old
    ]
    if problems:
        raise CsvImportError(problems)
    now = timezone.now()
    created, updated, unchanged = [], [], 0
    for old, (_number, target) in wanted.items():
        redirect = existing.get(old)
        if redirect is None:
            created.append(Redirect(old_path=old, target=target, source=Redirect.Source.IMPORT))
        elif redirect.target != target:
            redirect.target, redirect.updated_at = target, now
            updated.append(redirect)
        else:
            unchanged += 1
    Redirect.objects.bulk_create(created, batch_size=1000)
    Redirect.objects.bulk_update(updated, ["target", "updated_at"], batch_size=1000)
    home.forget()
    return ImportResult(created=len(created), updated=len(updated), unchanged=unchanged)
