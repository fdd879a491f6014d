"""Every page the persona × URL matrix knows (tests/access_rows/*) is visited in Danish at
1280 px and in English at 375 px (issue 13 item 21), in four tests (language × half of the URL
names), and passes axe-core with 0 violations in one of the two (every other URL name in each
language: the page's structure does not change with the language, and axe cost half of the
sweep's time; decision 0045). At 375 px no page is wider than the phone, and in English every
piece of Danish data text (an indicator's name, a theme, the briefing, an event's text, a
catalogue text) sits in an element with lang="da".

Cost kept small: each distinct URL name once per language, asked as the first persona of its row
that gets 200 (the matrix proves the others' answers), one browser context per persona (logged in
by a session cookie, not the form), axe injected once per page. Downloads (PDF, Excel, CSV, an
attachment) are not pages and are left out by their names; one that is not recognised by its name
is noticed when the browser starts a download."""

import json
import os
import re
import time

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError

from conftest import build_personas, build_world
from tests.access_rows import EXTENDERS
from tests.access_rows.common import MATRIX_PERSONAS
from tests.e2e.conftest import AXE
from tests.test_access_matrix import PAGES, _resolve_kwargs

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DOWNLOAD = re.compile(r"([_:]pdf|_csv|_xlsx|_export|_download|:attachment)$")
AXE_RUN = """async () => {
    const r = await axe.run(document, {resultTypes: ['violations'], runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}});
    return r.violations.map(v => ({id: v.id, nodes: v.nodes.slice(0, 3).map(n => n.target)}));
}"""
# Text in English mode that is Danish but not inside lang="da": the known Danish data strings
# (passed in) and any text node that reads as a Danish sentence (two or more Danish function
# words). Proper names (addresses, departments, people) are not sentences and are exempt.
DANISH_OUTSIDE_LANG = r"""(known) => {
    const words = new RegExp('(^|[\\s(])(og|ikke|på|af|til|er|har|det|den|der|som|eller|fra|' +
        'ved|blev|været|skal|kan|efter|siden|ingen|mellem|hvor|jeg|vi|ud|om|med)(?=[\\s,.;:)]|$)',
        'gi');
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode, el = node.parentElement;
        const text = node.textContent.replace(/\s+/g, ' ').trim();
        if (!text || !el || el.closest('script,style,noscript,[hidden],svg title')) continue;
        if (el.closest('[lang]') && el.closest('[lang]').lang === 'da') continue;
        const hits = new Set((text.match(words) || []).map(w => w.trim().toLowerCase()));
        const named = known.some(k => text === k || (k.length > 12 && text.includes(k)));
        if (hits.size >= 2 || named) out.push(text.slice(0, 90));
    }
    return out;
}"""
# Left for the apps' owners (issue 13 item 21, found by this test when it was written): Danish
# data text without lang="da" (the analysis page) and pages wider than 375 px in the guides,
# plans and analyses apps. axe passes on all of them. Remove a line when its page is fixed;
# nothing may be added here for the screening or case pages.
KNOWN_GAPS = {
    # found by this sweep once the apps of session 10 were merged, for their owners to fix:
}
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def _targets(world):
    """(url name, url, persona) once per url name: its first row with a persona that gets 200."""
    seen, targets = set(), []
    # SWEEP_ONLY=visits,walks limits the sweep to those URL namespaces (while fixing a page).
    only = tuple(f"{app}:" for app in os.environ.get("SWEEP_ONLY", "").split(",") if app)
    for name, kwargs, ok, _forbidden in PAGES:
        if name in seen or not ok or DOWNLOAD.search(name) or (only and not name.startswith(only)):
            continue
        seen.add(name)
        persona = next(p for p in MATRIX_PERSONAS if p in ok)
        targets.append((name, reverse(name, kwargs=_resolve_kwargs(world, kwargs)), persona))
    return targets


def _danish_data() -> list[str]:
    from boligsocial.screening.models import Indicator

    return sorted(
        {i.name for i in Indicator.objects.all() if i.name != i.name_en and len(i.name) > 3}
    )


# The sweep runs as four tests (two languages x two halves of the URL names, every other one)
# so that the suite's workers share it instead of one worker spending three minutes on it.
PARTS = 2


@pytest.mark.parametrize("part", range(PARTS))
@pytest.mark.parametrize(("language", "viewport"), [("da", (1280, 900)), ("en", (375, 812))])
def test_every_page_of_the_matrix_passes_axe(browser, live_server, language, viewport, part):
    from django.test import Client

    from boligsocial.organisations.models import Area

    started = time.perf_counter()
    world = build_world()
    personas = build_personas(world)
    for extend in EXTENDERS:
        extend(world, personas)
    # A long area name without a space (it overflowed /trafiklys/lister/ at 375 px) on every
    # page that shows the area.
    Area.objects.filter(pk=world.area_shared.pk).update(
        name="Fællesområdet" + "Kvarterløftsbebyggelsen" * 2
    )
    # axe runs on each URL name in one of the two languages, every other name in each (the
    # page's structure does not change with the language; the phone layout is checked for width
    # and Danish text on every page, and for axe on half of them): decision 0045.
    targets = [
        (name, url, persona, (i // PARTS) % 2 == (language == "en"))
        for i, (name, url, persona) in enumerate(_targets(world))
    ][part::PARTS]
    known = _danish_data()
    axe_source = AXE.read_text()
    built = time.perf_counter()
    contexts = {}
    failures: dict[str, object] = {}
    visits = 0
    downloads: set[str] = set()
    fragments: set[str] = set()
    timing = []
    gaps_left: set = set()
    gaps_fixed: set = set()  # known gaps that pass now: remove them from KNOWN_GAPS
    axed = 0
    for name, url, persona, with_axe in targets:
        key = (persona, language)
        if key not in contexts:
            client = Client()
            client.force_login(personas[persona])
            context = browser.new_context(
                locale="da-DK", viewport={"width": viewport[0], "height": viewport[1]}
            )
            host = live_server.url.split("//")[1].split(":")[0]
            context.add_cookies(
                [
                    {
                        "name": settings.SESSION_COOKIE_NAME,
                        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                        "domain": host,
                        "path": "/",
                    },
                    {
                        "name": settings.LANGUAGE_COOKIE_NAME,
                        "value": language,
                        "domain": host,
                        "path": "/",
                    },
                ]
            )
            contexts[key] = context.new_page()
        page = contexts[key]
        t0 = time.perf_counter()
        try:
            response = page.goto(live_server.url + url, wait_until="load")
        except PlaywrightError as error:  # a download not recognised by its name
            assert "Download is starting" in str(error), error
            downloads.add(name)
            continue
        visits += 1
        label = f"{language} {name} {url} as {persona}"
        if response is None or response.status != 200:
            failures[label] = response and response.status
            continue
        if not response.headers.get("content-type", "").startswith("text/html"):
            downloads.add(name)
            continue
        if name == "api:docs":  # Swagger UI draws the page after the load event
            page.locator(".opblock").first.wait_for(timeout=15_000)
        if page.evaluate("() => document.doctype === null"):  # an htmx fragment
            fragments.add(name)
            continue
        assert page.locator("html").get_attribute("lang") == language, label
        t1 = time.perf_counter()
        violations = None
        if with_axe:
            page.evaluate(axe_source)
            violations = page.evaluate(AXE_RUN)
            axed += 1
        t2 = time.perf_counter()
        timing.append((t2 - t0, t1 - t0, t2 - t1, label))
        if violations:
            failures[label] = violations
        if language == "en":
            overflow = page.evaluate(OVERFLOW)
            danish = page.evaluate(DANISH_OUTSIDE_LANG, known)
            for kind, found in (("overflow", overflow > 0), ("lang", bool(danish))):
                if (kind, name) in KNOWN_GAPS:
                    (gaps_left if found else gaps_fixed).add((kind, name))
                elif found:
                    detail = f"{overflow} px too wide at 375 px" if kind == "overflow" else ""
                    failures[f"{label}: {detail or 'Danish without lang=da'}"] = (
                        overflow if kind == "overflow" else danish[:6]
                    )
    for page in contexts.values():
        page.context.close()
    done = time.perf_counter()
    print(
        f"\n{len(targets)} url names, {visits} page views, {axed} with axe: "
        f"world {built - started:.1f} s, pages {done - built:.1f} s; "
        f"downloads by their answer: {sorted(downloads)}; "
        f"fragments: {sorted(fragments)}"
    )
    print(f"known gaps left: {sorted(gaps_left)}; fixed: {sorted(gaps_fixed)}")
    timing.sort(reverse=True)
    print(
        f"load {sum(t[1] for t in timing):.1f} s, axe {sum(t[2] for t in timing):.1f} s; slowest: "
        + ", ".join(f"{t[3]} {t[0]:.1f} s" for t in timing[:5])
    )
    assert failures == {}, json.dumps(failures, indent=1, ensure_ascii=False)
