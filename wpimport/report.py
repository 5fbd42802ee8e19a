"""What an import did or, in a dry run, would do: counted per kind, with every problem found."""

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

KIND_LABELS = {
    "article": gettext_lazy("artikel"),
    "page": gettext_lazy("halaman"),
    "image": gettext_lazy("gambar"),
    "document": gettext_lazy("dokumen"),
    "category": gettext_lazy("kategori"),
    "tag": gettext_lazy("tag"),
    "redirect": gettext_lazy("pengalihan"),
}
SKIP_LABELS = {
    "private": gettext_lazy("pos/halaman pribadi"),
    "trash": gettext_lazy("pos/halaman di tempat sampah"),
    "password": gettext_lazy("pos/halaman berkata sandi"),
    "other_status": gettext_lazy("pos/halaman berstatus lain"),
    "other_type": gettext_lazy("butir jenis lain (menu, blok…)"),
    "missing_attachment": gettext_lazy("lampiran tanpa berkas"),
    "bad_attachment": gettext_lazy("lampiran yang ditolak"),
    "approved_comments": gettext_lazy("komentar disetujui (tidak diterbitkan)"),
    "other_comments": gettext_lazy("komentar lain"),
}


@dataclass
class Report:
    dry_run: bool
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    held: list[str] = field(default_factory=list)  # titles the content guard held

    def problem(self, message: str) -> None:
        if message not in self.problems:
            self.problems.append(message)

    def as_dict(self) -> dict:
        return {
            "dry_run": self.dry_run,
            "created": dict(self.created),
            "updated": dict(self.updated),
            "unchanged": dict(self.unchanged),
            "skipped": dict(self.skipped),
            "problems": list(self.problems),
            "held": list(self.held),
        }

    @classmethod
    def from_dict(cls, stored: dict) -> "Report":
        """The report as_dict() kept (in an ImportRun)."""
        report = cls(
            dry_run=stored.get("dry_run", False),
            problems=list(stored.get("problems", [])),
            held=list(stored.get("held", [])),
        )
        for name in ("created", "updated", "unchanged", "skipped"):
            getattr(report, name).update(stored.get(name, {}))
        return report

    def counts(self) -> list[tuple[str, int, int, int]]:
        """(kind, new, updated, unchanged) for every kind the import touched."""
        rows = []
        for kind, label in KIND_LABELS.items():
            row = (self.created[kind], self.updated[kind], self.unchanged[kind])
            if any(row):
                rows.append((str(label), *row))
        return rows

    def skipped_lines(self) -> list[str]:
        return [
            _("%(count)d %(what)s") % {"count": self.skipped[reason], "what": label}
            for reason, label in SKIP_LABELS.items()
            if self.skipped[reason]
        ]

    def lines(self) -> list[str]:
        """The report as the operator reads it (Indonesian), line by line."""
        lines = [_("Uji coba: belum ada yang disimpan.") if self.dry_run else _("Impor selesai.")]
        for kind, created, updated, same in self.counts():
            lines.append(
                _("%(kind)s: %(created)d baru, %(updated)d diperbarui, %(same)d tetap")
                % {"kind": kind, "created": created, "updated": updated, "same": same}
            )
        lines.extend(_("Tidak diimpor: %(what)s") % {"what": line} for line in self.skipped_lines())
        if self.held:
            lines.append(_("Ditahan penjaga konten (tidak diterbitkan):"))
            lines.extend(f"  - {title}" for title in self.held)
        if self.problems:
            lines.append(_("Masalah yang ditemukan:"))
            lines.extend(f"  - {problem}" for problem in self.problems)
        return lines
