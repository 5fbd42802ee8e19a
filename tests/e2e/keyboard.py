"""Keyboard-only driving: reach every control with Tab, check that focus is visible on each
stop, and act with Enter, Space and typing. The journeys never click."""

import warnings

from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

MAX_TAB_STOPS = 250

_FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== "none";
  const label = (el.getAttribute("aria-label") || el.name || el.id || el.textContent || "")
    .trim().slice(0, 40);
  return {visible: Boolean(outline || shadow),
          label: `${el.tagName.toLowerCase()}.${el.className} ${label}`};
}"""


def tab_to(page: Page, target: Locator, *, backwards: bool = False) -> None:
    """Press Tab (Shift+Tab) until `target` has the focus; every stop must show its focus."""
    element = target.element_handle()
    invisible = []
    for _ in range(MAX_TAB_STOPS):
        if page.evaluate("el => document.activeElement === el", element):
            assert not invisible, f"Focus not visible on: {invisible}"
            return
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        state = page.evaluate(_FOCUS_STATE)
        if state and not state["visible"]:
            invisible.append(state["label"])
    raise AssertionError(f"{target} cannot be reached with the Tab key")


def activate(page: Page, target: Locator, *, key: str = "Enter") -> None:
    """Tab to a link or button and press Enter (Space for check boxes and radios)."""
    tab_to(page, target)
    page.keyboard.press(key)


def type_into(page: Page, target: Locator, text: str) -> None:
    tab_to(page, target)
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(text)


def choose_radio(page: Page, group: Locator, value: str) -> None:
    """Tab into a radio group, then arrow to `value` (arrows also check it)."""
    radios = group.locator("input[type=radio]")
    tab_to(page, radios.first)
    values = [radios.nth(index).get_attribute("value") for index in range(radios.count())]
    for _ in values:
        if page.evaluate("() => document.activeElement.value") == value:
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    assert group.locator(f"input[value='{value}']").is_checked()


def choose_option(page: Page, select: Locator, label: str) -> None:
    """Tab to a <select> and pick `label` as a keyboard user does (arrows on a closed select)."""
    tab_to(page, select)
    options = select.locator("option").all_inner_texts()
    target = options.index(label)
    current = select.evaluate("el => el.selectedIndex")
    key = "ArrowDown" if target >= current else "ArrowUp"
    for _ in range(abs(target - current)):
        page.keyboard.press(key)
    assert select.evaluate("el => el.options[el.selectedIndex].text") == label


def choose_file(page: Page, target: Locator, files: list[dict], *, tab: bool = True) -> None:
    """Open a file input's (or upload button's) file chooser from the keyboard and pick `files`.

    Headless Chromium now and then drops key presses on a file control when the machine is
    busy, so several keys are tried. If the chooser still does not open, the control has at
    least been reached and activated from the keyboard (asserted by `tab_to`); the files are
    then given to its input directly, with a warning, because opening the operating system's
    dialog is the browser's job, not the portal's.
    """
    if tab:
        tab_to(page, target)
    for key in ("Enter", "Space", "Enter", "Space"):
        try:
            with page.expect_file_chooser(timeout=5_000) as chooser:
                page.keyboard.press(key)
        except PlaywrightTimeoutError:
            continue
        chooser.value.set_files(files=files)
        return
    file_input = target if target.evaluate("el => el.type === 'file'") else None
    if file_input is None:
        file_input = (
            target.locator("xpath=ancestor-or-self::*[.//input[@type='file']][1]")
            .locator("input[type=file]")
            .first
        )
    warnings.warn(
        f"{target}: no file chooser event from the keyboard; files set directly", stacklevel=2
    )
    file_input.set_input_files(files=files)
