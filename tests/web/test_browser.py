"""The status page as a person sees it: headless Chromium (Debian's package) against
``wire serve`` on a database with corpus files ingested by a real worker."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.serving import Served
from tests.web.conftest import QUIET

pytestmark = pytest.mark.services

CHROMIUM = Path("/usr/bin/chromium")
# No sandbox (tests run as root in containers), no GPU, and nothing fetched from anywhere.
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip


def test_the_page_loads_clean_with_plots_of_data_and_the_quiet_source_flagged(
    served: Served, tmp_path: Path
):
    if not CHROMIUM.exists():
        pytest.fail(
            f"no Chromium at {CHROMIUM}: install Debian's chromium package (scripts/test.sh "
            "does, as root, with apt-get)",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1500, "height": 1100})
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda error: problems.append(str(error)))
            response = page.goto(f"{served.url}/?hours=2", wait_until="load")
            assert response is not None
            assert response.status == 200
            plots = page.locator("svg.plot")
            assert plots.count() == 2
            for index in range(2):
                plot = plots.nth(index)
                assert plot.is_visible()
                assert int(plot.get_attribute("data-points") or 0) == 121
                assert int(plot.get_attribute("data-max") or 0) > 0, plot.get_attribute(
                    "aria-label"
                )
            quiet = page.locator(f'tr.source[data-source="{QUIET}"]')
            assert quiet.get_attribute("data-quiet") == "true"
            assert quiet.locator(".flag.quiet").inner_text() == "QUIET"
            assert QUIET in page.locator("#quiet-banner").inner_text()
            assert (
                page.locator('tr.source[data-source="TT"]').get_attribute("data-quiet") == "false"
            )
            assert "Roscosmos" in page.locator("#articles").inner_text()
            page.screenshot(path=str(tmp_path / "status-page.png"), full_page=True)
        finally:
            browser.close()
    assert problems == []
