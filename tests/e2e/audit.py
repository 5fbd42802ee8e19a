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
    "portal-home": (None, "/"),
    "opd-directory": (None, "/opd/"),
}


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
        (name, key) for name, page in scores.items() for key in CATEGORIES if page[key] < MINIMUM
    ]
    if low:
        sys.stdout.write(f"Below {MINIMUM}: {low}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
