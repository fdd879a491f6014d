"""The cases API, writing: who may open, change and act on a case (persona tables written out
by hand), optimistic concurrency (409 with the current values), and bad input (forged ids, wrong
dates, unknown choices) answered 400 in Danish with nothing changed."""

import pytest
from django.contrib.contenttypes.models import ContentType

from boligsocial.audit.models import AccessLogEntry
from boligsocial.cases.models import Case, Event, Party
from boligsocial.cases.tests import test_api
from conftest import PERSONAS

# The fixture of the read tests: cases_world.
cw = test_api.cw

LIST = "/api/v1/cases/"


def snapshot():
    """Everything the API could change."""
    return (
        sorted(Case.objects.values_list("id", "version", "status", "description", "legal_step")),
        Event.objects.count(),
        Party.objects.count(),
    )


def log_rows():
    rows = AccessLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Case))
    return sorted((r.user.username, int(r.object_id), r.route) for r in rows)


def new_case(world, **overrides):
    return {
        "department": world.dept_a1.pk,
        "kind": "house_rules",
        "track": "trivsel",
        "category": "noise",
        "description": "Støj fra altanen om natten.",
        "received_at": "2026-03-02T10:00:00+01:00",
        **overrides,
    }


# --- who may write: persona × action, by hand ----------------------------------------------------

# anonymous 403; may change: 200/201; may read but not change (the share): 403; others 404.
WRITE_ON_CASE_A1 = {
    "anonymous": 403,
    "admin": 200,
    "staff_a": 200,
    "head_a": 200,
    "board_a": 404,
    "dept_board_a1": 404,
    "caretaker_a": 404,
    "staff_b": 404,
    "municipal": 404,
    "nobody": 404,
}
WRITE_ON_SHARED = {**WRITE_ON_CASE_A1, "municipal": 403}
ACTIONS = {
    "record-contact": {"kind": "call", "text": "Talt med begge parter."},
    "close": {"outcome": "resolved_dialogue"},
    "legal-step": {"step": "request"},
}


@pytest.mark.parametrize("action", sorted(ACTIONS))
@pytest.mark.parametrize("persona", PERSONAS)
def test_actions_per_persona(cw, client_for, persona, action):
    for case, table in ((cw.case_a1, WRITE_ON_CASE_A1), (cw.case_shared, WRITE_ON_SHARED)):
        before = snapshot()
        response = client_for(persona).post(
            f"{LIST}{case.pk}/{action}/", ACTIONS[action], content_type="application/json"
        )
        assert response.status_code == table[persona], (case.reference, response.content)
        if response.status_code != 200:
            assert snapshot() == before


@pytest.mark.parametrize("persona", PERSONAS)
def test_change_per_persona(cw, client_for, persona):
    for case, table in ((cw.case_a1, WRITE_ON_CASE_A1), (cw.case_shared, WRITE_ON_SHARED)):
        before = snapshot()
        response = client_for(persona).patch(
            f"{LIST}{case.pk}/",
            {"priority": "high", "version": 1},
            content_type="application/json",
        )
        assert response.status_code == table[persona], case.reference
        if response.status_code != 200:
            assert snapshot() == before


@pytest.mark.parametrize("persona", PERSONAS)
def test_events_and_parties_post_per_persona(cw, client_for, persona):
    bodies = {
        "events": {"kind": "note", "occurred_at": "2026-03-03T12:00:00+01:00", "text": "Notat."},
        "parties": {"role": "witness", "name": "Vibeke Vidne"},
    }
    for case, table in ((cw.case_a1, WRITE_ON_CASE_A1), (cw.case_shared, WRITE_ON_SHARED)):
        for child, body in bodies.items():
            before = snapshot()
            response = client_for(persona).post(
                f"{LIST}{case.pk}/{child}/", body, content_type="application/json"
            )
            expected = 201 if table[persona] == 200 else table[persona]
            assert response.status_code == expected, (case.reference, child)
            if expected != 201:
                assert snapshot() == before


CREATE = {
    "anonymous": 403,
    "admin": 201,
    "staff_a": 201,
    "head_a": 201,
    "board_a": 403,
    "dept_board_a1": 403,
    "caretaker_a": 403,
    "staff_b": 400,  # may open cases, but not in org A's department: a forged id
    "municipal": 403,
    "nobody": 403,
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_create_per_persona(cw, client_for, persona):
    before = snapshot()
    response = client_for(persona).post(LIST, new_case(cw), content_type="application/json")
    assert response.status_code == CREATE[persona]
    if response.status_code != 201:
        assert snapshot() == before


# --- creating ------------------------------------------------------------------------------------


def test_create_opens_a_received_case_with_its_deadline_and_logs_one_read(cw, client_for):
    response = client_for("staff_a").post(
        LIST, new_case(cw, lease=cw.lease_a1.pk), content_type="application/json"
    )
    assert response.status_code == 201
    body = response.json()
    case = Case.objects.get(pk=body["id"])
    assert (case.status, case.department, case.lease, case.address) == (
        "received",
        cw.dept_a1,
        cw.lease_a1,
        "Alfavej 1, st. tv.",
    )
    # Monday 2 March 2026 + 2 working days
    assert body["first_contact_due"] == "2026-03-04"
    assert body["reference"] == case.reference
    assert case.created_by.username == "staff-a"
    assert log_rows() == [("staff-a", case.pk, "api:case-list")]


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        (
            {"department": "dept_b1"},
            {"department": ["Ukendt id, eller et du ikke har adgang til: {dept_b1}."]},
        ),
        (
            {"department": 999999},
            {"department": ["Ukendt id, eller et du ikke har adgang til: 999999."]},
        ),
        (
            {"lease": "lease_b1"},
            {"lease": ["Ukendt id, eller et du ikke har adgang til: {lease_b1}."]},
        ),
        ({"lease": "lease_a2"}, {"lease": ["Lejemålet hører ikke til sagens afdeling."]}),
        (
            {"assignee": "staff_b"},
            {"assignee": ["Ukendt id, eller et du ikke har adgang til: {staff_b}."]},
        ),
        ({"kind": "klage"}, {"kind": ['"klage" er ikke et gyldigt valg.']}),
        ({"category": "larm"}, {"category": ['"larm" er ikke et gyldigt valg.']}),
        (
            {"received_at": "2026-02-30T10:00"},
            {
                "received_at": [
                    "Datotid har et forkert format. Brug i stedet et af disse formater: "
                    "YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."
                ]
            },
        ),
        (
            {"received_at": "2999-01-01T10:00:00+01:00"},
            {"received_at": ["Tidspunktet kan ikke ligge i fremtiden."]},
        ),
        ({"track": None}, {"track": ["Dette felt må ikke være null."]}),
    ],
)
def test_create_with_bad_input_is_400_in_danish_and_changes_nothing(
    cw, client_for, personas, overrides, errors
):
    names = {
        "dept_b1": cw.dept_b1.pk,
        "lease_b1": cw.lease_b1.pk,
        "lease_a2": cw.lease_a2.pk,
        "staff_b": personas["staff_b"].pk,
    }
    resolved = {k: names.get(v, v) if isinstance(v, str) else v for k, v in overrides.items()}
    before = snapshot()
    response = client_for("staff_a").post(
        LIST, new_case(cw, **resolved), content_type="application/json"
    )
    assert response.status_code == 400
    expected = {field: [m.format(**names) for m in messages] for field, messages in errors.items()}
    assert response.json() == expected
    assert snapshot() == before
    assert log_rows() == []


# --- changing: optimistic concurrency -----------------------------------------------------------


def test_change_with_the_current_version_saves_and_bumps_it(cw, client_for):
    client = client_for("staff_a")
    url = f"{LIST}{cw.case_a1.pk}/"
    response = client.patch(
        url, {"description": "Ny beskrivelse.", "version": 1}, content_type="application/json"
    )
    assert response.status_code == 200
    assert (response.json()["description"], response.json()["version"]) == ("Ny beskrivelse.", 2)
    cw.case_a1.refresh_from_db()
    assert (cw.case_a1.description, cw.case_a1.version) == ("Ny beskrivelse.", 2)
    assert log_rows() == [("staff-a", cw.case_a1.pk, "api:case-detail")]


def test_a_stale_version_is_409_with_the_current_values_and_nothing_changes(cw, client_for):
    url = f"{LIST}{cw.case_a1.pk}/"
    first = client_for("staff_a").patch(
        url,
        {"description": "Staff A's text.", "priority": "high", "version": 1},
        content_type="application/json",
    )
    assert first.status_code == 200
    before = snapshot()
    second = client_for("head_a").patch(
        url,
        {"description": "Head A's text.", "priority": "high", "version": 1},
        content_type="application/json",
    )
    assert second.status_code == 409
    body = second.json()
    assert set(body) == {"detail", "current", "differing_fields"}
    assert body["detail"].startswith("En anden har ændret sagen, siden du læste den.")
    assert body["current"]["description"] == "Staff A's text."
    assert body["current"]["version"] == 2
    assert body["differing_fields"] == ["description"]  # priority: both chose "high"
    assert snapshot() == before
    assert log_rows() == sorted(
        [
            ("staff-a", cw.case_a1.pk, "api:case-detail"),
            ("head-a", cw.case_a1.pk, "api:case-detail"),
        ]
    )


def test_a_change_without_a_version_is_400(cw, client_for):
    before = snapshot()
    response = client_for("staff_a").patch(
        f"{LIST}{cw.case_a1.pk}/", {"priority": "high"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {"version": ["Angiv den version, du har taget udgangspunkt i."]}
    assert snapshot() == before


def test_a_case_cannot_be_moved_to_another_organisation(cw, client_for):
    before = snapshot()
    response = client_for("admin").patch(
        f"{LIST}{cw.case_a1.pk}/",
        {"department": cw.dept_b1.pk, "version": 1},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "department": ["En sag kan ikke flyttes til en anden boligorganisation."]
    }
    assert snapshot() == before


def test_put_and_delete_are_not_offered(cw, client_for):
    client = client_for("admin")
    url = f"{LIST}{cw.case_a1.pk}/"
    assert client.put(url, {}, content_type="application/json").status_code == 405
    assert client.delete(url).status_code == 405
    assert Case.objects.filter(pk=cw.case_a1.pk).exists()


# --- actions -------------------------------------------------------------------------------------


def test_record_contact_meets_the_deadline_and_sets_the_status(cw, client_for):
    response = client_for("staff_a").post(
        f"{LIST}{cw.case_a1.pk}/record-contact/",
        {"kind": "visit", "occurred_at": "2026-03-03T10:00:00+01:00", "minutes": 30},
        content_type="application/json",
    )
    assert response.status_code == 200
    body = response.json()
    # Every open case has a next deadline: the follow-up, 10 working days after the contact.
    assert (body["status"], body["first_contact_at"], body["next_due"]) == (
        "contacted",
        "2026-03-03T10:00:00+01:00",
        "2026-03-17",
    )
    assert cw.case_a1.deadlines.get(kind="first_contact").met_at is not None
    assert log_rows() == [("staff-a", cw.case_a1.pk, "api:case-record-contact")]


def test_close_with_an_unknown_outcome_is_400_and_nothing_changes(cw, client_for):
    before = snapshot()
    response = client_for("staff_a").post(
        f"{LIST}{cw.case_a1.pk}/close/", {"outcome": "glemt"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {"outcome": ['"glemt" er ikke et gyldigt valg.']}
    assert snapshot() == before


def test_close_then_closing_again_is_400(cw, client_for):
    client = client_for("staff_a")
    url = f"{LIST}{cw.case_a1.pk}/close/"
    first = client.post(url, {"outcome": "warning"}, content_type="application/json")
    assert first.status_code == 200
    assert (first.json()["status"], first.json()["outcome"]) == ("closed", "warning")
    before = snapshot()
    second = client.post(url, {"outcome": "warning"}, content_type="application/json")
    assert second.status_code == 400
    assert second.json() == {"non_field_errors": ["Sagen er afsluttet. Genåbn den først."]}
    assert snapshot() == before


def test_an_action_with_a_stale_version_is_409(cw, client_for):
    client = client_for("staff_a")
    client.patch(
        f"{LIST}{cw.case_a1.pk}/",
        {"priority": "high", "version": 1},
        content_type="application/json",
    )
    before = snapshot()
    response = client.post(
        f"{LIST}{cw.case_a1.pk}/close/",
        {"outcome": "dropped", "version": 1},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert response.json()["current"]["status"] == "received"
    assert snapshot() == before


def test_complaints_board_needs_a_prior_warning_with_a_danish_reason(cw, client_for):
    url = f"{LIST}{cw.case_a1.pk}/legal-step/"
    client = client_for("staff_a")
    before = snapshot()
    response = client.post(url, {"step": "complaints_board"}, content_type="application/json")
    assert response.status_code == 400
    [message] = response.json()["non_field_errors"]
    assert message.startswith("Beboerklagenævnet behandler kun en husordenssag")
    assert snapshot() == before
    assert client.post(url, {"step": "warning"}, content_type="application/json").status_code == 200
    response = client.post(url, {"step": "complaints_board"}, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["legal_step"] == "complaints_board"


def test_complaints_board_without_warning_for_violence(cw, client_for):
    Case.objects.filter(pk=cw.case_a1.pk).update(category="violence_threats")
    response = client_for("staff_a").post(
        f"{LIST}{cw.case_a1.pk}/legal-step/",
        {"step": "complaints_board"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["legal_step"] == "complaints_board"


def test_record_an_event_and_add_a_party(cw, client_for, personas):
    client = client_for("head_a")
    event = client.post(
        f"{LIST}{cw.case_a1.pk}/events/",
        {
            "kind": "meeting",
            "occurred_at": "2026-03-05T14:00:00+01:00",
            "minutes": 45,
            "text": "Møde",
        },
        content_type="application/json",
    )
    assert event.status_code == 201
    assert (event.json()["kind"], event.json()["minutes"], event.json()["created_by"]) == (
        "meeting",
        45,
        personas["head_a"].pk,
    )
    party = client.post(
        f"{LIST}{cw.case_a1.pk}/parties/",
        {"role": "witness", "name": "  Vibeke   Vidne ", "lease": cw.lease_a1.pk},
        content_type="application/json",
    )
    assert party.status_code == 201
    assert (party.json()["name"], party.json()["lease"]) == ("Vibeke Vidne", cw.lease_a1.pk)
    assert log_rows() == [
        ("head-a", cw.case_a1.pk, "api:case-events"),
        ("head-a", cw.case_a1.pk, "api:case-parties"),
    ]


@pytest.mark.parametrize(
    ("child", "body", "errors"),
    [
        ("events", {"kind": "status_change", "occurred_at": "2026-03-03T10:00:00+01:00"}, ["kind"]),
        ("events", {"kind": "call", "occurred_at": "i går"}, ["occurred_at"]),
        ("events", {"kind": "note", "occurred_at": "2026-03-03T10:00:00+01:00"}, ["text"]),
        ("parties", {"role": "witness", "name": ""}, ["name"]),
        ("parties", {"role": "witness", "name": "X", "lease": "lease_b1"}, ["lease"]),
        ("parties", {"role": "witness", "name": "X", "email": "ikke-en-adresse"}, ["email"]),
    ],
)
def test_bad_events_and_parties_are_400_and_change_nothing(cw, client_for, child, body, errors):
    body = {k: cw.lease_b1.pk if v == "lease_b1" else v for k, v in body.items()}
    before = snapshot()
    response = client_for("staff_a").post(
        f"{LIST}{cw.case_a1.pk}/{child}/", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert sorted(response.json()) == errors
    assert snapshot() == before
    assert log_rows() == []
