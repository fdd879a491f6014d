"""Input the API cannot hold is a Danish 400 (or a 404 for an id) with nothing written, never a
500: format suffixes on case actions, deeply nested JSON, ids and integers beyond 64 bits, dates
outside 2000…2100. Case pages, letter PDFs and the API tell caches to keep nothing."""

import pytest
from django.urls import reverse

from boligsocial.audit.models import ChangeLogEntry
from boligsocial.cases.models import Case, Event, Letter, Party, ReferenceCounter
from boligsocial.cases.tests.factories import cases_world
from conftest import PERSONAS

CASE_ACTIONS_GET = ("", "parties/", "events/", "deadlines/")
TOO_BIG = 2**70


@pytest.fixture
def cw(world, personas):
    cases_world(world, personas)
    ReferenceCounter.objects.update_or_create(year=2026, defaults={"last": 100})
    return world


def _state():
    return (
        Case.objects.count(),
        Party.objects.count(),
        Event.objects.count(),
        ChangeLogEntry.objects.count(),
        list(ReferenceCounter.objects.values_list("year", "last").order_by("year")),
        sorted(Case.objects.values_list("pk", "version")),
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_format_suffix_on_every_case_route_answers_like_without_it(cw, client_for, persona):
    """`/cases/1/parties.json` was a TypeError (500) for every persona: the same status and body
    as without the suffix now."""
    client = client_for(persona)
    pk = cw.case_a1.pk
    for action in CASE_ACTIONS_GET:
        plain = client.get(f"/api/v1/cases/{pk}/{action}")
        url = (
            f"/api/v1/cases/{pk}/{action.rstrip('/')}.json"
            if action
            else f"/api/v1/cases/{pk}.json"
        )
        suffixed = client.get(url)
        assert suffixed.status_code == plain.status_code, url
        assert suffixed.content == plain.content, url
    statistics = client.get("/api/v1/cases/statistics.json")
    assert statistics.status_code == client.get("/api/v1/cases/statistics/").status_code


def test_format_suffix_on_a_write_action_writes_like_without_it(cw, client_for):
    client = client_for("staff_a")
    response = client.post(
        f"/api/v1/cases/{cw.case_a1.pk}/parties.json",
        {"role": "witness", "name": "Vibeke Vidne"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["name"] == "Vibeke Vidne"
    assert list(cw.case_a1.parties.filter(role="witness").values_list("name", flat=True)) == [
        "Vibeke Vidne"
    ]


def test_an_unknown_format_suffix_is_404(cw, client_for):
    response = client_for("staff_a").get(f"/api/v1/cases/{cw.case_a1.pk}/parties.xml")
    assert response.status_code == 404
    assert response.json() == {"detail": "Ikke fundet."}


@pytest.mark.parametrize("depth", [33, 5_000, 200_000])
def test_deeply_nested_json_is_a_danish_400_and_changes_nothing(cw, client_for, depth):
    before = _state()
    body = '{"role": ' + "[" * depth + "]" * depth + "}"
    response = client_for("staff_a").post(
        f"/api/v1/cases/{cw.case_a1.pk}/parties/", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "JSON-data er indlejret for dybt (højst 32 niveauer)."}
    assert _state() == before


def test_json_at_the_depth_limit_is_parsed(cw, client_for):
    """32 levels parse (and the service then refuses the role's shape, a field error)."""
    body = '{"role": ' + "[" * 31 + "]" * 31 + ', "name": "x"}'
    response = client_for("staff_a").post(
        f"/api/v1/cases/{cw.case_a1.pk}/parties/", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["role"]


def test_invalid_json_and_nan_are_a_danish_400(cw, client_for):
    before = _state()
    for body in ('{"role": ', '{"minutes": NaN}', b"\xff\xfe"):
        response = client_for("staff_a").post(
            f"/api/v1/cases/{cw.case_a1.pk}/events/", body, content_type="application/json"
        )
        assert response.status_code == 400, body
        assert response.json() == {"detail": "Forespørgslens indhold er ikke gyldig JSON."}, body
    assert _state() == before


def test_a_too_large_id_in_the_path_is_404(cw, client_for):
    client = client_for("staff_a")
    for url in (
        f"/api/v1/cases/{TOO_BIG}/",
        f"/api/v1/cases/{TOO_BIG}/parties/",
        f"/api/v1/cases/{TOO_BIG}/close/",
        f"/api/v1/leases/{TOO_BIG}/",
        f"/api/v1/departments/{TOO_BIG}/",
    ):
        response = client.post(url) if url.endswith("close/") else client.get(url)
        assert response.status_code == 404, url
        assert response.json() == {"detail": "Ikke fundet."}, url


def test_too_large_ids_in_filters_are_a_danish_400(cw, client_for):
    for url in (f"/api/v1/cases/?department={TOO_BIG}", f"/api/v1/leases/?department={TOO_BIG}"):
        response = client_for("staff_a").get(url)
        assert response.status_code == 400, url
        assert response.json() == {
            "department": ["Denne værdi skal være mindre end eller lig 9223372036854775807."]
        }


def test_too_large_ids_and_integers_in_bodies_are_a_danish_400_and_change_nothing(cw, client_for):
    client = client_for("staff_a")
    case = cw.case_a1
    before = _state()
    cases = [
        ("/api/v1/cases/", {"department": TOO_BIG, "address": "x"}, "department"),
        (
            f"/api/v1/cases/{case.pk}/parties/",
            {"role": "witness", "name": "x", "lease": TOO_BIG},
            "lease",
        ),
        (f"/api/v1/cases/{case.pk}/", {"version": TOO_BIG, "address": "y"}, "version"),
        (f"/api/v1/cases/{case.pk}/close/", {"outcome": "resolved", "version": TOO_BIG}, "version"),
    ]
    for url, body, field in cases:
        send = client.patch if url.endswith(f"{case.pk}/") else client.post
        response = send(url, body, content_type="application/json")
        assert response.status_code == 400, (url, response.content)
        assert field in response.json(), (url, response.json())
    assert _state() == before


def test_year_one_is_refused_in_danish_and_no_reference_is_made(cw, client_for):
    """`received_at` 0001-01-01 made the reference BS-1-0001."""
    before = _state()
    response = client_for("staff_a").post(
        "/api/v1/cases/",
        {
            "department": cw.dept_a1.pk,
            "address": "Alfavej 9",
            "kind": "house_rules",
            "track": "trivsel",
            "category": "noise",
            "description": "Larm",
            "received_at": "0001-01-01T00:00:00Z",
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json() == {"received_at": ["Angiv en dato mellem 01-01-2000 og 31-12-2100."]}
    assert _state() == before
    assert not Case.objects.filter(reference__startswith="BS-1-").exists()


def test_a_date_before_2000_in_a_case_change_is_refused(cw, client_for):
    case = cw.case_a1
    before = _state()
    response = client_for("staff_a").patch(
        f"/api/v1/cases/{case.pk}/",
        {"incident_at": "1999-12-31T12:00:00Z", "version": case.version},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json() == {"incident_at": ["Angiv en dato mellem 01-01-2000 og 31-12-2100."]}
    assert _state() == before


def test_the_page_form_refuses_year_one_too(cw, client_for):
    case = cw.case_a1
    before = _state()
    response = client_for("staff_a").post(
        reverse("cases:event", args=[case.pk]),
        {"kind": "note", "occurred_at": "0001-01-01T10:00", "text": "Notat"},
    )
    assert response.status_code == 200
    assert "Angiv en dato mellem 01-01-2000 og 31-12-2100." in response.content.decode()
    assert _state() == before


# --- Cache-Control ------------------------------------------------------------------------------


def _no_store(response) -> bool:
    parts = {p.strip() for p in response.get("Cache-Control", "").split(",")}
    return {"no-store", "private"} <= parts


def test_case_pages_the_case_api_and_letter_pdfs_are_never_stored(cw, client_for):
    client = client_for("staff_a")
    case = cw.case_a1
    client.post(reverse("cases:letter_create", args=[case.pk, "warning"]))
    letter = Letter.objects.get()
    for url in (
        reverse("cases:list"),
        reverse("cases:detail", args=[case.pk]),
        reverse("cases:letter_pdf", args=[case.pk, letter.pk]),
        "/api/v1/cases/",
        f"/api/v1/cases/{case.pk}/",
        f"/api/v1/cases/{case.pk}/parties/",
        "/api/v1/leases/",
        f"/api/v1/cases/{TOO_BIG}/",  # the 404 of the API too
    ):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert _no_store(response), (url, response.get("Cache-Control"))


def test_pages_without_personal_data_may_be_cached(cw, client_for):
    """The header is not sent everywhere (the test above can fail)."""
    response = client_for("staff_a").get(reverse("site:home"))
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
