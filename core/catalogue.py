"""Our gettext catalogue (locale/<lang>/LC_MESSAGES/*.po) compiled to the .mo files Django reads.

Django's own compilemessages needs GNU gettext's msgfmt, which a fresh machine with only Python
does not have; Babel's pure-Python reader and writer do the same job (README, Dependencies). The
.mo files are build output (.gitignore): `make install`, the Dockerfile and the test run compile
them.
"""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po


def catalogue_files(locale_dirs) -> list[Path]:
    return sorted(
        po for directory in locale_dirs for po in Path(directory).glob("*/LC_MESSAGES/*.po")
    )


def compile_catalogue(locale_dirs, *, force=False) -> list[Path]:
    """Compile every .po under `locale_dirs` whose .mo is missing or older; the .mo files
    written. Fuzzy entries are left out, as msgfmt does."""
    written = []
    for po in catalogue_files(locale_dirs):
        mo = po.with_suffix(".mo")
        if not force and mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as source:
            catalog = read_po(source, ignore_obsolete=True, abort_invalid=True)
        # An untranslated plural entry reads as ("", "") to Babel, which would write it:
        # leave it out, as it does untranslated singular ones, so that the msgid shows.
        for message in list(catalog)[1:]:
            if message.pluralizable and not all(message.string):
                catalog.delete(message.id, context=message.context)
        temporary = mo.with_suffix(".mo.tmp")
        with temporary.open("wb") as target:
            write_mo(target, catalog, use_fuzzy=False)
        temporary.replace(mo)
        written.append(mo)
    return written
