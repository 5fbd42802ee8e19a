"""The back office's look in a real browser at 1280 and 360 px (static/css/admin.css): column
headers are never cut, nothing is written in capitals only, text inputs take the form's width,
and a changelist's columns fit beside the sidebar and the filter at 1280 px."""

import pytest
from playwright.sync_api import expect

from tests.e2e import stack
from tests.e2e.test_journeys import log_in

# What the browser measures on a page (a list of problems, empty when it reads well).
PROBLEMS_SCRIPT = """() => {
  const problems = [];
  for (const th of document.querySelectorAll("#result_list thead th")) {
    const text = th.querySelector(".text") || th;
    if (text.scrollWidth > text.clientWidth + 1) problems.push("cut header: " + th.innerText);
  }
  const shouted = "h1, h2, caption, thead th, .submit-row input, .object-tools a, #user-tools, "
    + "#logout-form button";
  for (const el of document.querySelectorAll(shouted)) {
    if (getComputedStyle(el).textTransform === "uppercase") {
      problems.push("capitals only: " + el.innerText.trim().slice(0, 40));
    }
  }
  const results = document.querySelector("#changelist .results");
  if (results && window.innerWidth >= 1280 && results.scrollWidth > results.clientWidth + 1) {
    problems.push("columns out of sight: " + results.scrollWidth + " > " + results.clientWidth);
  }
  if (document.documentElement.scrollWidth > window.innerWidth + 1) {
    problems.push("page wider than the screen: " + document.documentElement.scrollWidth);
  }
  return problems;
}"""

PAGES = (
    "/admin/",
    "/admin/news/article/",
    "/admin/ppid/informationrequest/",
    "/admin/ppid/publicinformation/",
    "/admin/auth/user/",
)


@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_admin_pages_read_calmly(screen, request, e2e):
    page = request.getfixturevalue(screen)
    log_in(page, e2e, stack.OPD_SLUG, stack.OPD_ADMIN_USERNAME)
    for path in PAGES:
        page.goto(e2e.url(stack.OPD_SLUG, path))
        assert page.evaluate(PROBLEMS_SCRIPT) == [], path
    page.goto(e2e.url(stack.OPD_SLUG, "/admin/pages/page/add/"))
    title = page.locator("#id_title")
    row = page.locator(".form-row.field-title")
    expect(title).to_be_visible()
    # The title box takes the form's width (Django's is 20em, a third of it).
    assert title.bounding_box()["width"] >= 0.5 * row.bounding_box()["width"]
