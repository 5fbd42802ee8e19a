"""Without varnishd the accelerator tests are reported as NOT RUN, loudly, in the terminal
summary (with PORTAL_E2E_REQUIRED=1, set by .ci/run, they fail instead: test_varnish.py)."""


def pytest_terminal_summary(terminalreporter):
    skipped = [
        report
        for report in terminalreporter.stats.get("skipped", [])
        if "ACCELERATOR TESTS NOT RUN" in str(report.longrepr)
    ]
    if skipped:
        terminalreporter.section("ACCELERATOR TESTS NOT RUN", sep="!", red=True, bold=True)
        terminalreporter.write_line(
            f"{len(skipped)} tests through Varnish were NOT run: install varnish "
            "(sudo apt-get install varnish; see README, HTTP accelerator)",
            red=True,
            bold=True,
        )
