"""`make audit`: Lighthouse (mobile) on every page type citizens land on, on the same scratch
platform as the browser tests, served production-like (DJANGO_DEBUG=0, compressed static files).

Reports go to var/audit/ (<page>.report.html and .json, and scores.md). Exits non-zero when a
category scores below 95. Needs Node.js (npx fetches the `lighthouse` package) and Chromium
(CHROME_PATH, default /usr/bin/chromium).
"""

import json
import os
import subprocess
import sys

from tests.e2e import stack as e2e_stack

LIGHTHOUSE = os.environ.get("LIGHTHOUSE", "lighthouse@12")
AUDIT_DIR = e2e_stack.BASE_DIR / "var" / "audit"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
MINIMUM = 95
PAGES = {
    "opd-home": (e2e_stack.OPD_SLUG, "/"),
    "news-list": (e2e_stack.OPD_SLUG, "/berita/"),
    "article": (e2e_stack.OPD_SLUG, f"/berita/{e2e_stack.SEEDED_ARTICLE_SLUG}/"),
    "page": (e2e_stack.OPD_SLUG, "/halaman/struktur-organisasi/"),
    "ppid": (e2e_stack.OPD_SLUG, "/ppid/"),
    "request-form": (e2e_stack.OPD_SLUG, "/ppid/permohonan/"),
    "services": (e2e_stack.OPD_SLUG, "/layanan/"),
    "service": (e2e_stack.OPD_SLUG, f"/layanan/{e2e_stack.SEEDED_SERVICE_SLUG}/"),
    "skm": (e2e_stack.OPD_SLUG, "/skm/"),
    "agenda": (e2e_stack.OPD_SLUG, "/agenda/"),
    "gallery": (e2e_stack.OPD_SLUG, "/galeri/"),
    "downloads": (e2e_stack.OPD_SLUG, "/unduhan/"),
    "faq": (e2e_stack.OPD_SLUG, "/faq/"),
    "search": (e2e_stack.OPD_SLUG, "/cari/?q=vaksinasi"),
    "portal-home": (None, "/"),
    "opd-directory": (None, "/opd/"),
}
# Pages answered with `X-Robots-Tag: noindex` on purpose (search results): Lighthouse's SEO
# score marks them down for exactly that ("is-crawlable"), so their SEO score is not held to
# MINIMUM; every other SEO audit of theirs must still pass.
NOT_INDEXED = {"search"}


def lighthouse(url: str, name: str) -> dict[str, int]:
    chrome_flags = "--headless=new" + (" --no-sandbox" if os.geteuid() == 0 else "")
    command = [
        "npx", "--yes", LIGHTHOUSE, url, "--quiet", "--form-factor=mobile",
        f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={chrome_flags}",
        "--output=json", "--output=html", f"--output-path={AUDIT_DIR / name}",
    ]  # fmt: skip
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    subprocess.run(command, env=env, check=True)
    report = json.loads((AUDIT_DIR / f"{name}.report.json").read_text())
    return {key: round(report["categories"][key]["score"] * 100) for key in CATEGORIES}


def failed_seo_audits(name: str) -> list[str]:
    """The SEO audits a noindex page fails besides being noindex."""
    report = json.loads((AUDIT_DIR / f"{name}.report.json").read_text())
    return [
        ref["id"]
        for ref in report["categories"]["seo"]["auditRefs"]
        if ref["id"] != "is-crawlable" and report["audits"][ref["id"]]["score"] not in (None, 1)
    ]


def main() -> int:
    AUDIT_DIR.mkdir(parents=True, exist_ok=True)
    stack = e2e_stack.start_stack(production_like=True)
    try:
        scores = {name: lighthouse(stack.url(*where), name) for name, where in PAGES.items()}
    finally:
        stack.stop()
    lines = [
        "| page | " + " | ".join(CATEGORIES) + " |",
        "|---|" + "---|" * len(CATEGORIES),
        *(
            f"| {name} | " + " | ".join(str(page[key]) for key in CATEGORIES) + " |"
            for name, page in scores.items()
        ),
    ]
    (AUDIT_DIR / "scores.md").write_text("\n".join(lines) + "\n")
    sys.stdout.write("\n".join(lines) + f"\n\nReports: {AUDIT_DIR}\n")
    low = [
        (name, key)
        for name, page in scores.items()
        for key in CATEGORIES
        if page[key] < MINIMUM and not (key == "seo" and name in NOT_INDEXED)
    ]
    low += [(name, audit) for name in NOT_INDEXED for audit in failed_seo_audits(name)]
    if low:
        sys.stdout.write(f"Below {MINIMUM}: {low}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
