"""Every page that exists is reachable: none is known only to those who type its address.

For every row of the persona × URL matrix (tests/test_access_matrix.py) that some persona may
open, at least one of those personas finds a link to that very URL by following links from the
home page: the non-parametrised pages (the URLconf is walked below, so a new one cannot slip
past) and the pages of the world's objects (departments, cases, letters, imports, ...).

The crawl follows `<a href>` only, as a person clicking would, and reads each linked path once
(without its query string). Files (PDF, CSV, XLSX, attachments) are found as links but not
read; nor are the Django admin and the JSON API, which have their own navigation."""

from collections import deque
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse

from boligsocial.cases.views.legal import LETTER_FOR_STEP
from tests.test_access_matrix import (
    API,
    NOT_IN_MATRIX,
    PAGES,
    _resolve_kwargs,
    client_for,  # noqa: F401 - the fixtures: the matrix's world, built once for this module
    matrix,  # noqa: F401
    matrix_world,  # noqa: F401
    world,  # noqa: F401
)

#: Found as links, never read: files, and pages that leave the app's own navigation.
NOT_READ = {
    "cases:letter_pdf",
    "catalogue:export",
    "plans:budget_export",
    "plans:status_report_pdf",
    "cases:attachment",
    "screening:department_report_pdf",
    "screening:organisation_report_pdf",
    "screening:statutory_lists_csv",
    "screening:import_template",
    "organisations:import_template",
    "api:docs",
    "analyses:pdf",
    "guides:xlsform",
}
#: A page reached only as the answer to a form, never by a link: the form page it answers
#: (from the page's URL kwargs). A letter is written after its legal step is recorded.
ANSWERS_TO_A_FORM = {
    "cases:quick_report_done": lambda kwargs: reverse("cases:quick_report"),
    # The lease picker's results (htmx, as the user types in the new-case form's search).
    "cases:lease_search": lambda kwargs: reverse("cases:create"),
    "cases:letter_create": lambda kwargs: reverse(
        "cases:legal_step", kwargs={"pk": kwargs["pk"], "step": _STEP_FOR_LETTER[kwargs["kind"]]}
    ),
}
_STEP_FOR_LETTER = {kind: step for step, kind in LETTER_FOR_STEP.items()}
#: A page linked only while its action is possible, from the page named here. An import can be
#: undone only while it is the latest of its kind for its organisation and nothing changed since
#: (the batch page then links "Undo this import"; tests/e2e/test_import.py follows it); the
#: world's batches are not, so the crawl looks for the batch page instead.
LINKED_WHEN_POSSIBLE = {
    "imports:undo": lambda kwargs: reverse("imports:batch", kwargs={"pk": kwargs["pk"]}),
    # A decision is linked from the case's legal track once the case is before the board or
    # the court; until then the track shows a disabled button with the reason.
    "cases:board_decision": lambda kwargs: reverse("cases:detail", kwargs={"pk": kwargs["pk"]}),
    "cases:court_outcome": lambda kwargs: reverse("cases:detail", kwargs={"pk": kwargs["pk"]}),
}
#: The most paths of one URL name read per persona (the world has a handful of each).
READ_PER_NAME = 12


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def _name(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def crawl(client, wanted: set[str] = frozenset()) -> set[str]:
    """The paths linked from the pages this client reaches from the home page, breadth first;
    done as soon as every path in `wanted` is found. A wanted path is read even when its URL
    name has had its `READ_PER_NAME` (its page links the matrix's objects below it)."""
    start = reverse("site:home")
    found, queue, read = {start}, deque([start]), {}
    while queue and not wanted <= found:
        path = queue.popleft()
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        links = _Links()
        links.feed(response.content.decode())
        for href in links.hrefs:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue  # another site, a fragment or a bare query (same page)
            target = parts.path
            if target in found:
                continue
            found.add(target)
            name = _name(target)
            if name is None or name in NOT_READ or name.startswith(("admin:", "api:")):
                continue
            if read.get(name, 0) >= READ_PER_NAME and target not in wanted:
                continue
            read[name] = read.get(name, 0) + 1
            queue.append(target)
    return found


def _non_parametrised_pages(resolver, namespace=""):
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            if p.app_name == "admin":
                continue
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _non_parametrised_pages(p, ns)
        elif isinstance(p, URLPattern) and p.name and not p.pattern.regex.groupindex:
            yield f"{namespace}{p.name}"


def test_every_non_parametrised_page_is_a_matrix_row():
    """The URLconf walk: each page without parameters is checked below (or is no page)."""
    rows = {name for name, kwargs, ok, _forbidden in PAGES if not kwargs and ok}
    others = {row[0] for row in API} | NOT_IN_MATRIX
    assert set(_non_parametrised_pages(get_resolver())) - rows - others == set()


@pytest.mark.django_db
def test_every_page_is_linked_from_a_page_its_users_reach(matrix_world, client_for):  # noqa: F811
    rows = []  # (the row, the path a link must lead to, the personas who may open it)
    for name, kwargs, ok, _forbidden in PAGES:
        if not ok:
            continue  # nobody may open it (a 404 row)
        resolved = _resolve_kwargs(matrix_world, kwargs)
        path = reverse(name, kwargs=resolved)
        via = ANSWERS_TO_A_FORM.get(name) or LINKED_WHEN_POSSIBLE.get(name)
        rows.append((f"{name} {path}", via(resolved) if via else path, set(ok)))
    # persona by persona (`_crawl_order`); each crawl looks for the rows no earlier persona
    # found and stops when it has found them all
    linked: set[str] = set()
    for persona in sorted({p for _row, _path, ok in rows for p in ok}, key=_crawl_order):
        wanted = {path for row, path, ok in rows if persona in ok and row not in linked}
        if wanted:
            found = crawl(client_for(persona), wanted)
            linked |= {row for row, path, ok in rows if persona in ok and path in found}
    assert [row for row, _path, _ok in rows if row not in linked] == []


def _crawl_order(persona: str) -> tuple[int, str]:
    """A crawl that misses a row reads every page its persona reaches (hundreds for the head
    of the social unit). The caretakers go first, for the caretaker's pages (a quick report)
    that the social unit may open but has no link to: a caretaker's whole crawl is a few dozen
    pages. Then the head of the social unit and the staff, who find nearly all the rest; the
    administrator last."""
    if persona.startswith("caretaker"):
        return (0, persona)
    return (1 if persona in ("head_a", "staff_a") else 3 if persona == "admin" else 2, persona)
