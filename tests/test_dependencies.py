"""The layout's dependency rules (docs/architecture.md), checked on the imports themselves.

Every `import` and `from ... import` in our packages is read with `ast` (function-level imports
included), so a dependency cannot hide inside a function or behind an alias.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT_SHELL = "portal"
# core imports no other package of ours; the media library and the redirects (tenant apps)
# build on core only.
INFRASTRUCTURE = {"core", "library", "redirects"}
SHARED_APPS = {
    "tenants",
    "accounts",
    "audit",
    "guard",
    "backups",
    "console",
    "banners",
    "pemda",
    "mainsite",
    "workdays",
    "demo",
    "publishing",
    "ppidutama",
    "openness",
}
CONTENT_APPS = {
    "news",
    "pages",
    "ppid",
    "documents",
    "publicservices",
    "gallery",
    "faq",
    "agenda",
    "navigation",
    "homepage",
}
# Features that work across content apps (the WordPress importer creates articles, pages,
# media, documents and redirects): they may import every layer but the shell, and only the
# shell imports them, so no content app comes to depend on another through them.
FEATURE_APPS = {"wpimport"}
OUR_PACKAGES = {PROJECT_SHELL} | INFRASTRUCTURE | SHARED_APPS | CONTENT_APPS | FEATURE_APPS


def imported_packages(path: Path) -> set[str]:
    """Our top-level packages that the module at `path` imports."""
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return {name.split(".")[0] for name in names} & OUR_PACKAGES


def modules_of(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def imports_by_module(packages) -> list[tuple[str, str, str]]:
    """(package, module path, imported package) for every cross-package import."""
    found = []
    for package in sorted(packages):
        for path in modules_of(package):
            for imported in imported_packages(path) - {package}:
                found.append((package, str(path.relative_to(ROOT)), imported))
    return found


def test_the_layers_cover_every_package_of_ours():
    on_disk = {
        path.parent.name
        for path in ROOT.glob("*/__init__.py")
        if path.parent.name not in {"tests", "bench"}
    }
    assert on_disk == OUR_PACKAGES, "add the new package to a layer of this test"


@pytest.mark.parametrize(
    "packages, forbidden",
    [
        # Tests, benchmark scripts and manage.py may import the shell (they run the project).
        pytest.param(OUR_PACKAGES - {PROJECT_SHELL}, {PROJECT_SHELL}, id="nobody-imports-portal"),
        pytest.param({"core"}, OUR_PACKAGES, id="core-imports-no-app"),
        pytest.param(
            INFRASTRUCTURE - {"core"},
            OUR_PACKAGES - {"core"},
            id="infrastructure-imports-core-only",
        ),
        pytest.param(SHARED_APPS, CONTENT_APPS, id="shared-apps-never-import-content-apps"),
        pytest.param(CONTENT_APPS, CONTENT_APPS, id="content-apps-do-not-import-each-other"),
        pytest.param(
            OUR_PACKAGES - FEATURE_APPS - {PROJECT_SHELL},
            FEATURE_APPS,
            id="only-the-shell-imports-feature-apps",
        ),
    ],
)
def test_dependencies_point_one_way(packages, forbidden):
    offenders = [
        (module, imported)
        for _package, module, imported in imports_by_module(packages)
        if imported in forbidden
    ]
    assert offenders == []


@pytest.mark.parametrize(
    "source, expected",
    [
        ("from news.models import Article", {"news"}),
        ("def f():\n    from pages import views\n", {"pages"}),
        ("import ppid.services as s", {"ppid"}),
        ("from . import models", set()),
        ("from django.db import models", set()),
    ],
)
def test_the_import_reader_sees_every_form_of_import(tmp_path, source, expected):
    module = tmp_path / "module.py"
    module.write_text(source)
    assert imported_packages(module) == expected
