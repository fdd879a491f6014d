"""End-to-end tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Never `playwright install`: the browser is /usr/bin/chromium (CHROMIUM_PATH overrides)."""

import json
import os
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

AXE = Path(__file__).parent / "assets" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "da-DK", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture(autouse=True)
def _http_cookies(settings):
    """The live server speaks plain HTTP; production cookies are Secure."""
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.LANGUAGE_COOKIE_SECURE = False


@pytest.fixture(autouse=True)
def _reference_data(transactional_db, migration_data):
    """Every e2e test is transactional (live server): restore the migration data first."""


@pytest.fixture
def console_errors(page):
    """Every console error (CSP violations included) the page logs; tests assert it is empty."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


@pytest.fixture
def login(page, live_server):
    def do(username: str, password: str = "demo"):
        page.goto(f"{live_server.url}/log-ind/")
        page.get_by_label("Brugernavn").fill(username)
        page.get_by_label("Adgangskode").fill(password)
        page.get_by_role("button", name="Log ind").click()
        page.wait_for_url(f"{live_server.url}/")

    return do


def check_axe(page) -> None:
    """Run axe-core (WCAG 2.1 A/AA rules) in the page; fail on any violation."""
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',
                                            'best-practice']}
        })"""
    )
    violations = [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]
    assert violations == [], json.dumps(violations, indent=1, ensure_ascii=False)


def screenshot(page, name: str, *, axe: bool = True) -> None:
    """Desktop and 375 px phone screenshots into ./screenshots (git-ignored). axe=False for a
    page whose plain state the every-page sweep (test_every_matrix_page.py) already checks."""
    SCREENSHOTS.mkdir(exist_ok=True)
    size = page.viewport_size
    page.screenshot(path=SCREENSHOTS / f"{name}-desktop.png", full_page=True)
    page.set_viewport_size({"width": 375, "height": 812})
    page.screenshot(path=SCREENSHOTS / f"{name}-phone.png", full_page=True)
    if axe:
        check_axe(page)  # the phone layout must be accessible too
    page.set_viewport_size(size)


def menu_link(page, name: str, *, exact: bool = False):
    """Follow the main menu's entry `name`: clicked where the bar shows it; when it sits in a
    closed submenu or in DKFDS's "Mere" overflow (site/navigation.py groups entries), its link's
    address is followed. That every page is linked is tested by tests/test_every_page_is_linked."""
    # by text, not by role: a closed submenu is aria-hidden, out of the accessibility tree
    text = re.compile(rf"^\s*{re.escape(name)}\s*$") if exact else name
    link = page.locator("nav.nav a.nav-link").filter(has_text=text).first
    if link.is_visible():
        link.click()
    else:
        page.goto(urljoin(page.url, link.get_attribute("href")))
