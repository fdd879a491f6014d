"""The cases API, reading: exactly the cases each persona may read, the same 404 for cases out of
scope and cases that do not exist, filters, one access-log row per case returned, statistics as
counts only, and a fixed number of queries per list.

Expected sets are written out by hand from `cases_world` (factories.py); they are never computed
with the access module."""

import json
from datetime import date, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from boligsocial.audit.models import AccessLogEntry
from boligsocial.cases.models import Case, ReferenceCounter
from boligsocial.cases.tests.factories import CaseFactory, EventFactory, PartyFactory, cases_world
from conftest import PERSONAS

LIST = "/api/v1/cases/"
LOGGED_IN = [p for p in PERSONAS if p != "anonymous"]

ORG_A = {"case_a1", "case_a2", "case_closed", "case_shared"}
SEEN = {
    "admin": ORG_A | {"case_b1"},
    "staff_a": ORG_A,
    "head_a": ORG_A,
    "board_a": set(),
    "dept_board_a1": set(),
    "caretaker_a": set(),
    "staff_b": {"case_b1"},
    "municipal": {"case_shared"},
    "nobody": set(),
}
CASE_NAMES = ("case_a1", "case_a2", "case_b1", "case_closed", "case_shared")


@pytest.fixture
def cw(world, personas):
    cases_world(world, personas)
    # cases_world writes BS-2026-0001…0004 without moving the counter that services.open_case
    # numbers from: start it after them.
    ReferenceCounter.objects.update_or_create(year=2026, defaults={"last": 100})
    return world


def fetch_all(client, url, params=None):
    results, first = [], True
    while url:
        response = client.get(url, params if first else None)
        first = False
        assert response.status_code == 200, response.content
        body = response.json()
        results += body["results"]
        url = body["next"]
    return results


def ids(client, params=None):
    return [c["id"] for c in fetch_all(client, LIST, params)]


def pks(world, names):
    return {getattr(world, n).pk for n in names}


def log_rows(route=None):
    rows = AccessLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Case))
    if route:
        rows = rows.filter(route=route)
    return sorted((r.user.username, int(r.object_id), r.route) for r in rows)


# --- who sees what -------------------------------------------------------------------------------


def test_anonymous_is_refused_with_403_and_nothing_is_logged(cw, client_for):
    for url in (LIST, f"{LIST}{cw.case_a1.pk}/", f"{LIST}statistics/"):
        response = client_for("anonymous").get(url)
        assert response.status_code == 403, url
    assert AccessLogEntry.objects.count() == 0


@pytest.mark.parametrize("persona", LOGGED_IN)
def test_list_shows_exactly_the_cases_the_persona_may_read(cw, client_for, persona):
    found = ids(client_for(persona))
    assert len(found) == len(set(found))
    assert set(found) == pks(cw, SEEN[persona])


@pytest.mark.parametrize("persona", LOGGED_IN)
def test_detail_is_200_for_readable_cases_and_404_for_all_others(cw, client_for, persona):
    client = client_for(persona)
    answered = {
        name: client.get(f"{LIST}{getattr(cw, name).pk}/").status_code for name in CASE_NAMES
    }
    assert answered == {name: 200 if name in SEEN[persona] else 404 for name in CASE_NAMES}


def test_out_of_scope_missing_and_malformed_ids_get_the_same_404(cw, client_for):
    client = client_for("staff_b")
    bodies = [
        client.get(f"{LIST}{cw.case_a1.pk}/"),
        client.get(f"{LIST}999999/"),
        client.get(f"{LIST}abc/"),
    ]
    assert [r.status_code for r in bodies] == [404, 404, 404]
    assert bodies[0].json() == bodies[1].json() == bodies[2].json() == {"detail": "Ikke fundet."}


def test_a_revoked_share_hides_the_case_again(cw, client_for):
    client = client_for("municipal")
    assert client.get(f"{LIST}{cw.case_shared.pk}/").status_code == 200
    cw.share.revoked_at = timezone.now()
    cw.share.save()
    assert client.get(f"{LIST}{cw.case_shared.pk}/").status_code == 404
    assert ids(client) == []


@pytest.mark.parametrize("persona", ["board_a", "dept_board_a1", "caretaker_a", "municipal"])
def test_counts_only_roles_never_get_content_of_unshared_cases(cw, client_for, persona):
    client = client_for(persona)
    for name in ("case_a1", "case_a2", "case_closed"):
        case = getattr(cw, name)
        for suffix in ("", "events/", "parties/", "deadlines/"):
            assert client.get(f"{LIST}{case.pk}/{suffix}").status_code == 404, (name, suffix)
    body = client.get(LIST).content.decode()
    assert "Klara Klagesen" not in body
    assert "Høj musik" not in body


# --- the fields ----------------------------------------------------------------------------------


def test_case_fields(cw, client_for, personas):
    case = cw.case_a1
    body = client_for("staff_a").get(f"{LIST}{case.pk}/").json()
    assert body == {
        "id": case.pk,
        "reference": "BS-2026-0001",
        "organisation": cw.org_a.pk,
        "department": cw.dept_a1.pk,
        "department_name": "Alfaparken",
        "lease": cw.lease_a1.pk,
        "address": "Alfavej 1",
        "kind": "house_rules",
        "track": "trivsel",
        "category": "noise",
        "description": "Høj musik efter kl. 23 flere aftener i træk.",
        "dangerous_conduct": False,
        "priority": "normal",
        "assignee": personas["staff_a"].pk,
        "assignee_name": personas["staff_a"].get_full_name(),
        "status": "received",
        "outcome": "",
        "legal_step": "",
        "received_at": "2026-03-02T09:30:00+01:00",
        "first_contact_due": "2026-03-04",
        "first_contact_at": None,
        "next_due": "2026-03-04",
        "overdue": timezone.localdate() > date(2026, 3, 4),
        "closed_at": None,
        "source": "staff",
        "mediation_offered_at": None,
        "mediation_held_at": None,
        "mediator": "",
        "mediation_agreement": None,
        "incident_at": None,
        "crisis_ended_at": None,
        "anonymised_at": None,
        "created_at": body["created_at"],
        "updated_at": body["updated_at"],
        "version": 1,
    }


def test_events_parties_and_deadlines_of_a_case(cw, client_for, personas):
    client = client_for("head_a")
    case = cw.case_a1
    events = client.get(f"{LIST}{case.pk}/events/").json()
    assert [(e["kind"], e["text"], e["minutes"], e["created_by"]) for e in events] == [
        ("call", "Talt med klager i telefon.", 15, personas["staff_a"].pk)
    ]
    parties = client.get(f"{LIST}{case.pk}/parties/").json()
    assert [(p["role"], p["name"], p["lease"]) for p in parties] == [
        ("complainant", "Klara Klagesen", None),
        ("respondent", "Rasmus Støjesen", cw.lease_a1.pk),
    ]
    deadlines = client.get(f"{LIST}{case.pk}/deadlines/").json()
    assert [(d["kind"], d["due"], d["met_at"]) for d in deadlines] == [
        ("first_contact", "2026-03-04", None)
    ]


def test_the_municipal_user_reads_the_shared_case_and_its_parties(cw, client_for):
    client = client_for("municipal")
    assert client.get(f"{LIST}{cw.case_shared.pk}/").json()["reference"] == "BS-2026-0004"
    parties = client.get(f"{LIST}{cw.case_shared.pk}/parties/").json()
    assert [p["name"] for p in parties] == ["Sofie Samtykke"]


# --- the access log ------------------------------------------------------------------------------


def test_a_list_page_logs_exactly_one_row_per_case_on_the_page(cw, client_for):
    client = client_for("staff_a")
    body = client.get(LIST, {"page_size": 3}).json()
    assert body["count"] == 4
    page = [c["id"] for c in body["results"]]
    assert len(page) == 3
    assert log_rows() == sorted(("staff-a", pk, "api:case-list") for pk in page)
    client.get(body["next"])
    assert log_rows() == sorted(("staff-a", pk, "api:case-list") for pk in pks(cw, ORG_A))


def test_a_filtered_list_logs_only_the_cases_returned(cw, client_for):
    client_for("admin").get(LIST, {"department": cw.dept_b1.pk})
    assert log_rows() == [("admin", cw.case_b1.pk, "api:case-list")]


@pytest.mark.parametrize(
    ("suffix", "route"),
    [
        ("", "api:case-detail"),
        ("events/", "api:case-events"),
        ("parties/", "api:case-parties"),
        ("deadlines/", "api:case-deadlines"),
    ],
)
def test_each_read_of_one_case_logs_exactly_one_row(cw, client_for, suffix, route):
    client = client_for("municipal")
    assert client.get(f"{LIST}{cw.case_shared.pk}/{suffix}").status_code == 200
    assert log_rows() == [("municipal", cw.case_shared.pk, route)]
    client.get(f"{LIST}{cw.case_shared.pk}/{suffix}")
    assert log_rows() == [("municipal", cw.case_shared.pk, route)] * 2


@pytest.mark.parametrize("persona", ["board_a", "caretaker_a", "staff_b", "nobody"])
def test_refused_reads_empty_lists_and_statistics_log_nothing(cw, client_for, persona):
    client = client_for(persona)
    client.get(f"{LIST}{cw.case_a1.pk}/")
    client.get(f"{LIST}{cw.case_a1.pk}/parties/")
    client.get(f"{LIST}statistics/")
    if persona != "staff_b":
        client.get(LIST)
    assert log_rows() == []


def test_an_empty_filter_result_logs_nothing(cw, client_for):
    client_for("staff_a").get(LIST, {"search": "findes ikke"})
    assert log_rows() == []


# --- filters -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "closed"}, {"case_closed"}),
        ({"status": "received"}, {"case_a1", "case_a2", "case_shared"}),
        ({"open": "true"}, {"case_a1", "case_a2", "case_shared"}),
        ({"open": "false"}, {"case_closed"}),
        ({"kind": "inquiry"}, {"case_a2"}),
        ({"track": "tryghed"}, {"case_shared"}),
        ({"category": "waste"}, {"case_a2"}),
        ({"priority": "normal"}, ORG_A),
        ({"department": "dept_a2"}, {"case_a2"}),
        ({"department": "dept_b1"}, set()),  # out of scope: empty, not an error
        ({"assignee": "staff_a"}, {"case_a1", "case_closed", "case_shared"}),
        ({"search": "bs-2026-000"}, {"case_a1", "case_a2", "case_shared"}),
        ({"search": "havevej"}, {"case_a2"}),
        ({"search": "klagesen"}, {"case_a1"}),  # a party's name
        ({"search": "Betasen"}, set()),  # org B's party: out of scope
        ({"received_from": "2026-03-02"}, {"case_a1", "case_a2", "case_shared"}),
        ({"received_to": "2026-03-01"}, {"case_closed"}),
        ({"received_from": "2026-03-03"}, set()),
    ],
)
def test_filters(cw, client_for, personas, params, expected):
    resolved = {}
    for key, value in params.items():
        if key == "department":
            value = getattr(cw, value).pk
        elif key == "assignee":
            value = personas[value].pk
        resolved[key] = value
    assert set(ids(client_for("staff_a"), resolved)) == pks(cw, expected)


def test_overdue_and_due_soon_filters(cw, client_for):
    today = timezone.localdate()
    overdue = CaseFactory(department=cw.dept_a1, reference="BS-T-OVER")
    Case.objects.filter(pk=overdue.pk).update(next_due=today - timedelta(days=1))
    soon = CaseFactory(department=cw.dept_a1, reference="BS-T-SOON")
    Case.objects.filter(pk=soon.pk).update(next_due=today)
    later = CaseFactory(department=cw.dept_a1, reference="BS-T-LATER")
    Case.objects.filter(pk=later.pk).update(next_due=today + timedelta(days=60))
    Case.objects.filter(pk__in=pks(cw, ("case_a1", "case_a2", "case_shared"))).update(
        next_due=today + timedelta(days=60)
    )
    client = client_for("staff_a")
    assert set(ids(client, {"overdue": "true"})) == {overdue.pk}
    assert set(ids(client, {"due_soon": "true"})) == {soon.pk}
    body = client.get(LIST, {"overdue": "true"}).json()
    assert [c["overdue"] for c in body["results"]] == [True]


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        (
            {"status": "lukket"},
            "status",
            "Marker en gyldig valgmulighed. lukket er ikke en af de tilgængelige valgmuligheder.",
        ),
        ({"department": "abc"}, "department", "Indtast et heltal."),
        ({"received_from": "2026-02-30"}, "received_from", "Indtast en gyldig dato."),
    ],
)
def test_bad_filters_are_400_in_danish(cw, client_for, params, field, message):
    response = client_for("staff_a").get(LIST, params)
    assert response.status_code == 400
    assert response.json() == {field: [message]}
    assert log_rows() == []


def test_ordering_by_next_deadline_with_id_as_tie_breaker(cw, client_for):
    found = ids(client_for("staff_a"), {"ordering": "next_due"})
    # The three open cases share 2026-03-04 and are ordered by id; the closed one has no next
    # deadline (where NULL sorts differs between SQLite and PostgreSQL, so it is left out).
    open_ids = sorted(pks(cw, ("case_a1", "case_a2", "case_shared")))
    assert [i for i in found if i != cw.case_closed.pk] == open_ids


# --- statistics ----------------------------------------------------------------------------------


def test_statistics_need_a_valid_year_and_a_visible_department(cw, client_for):
    client = client_for("dept_board_a1")
    assert client.get(f"{LIST}statistics/", {"year": "abc"}).status_code == 400
    response = client.get(f"{LIST}statistics/", {"year": 2026, "department": cw.dept_a2.pk})
    assert response.status_code == 400
    assert set(response.json()) == {"department"}


# --- queries -------------------------------------------------------------------------------------


def grow(world, n=6):
    for i in range(n):
        case = CaseFactory(department=world.dept_a2, reference=f"BS-T-G{i}")
        PartyFactory(case=case)
        EventFactory(case=case)


def test_list_runs_a_fixed_number_of_queries(cw, client_for, django_assert_num_queries):
    client = client_for("staff_a")
    ContentType.objects.get_for_model(Case)  # cached for the life of the process
    # session, user, memberships, count, page (department and assignee joined), the access-log
    # insert, and the session save wrapped in a savepoint (3)
    with django_assert_num_queries(9):
        before = client.get(LIST).json()["count"]
    grow(cw)
    with django_assert_num_queries(9):
        after = client.get(LIST, {"search": "bs-", "category": "noise"}).json()["count"]
    assert (before, after) == (4, 8)


def test_children_run_a_fixed_number_of_queries(cw, client_for, django_assert_num_queries):
    client = client_for("staff_a")
    ContentType.objects.get_for_model(Case)
    # session, user, memberships, the case, its events, the access-log insert, session save (3)
    with django_assert_num_queries(9):
        assert len(client.get(f"{LIST}{cw.case_a1.pk}/events/").json()) == 1
    EventFactory.create_batch(5, case=cw.case_a1)
    with django_assert_num_queries(9):
        assert len(client.get(f"{LIST}{cw.case_a1.pk}/events/").json()) == 6


@pytest.mark.parametrize(
    ("persona", "total", "departments"),
    [
        ("admin", 4, {"dept_a1": 2, "dept_a2": 1, "dept_b1": 1}),
        ("staff_a", 3, {"dept_a1": 2, "dept_a2": 1}),
        # boards and the municipality: small numbers hidden (item 10, decision 0024)
        ("board_a", None, {"dept_a1": None, "dept_a2": None}),
        ("caretaker_a", 3, {"dept_a1": 2, "dept_a2": 1}),
        ("dept_board_a1", None, {"dept_a1": None}),
        ("municipal", None, {"dept_a1": None, "dept_a2": None, "dept_b1": None}),
        ("staff_b", 1, {"dept_b1": 1}),
        ("nobody", 0, {}),
    ],
)
def test_statistics_count_the_cases_of_the_visible_departments(
    cw, client_for, persona, total, departments
):
    # 2026: case_a1, case_shared (dept_a1), case_a2 (dept_a2), case_b1; case_closed is 2025's.
    body = client_for(persona).get(f"{LIST}statistics/", {"year": 2026}).json()
    assert (body["year"], body["total"], body["open"]) == (2026, total, total)
    assert {d["department_id"]: d["count"] for d in body["by_department"]} == {
        getattr(cw, name).pk: n for name, n in departments.items()
    }
    # counts only: no reference, address, description or name anywhere in the answer
    text = json.dumps(body, ensure_ascii=False)
    for secret in ("BS-2026", "Alfavej", "Høj musik", "Klagesen", "Samtykke"):
        assert secret not in text


@pytest.mark.parametrize(
    ("persona", "exact", "fewer_than"),
    [
        ("staff_a", True, []),
        (
            "board_a",
            False,
            ["total", "open", "by_department.{a1}.count", "by_department.{a2}.count"],
        ),
        ("dept_board_a1", False, ["total", "open", "by_department.{a1}.count"]),
    ],
)
def test_statistics_name_the_counts_hidden_from_boards(cw, client_for, persona, exact, fewer_than):
    body = client_for(persona).get(f"{LIST}statistics/", {"year": 2026}).json()
    names = {"a1": cw.dept_a1.pk, "a2": cw.dept_a2.pk}
    assert (body["disclosure"]["exact"], body["disclosure"]["min_count"]) == (exact, 5)
    listed = body["disclosure"]["fewer_than"]
    assert [p for p in listed if p in {f.format(**names) for f in fewer_than}] == [
        f.format(**names) for f in fewer_than
    ]
    if exact:
        assert (listed, body["disclosure"]["hidden"]) == ([], [])
    else:
        # every path named is null in the answer, every null count is named
        assert body["total"] is None and set(body["by_track"].values()) == {None}


def test_a_department_is_not_the_total_minus_the_other_departments(cw, client_for):
    # dept_a1: 2 + 6 = 8 cases, dept_a2: 1 -> total 9 for org A. The board may not read
    # dept_a1 = 9 - "<5": dept_a1 is hidden too ("x"), the total is shown.
    for _ in range(6):
        CaseFactory(department=cw.dept_a1)
    board = client_for("board_a").get(f"{LIST}statistics/", {"year": 2026}).json()
    staff = client_for("staff_a").get(f"{LIST}statistics/", {"year": 2026}).json()
    a1, a2 = cw.dept_a1.pk, cw.dept_a2.pk
    assert {d["department_id"]: d["count"] for d in staff["by_department"]} == {a1: 8, a2: 1}
    assert staff["total"] == 9
    assert {d["department_id"]: d["count"] for d in board["by_department"]} == {a1: None, a2: None}
    assert board["total"] == 9
    assert f"by_department.{a2}.count" in board["disclosure"]["fewer_than"]
    assert f"by_department.{a1}.count" in board["disclosure"]["hidden"]


def test_statistics_of_2025_hold_the_closed_case(cw, client_for):
    body = client_for("head_a").get(f"{LIST}statistics/", {"year": 2025}).json()
    assert (body["total"], body["open"], body["by_outcome"]) == (1, 0, {"resolved_dialogue": 1})


# --- the OpenAPI schema --------------------------------------------------------------------------

CASE_PATHS = {
    "/api/v1/cases/": {"get", "post"},
    "/api/v1/cases/{id}/": {"get", "patch"},
    "/api/v1/cases/{id}/events/": {"get", "post"},
    "/api/v1/cases/{id}/parties/": {"get", "post"},
    "/api/v1/cases/{id}/deadlines/": {"get"},
    "/api/v1/cases/{id}/record-contact/": {"post"},
    "/api/v1/cases/{id}/close/": {"post"},
    "/api/v1/cases/{id}/reopen/": {"post"},
    "/api/v1/cases/{id}/legal-step/": {"post"},
    "/api/v1/cases/{id}/board-decision/": {"post"},
    "/api/v1/cases/{id}/court-outcome/": {"post"},
    "/api/v1/cases/{id}/legal-track/": {"get"},
    "/api/v1/cases/{id}/letters/": {"get", "post"},
    "/api/v1/cases/{id}/letters/{letter_pk}/": {"get", "patch"},
    "/api/v1/cases/{id}/letters/{letter_pk}/issue/": {"post"},
    "/api/v1/cases/{id}/letters/{letter_pk}/pdf/": {"get"},
    "/api/v1/cases/statistics/": {"get"},
}


@pytest.mark.django_db
def test_the_case_endpoints_are_in_the_schema_without_warnings(tmp_path):
    import yaml
    from django.core.management import call_command

    target = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    schema = yaml.safe_load(target.read_text())
    paths = {p: set(ops) for p, ops in schema["paths"].items() if p.startswith("/api/v1/cases")}
    assert paths == CASE_PATHS
    params = {p["name"] for p in schema["paths"]["/api/v1/cases/"]["get"]["parameters"]}
    assert params == {
        "status",
        "open",
        "kind",
        "track",
        "category",
        "priority",
        "department",
        "assignee",
        "overdue",
        "due_soon",
        "received_from",
        "received_to",
        "search",
        "ordering",
        "page",
        "page_size",
    }
    conflict = schema["paths"]["/api/v1/cases/{id}/"]["patch"]["responses"]["409"]
    assert conflict["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/StaleCase"
    }
