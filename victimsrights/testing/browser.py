"""Debian's Chromium driven by Playwright, and keyboard-only helpers."""

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from playwright.sync_api import sync_playwright

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def chromium_page(*, width: int = 1280) -> Iterator[Any]:
    """A Chromium page; every warning or error its console logs, on any page it visits, fails the test."""
    # Playwright's sync API keeps an event loop on this thread; the ORM calls the tests make
    # between browser steps are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    console: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.set_default_timeout(10_000)

            def on_console(message: Any) -> None:
                if message.type in CONSOLE_FAILS:
                    console.append(f"{message.type}: {message.text} ({page.url})")

            page.on("console", on_console)
            page.on("pageerror", lambda error: console.append(f"page error: {error} ({page.url})"))
            yield page
        finally:
            browser.close()
    assert console == [], f"the browser's console reported: {console}"


CONSOLE_FAILS = {"warning", "error"}


FOCUSED_MATCHES = """([selector, text]) => {
    const el = document.activeElement;
    return !!el && el.matches(selector) && (!text || el.textContent.trim() === text);
}"""


def tab_to(page: Any, selector: str, text: str = "", limit: int = 80) -> None:
    """Press Tab until the element matching `selector` (and showing `text`) has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED_MATCHES, [selector, text]):
            return
    raise AssertionError(f"Could not reach {selector} {text!r} with the Tab key on {page.url}")


def choose_radio(page: Any, name: str, value: str) -> None:
    tab_to(page, f"input[type=radio][name='{name}']")
    for _ in range(10):
        if page.evaluate("v => document.activeElement.value === v", value):
            page.keyboard.press("Space")
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"No radio {name}={value}")


def tick(page: Any, name: str, value: str) -> None:
    tab_to(page, f"input[type=checkbox][name='{name}'][value='{value}']")
    page.keyboard.press("Space")


def type_into(page: Any, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def press_button(page: Any, text: str) -> None:
    tab_to(page, "button, a[role=button]", text)
    with page.expect_navigation():
        page.keyboard.press("Enter")
