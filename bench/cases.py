"""Benchmarks of the cases capability (issue 4, part 13): with 200,000 cases, the overdue list and
a filtered search, as HTML pages (C-ui's cases:overdue and cases:list) and through the API: p95
over 200 requests, the number of queries (the same at 20,000 and 200,000 cases), and the ratio to
the raw SQL of the same query (the page's row query and its count, run straight on the cursor).

The cases are bulk-inserted (not through the services): spread over the demo departments and the
last three years, with a realistic status mix (most closed, the rest open in the usual statuses)
and about 3 % overdue. Each case has one complainant, so the search's party-name clause has rows
to look at."""

import os
import random
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import QuerySet
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from boligsocial.cases import access as case_access
from boligsocial.cases import services, workdays
from boligsocial.cases.models import (
    OPEN_STATUSES,
    Case,
    CaseKind,
    Category,
    Outcome,
    Party,
    PartyRole,
    Priority,
    Status,
    Track,
    build_search_text,
)
from boligsocial.organisations.models import Department, Lease

PREFIX = "BENCH-"
SIZES = (20_000, 200_000)
BATCH = 5_000
#: The filtered search, the same in the page and the API: open noise cases matching "vej 1".
SEARCH = "vej 1"
#: The API's page size (settings.REST_FRAMEWORK); the pages show 25 (core.listing.PER_PAGE).
API_PAGE = 50

CATEGORIES = [  # noise most common (domain.md § 5.2: >75 % of mediated conflicts)
    (Category.NOISE, 40),
    (Category.WASTE, 12),
    (Category.PETS, 8),
    (Category.HARASSMENT, 8),
    (Category.NEGLECT, 6),
    (Category.PROPERTY_DAMAGE, 6),
    (Category.CRIME_INSECURITY, 6),
    (Category.VIOLENCE_THREATS, 4),
    (Category.OTHER, 10),
]
OPEN_MIX = [  # of the open cases
    (Status.RECEIVED, 15),
    (Status.CONTACTED, 35),
    (Status.IN_PROGRESS, 40),
    (Status.FORWARDED, 5),
    (Status.REOPENED, 5),
]


def _pick(rng, table):
    values, weights = zip(*table, strict=True)
    return rng.choices(values, weights)[0]


def _cases(rng, start: int, count: int, departments, leases, today):
    """`count` unsaved cases (and their complainants' names), numbered from `start`."""
    now = timezone.now()
    span = 3 * 365 * 24 * 3600
    rows, names = [], []
    for n in range(start, start + count):
        dept = rng.choice(departments)
        lease = rng.choice(leases[dept.pk]) if leases[dept.pk] and rng.random() < 0.8 else None
        address = lease.address if lease else f"Bænkevej {rng.randint(1, 400)}"
        received = now - timedelta(seconds=rng.randint(3600, span))
        due = workdays.add_working_days(received, 2)
        age = (today - workdays.local_date(received)).days
        roll = rng.random()
        if roll < 0.03:  # overdue: open with a passed deadline (mostly recent cases)
            status, first_contact, next_due = Status.RECEIVED, None, due
            if due >= today:
                next_due = today - timedelta(days=rng.randint(1, 20))
        elif age < 60 or roll < 0.20:
            status = _pick(rng, OPEN_MIX)
            first_contact = None if status == Status.RECEIVED else received + timedelta(hours=20)
            next_due = today + timedelta(days=rng.randint(0, 30))
            if status == Status.RECEIVED:
                next_due = max(due, today)
        else:
            status, first_contact, next_due = Status.CLOSED, received + timedelta(hours=20), None
        closed = status == Status.CLOSED
        rows.append(
            Case(
                reference=f"{PREFIX}{n:07d}",
                organisation_id=dept.organisation_id,
                department=dept,
                lease=lease,
                address=address,
                address_key=services.normalise_address(address),
                kind=CaseKind.HOUSE_RULES if rng.random() < 0.6 else CaseKind.INQUIRY,
                track=rng.choice(list(Track)),
                category=_pick(rng, CATEGORIES),
                description="Bænkdata: støj og uro i opgangen.",
                priority=Priority.NORMAL,
                status=status,
                outcome=Outcome.RESOLVED_DIALOGUE if closed else "",
                received_at=received,
                first_contact_due=due,
                first_contact_at=first_contact,
                closed_at=received + timedelta(days=30) if closed else None,
                next_due=next_due,
                search_text=build_search_text(f"{PREFIX}{n:07d}", address, [f"Bænk Beboer {n}"]),
            )
        )
        names.append(f"Bænk Beboer {n}")
    return rows, names


def _insert(rng, start: int, count: int) -> None:
    departments = list(Department.objects.all())
    leases: dict[int, list] = {d.pk: [] for d in departments}
    for lease in Lease.objects.only("id", "address", "department_id"):
        leases[lease.department_id].append(lease)
    today = timezone.localdate()
    for offset in range(0, count, BATCH):
        with transaction.atomic():
            rows, names = _cases(
                rng, start + offset, min(BATCH, count - offset), departments, leases, today
            )
            created = Case.objects.bulk_create(rows, batch_size=1000)
            # search_text was set with the names above: the plain QuerySet's bulk_create skips
            # PartyQuerySet's refresh of it
            QuerySet(Party).bulk_create(
                [
                    Party(case=case, role=PartyRole.COMPLAINANT, name=name)
                    for case, name in zip(created, names, strict=True)
                ],
                batch_size=1000,
            )


def _client(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def _get(client: Client, url: str, json: bool = False):
    def call():
        response = client.get(url, HTTP_ACCEPT="application/json" if json else "text/html")
        assert response.status_code == 200, (url, response.status_code)

    return call


def _raw(queryset, per_page: int):
    """The SQL the ORM runs for the list (one page of rows and its count), captured from the ORM
    and run straight on the cursor: the same query shape, without Django around it."""
    captured: list[tuple[str, tuple]] = []

    def capture(execute, sql, params, many, context):
        captured.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        list(queryset[:per_page])
        queryset.count()

    def call():
        with connection.cursor() as cursor:
            for sql, params in captured:
                cursor.execute(sql, params)
                cursor.fetchall()

    return call


def _measure(report, size: int) -> dict:
    user = get_user_model().objects.get(username="staff-a")
    staff = _client("staff-a")
    visible = case_access.visible_cases(user)
    in_scope = visible.count()
    overdue_qs = services.overdue(visible.select_related("department", "assignee"))
    search_qs = (
        visible.select_related("department", "assignee")
        .filter(category=Category.NOISE)
        .filter(status__in=OPEN_STATUSES)
    )
    # the shape of the page's and the API's search (views/lists.py, api/filters.py)
    search_qs = search_qs.filter(search_text__contains=SEARCH.lower()).order_by(
        "-received_at", "-id"
    )
    label = f"{size // 1000}k cases, staff-a sees {in_scope}"
    rows = {}
    rows["raw_overdue"] = report.time(
        f"raw SQL: overdue page + count ({label})", _raw(overdue_qs, API_PAGE)
    )
    rows["raw_search"] = report.time(
        f"raw SQL: search page + count ({label})", _raw(search_qs, API_PAGE)
    )
    api = "/api/v1/cases/"
    rows["api_overdue"] = report.time(
        f"API overdue list ({size // 1000}k)",
        _get(staff, f"{api}?overdue=true", json=True),
        note=f"{overdue_qs.count()} overdue",
    )
    rows["api_search"] = report.time(
        f"API search: open, noise, '{SEARCH}' ({size // 1000}k)",
        _get(staff, f"{api}?open=true&category=noise&search={SEARCH.replace(' ', '+')}", True),
        note=f"{search_qs.count()} found",
    )
    if _has_page("cases:overdue"):
        rows["page_overdue"] = report.time(
            f"page cases:overdue ({size // 1000}k)", _get(staff, reverse("cases:overdue"))
        )
        rows["page_search"] = report.time(
            f"page cases:list open, noise, '{SEARCH}' ({size // 1000}k)",
            _get(
                staff,
                reverse("cases:list")
                + f"?deadline=open&category=noise&q={SEARCH.replace(' ', '+')}",
            ),
        )
    if _has_page("cases:today"):
        rows["page_today"] = report.time(
            f"page cases:today as head-a ({size // 1000}k)",
            _get(_client("head-a"), reverse("cases:today")),
            n=50,
        )
    if _has_page("cases:list"):
        _list_read_cost(report, staff, size)
    for kind in ("overdue", "search"):
        raw = rows[f"raw_{kind}"].p95_ms
        for where in ("api", "page"):
            if f"{where}_{kind}" in rows:
                report.line(
                    f"{size // 1000}k: {where} {kind} p95 / raw SQL p95 = "
                    f"{rows[f'{where}_{kind}'].p95_ms / raw:.1f}x "
                    f"({rows[f'{where}_{kind}'].p95_ms:.1f} ms / {raw:.1f} ms)"
                )
    return rows


def _list_read_cost(report, staff, size: int) -> None:
    """What the access log costs a list request (issue 13, item 9; decision 0023): the default
    list (open cases, 25 rows) timed as it is, writing one access-log row per case shown in one
    INSERT, and with the write switched off."""
    from boligsocial.cases.views import lists

    url = reverse("cases:list")
    logged = report.time(f"page cases:list, default ({size // 1000}k), logged", _get(staff, url))
    real = lists.log_reads
    lists.log_reads = lambda **kwargs: 0
    try:
        bare = report.time(
            f"page cases:list, default ({size // 1000}k), without the access log", _get(staff, url)
        )
    finally:
        lists.log_reads = real
    report.line(
        f"{size // 1000}k: the access log costs a list request {logged.p95_ms - bare.p95_ms:+.1f} "
        f"ms at p95 ({logged.p95_ms:.1f} vs {bare.p95_ms:.1f} ms; p50 {logged.p50_ms:.1f} vs "
        f"{bare.p50_ms:.1f} ms), {logged.queries - bare.queries} query (one INSERT of the page's "
        "rows)"
    )


def _has_page(name: str) -> bool:
    try:
        reverse(name)
    except Exception:  # C-ui's pages may not exist yet
        return False
    return True


def _new_case_form(report) -> None:
    """The new-case form with its lease picker (issue 13, item 6): it searches the chosen
    department's leases instead of listing them all (was 504 KB for staff-a and 1.0 MB for an
    administrator, 1–4 s)."""
    if not _has_page("cases:lease_search"):
        return
    for username in ("staff-a", "admin"):
        client = _client(username)
        size = len(client.get(reverse("cases:create")).content)
        report.time(
            f"page cases:create as {username}",
            _get(client, reverse("cases:create")),
            n=50,
            note=f"{size / 1024:.0f} KB",
        )
    department = (
        case_access.case_create_departments(get_user_model().objects.get(username="staff-a"))
        .order_by("number")
        .first()
    )
    report.time(
        "lease search (htmx) 'vej 1' in one department as staff-a",
        _get(
            _client("staff-a"),
            reverse("cases:lease_search") + f"?department={department.pk}&lease_q=vej+1",
        ),
        n=100,
    )


def run(report) -> None:
    _new_case_form(report)
    rng = random.Random(2026)
    Case.objects.filter(reference__startswith=PREFIX).delete()
    sizes = [int(s) for s in os.environ.get("BENCH_CASES_SIZES", "").split(",") if s] or SIZES
    done, results = 0, {}
    for size in sizes:
        started = datetime.now()
        _insert(rng, done, size - done)
        done = size
        seconds = (datetime.now() - started).total_seconds()
        report.line(f"inserted cases up to {size:,} in {seconds:.1f} s (bulk, with one party each)")
        if connection.vendor == "postgresql":
            # VACUUM as well: the state autovacuum reaches within a minute of a bulk load
            # (insert-triggered since PostgreSQL 13). Without it the index-only counts
            # (decision 0009) read heap pages or not depending on whether autovacuum happened
            # to run before or during the timings.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        results[size] = _measure(report, size)
    if len(results) == 2:
        small, large = (results[s] for s in sizes)
        for key in small:
            same = small[key].queries == large[key].queries
            report.line(
                f"queries {key}: {small[key].queries} at {sizes[0]:,}, {large[key].queries} at "
                f"{sizes[1]:,} -> {'constant' if same else 'NOT CONSTANT'}"
            )
