"""The screening API: exactly what each persona sees, the bulk write of values (the file import's
rules, all or nothing, idempotent), new legend versions (administrators only), the schema."""

from decimal import Decimal

import pytest
from django.db.models import Q
from django.urls import include, path
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

from boligsocial.screening.models import (
    ImportBatch,
    IndicatorValue,
    LegendSet,
    Light,
    StatutoryStatus,
)
from boligsocial.screening.tests.factories import (
    A1_OUTSIDE_WORK_2024,
    SUPPRESSED,
    UNCOLOURED,
    screening_world,
)

# Written out by hand from the world fixture (conftest.py) and the access rules.
DEPARTMENTS = {
    "admin": {"dept_a1", "dept_a2", "dept_b1", "dept_b_other"},
    "staff_a": {"dept_a1", "dept_a2"},
    "head_a": {"dept_a1", "dept_a2"},
    "board_a": {"dept_a1", "dept_a2"},
    "caretaker_a": {"dept_a1", "dept_a2"},
    "dept_board_a1": {"dept_a1"},
    "staff_b": {"dept_b1", "dept_b_other"},
    "municipal": {"dept_a1", "dept_a2", "dept_b1"},
    "nobody": set(),
}
AREAS = {
    "admin": {"area_shared", "area_a2", "area_other"},
    "staff_a": {"area_shared", "area_a2"},
    "head_a": {"area_shared", "area_a2"},
    "board_a": {"area_shared", "area_a2"},
    "caretaker_a": {"area_shared", "area_a2"},
    "dept_board_a1": {"area_shared"},
    "staff_b": {"area_shared", "area_other"},
    "municipal": {"area_shared", "area_a2"},
    "nobody": set(),
}
SEES_NATIONAL = set(DEPARTMENTS) - {"nobody"}


@pytest.fixture
def sworld(world, personas):
    return screening_world(world)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def client_for(client_for, settings):
    """The personas' clients in English: messages are asserted as msgids, independent of the
    wording of the Danish catalogue (the e2e test asserts the Danish texts)."""

    def make(name):
        client = client_for(name)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return make


def _all(client, url, **params) -> list[dict]:
    results, page = [], 1
    while True:
        data = client.get(url, {**params, "page": page, "page_size": 500}).json()
        results += data["results"]
        if not data["next"]:
            return results
        page += 1


def _scope(world, persona, national: bool) -> Q:
    q = Q(department__in=[getattr(world, n).pk for n in DEPARTMENTS[persona]]) | Q(
        area__in=[getattr(world, n).pk for n in AREAS[persona]]
    )
    if national:
        q |= Q(department__isnull=True, area__isnull=True)
    return q


@pytest.mark.parametrize("persona", sorted(DEPARTMENTS))
def test_indicator_values_are_exactly_those_in_scope(sworld, client_for, persona):
    shown = {v["id"] for v in _all(client_for(persona), "/api/v1/indicator-values/")}
    expected = IndicatorValue.objects.filter(
        _scope(sworld, persona, persona in SEES_NATIONAL)
    ).values_list("id", flat=True)
    assert shown == set(expected)
    if persona != "nobody":
        assert len(shown) > 0


@pytest.mark.parametrize("persona", sorted(DEPARTMENTS))
def test_lights_are_exactly_those_in_scope(sworld, client_for, persona):
    shown = {v["id"] for v in _all(client_for(persona), "/api/v1/lights/")}
    expected = Light.objects.filter(_scope(sworld, persona, False)).values_list("id", flat=True)
    assert shown == set(expected)


@pytest.mark.parametrize("persona", sorted(AREAS))
def test_statutory_statuses_are_exactly_those_in_scope(sworld, client_for, persona):
    shown = {v["id"] for v in _all(client_for(persona), "/api/v1/statutory-statuses/")}
    area_ids = [getattr(sworld, n).pk for n in AREAS[persona]]
    assert shown == set(
        StatutoryStatus.objects.filter(area__in=area_ids).values_list("id", flat=True)
    )


def test_value_filters(sworld, client_for):
    client = client_for("staff_a")
    rows = _all(
        client,
        "/api/v1/indicator-values/",
        year=2024,
        indicator="outside_work_education",
        department=sworld.dept_a1.pk,
    )
    assert [(r["department"], r["year"], r["indicator"]) for r in rows] == [
        (sworld.dept_a1.pk, 2024, "outside_work_education")
    ]
    national = _all(client, "/api/v1/indicator-values/", national="true", year=2024)
    assert {(r["department"], r["area"]) for r in national} == {(None, None)}
    # Another organisation's department: an empty list, not an error.
    assert _all(client, "/api/v1/indicator-values/", department=sworld.dept_b1.pk) == []


def test_light_filters_and_detail_outside_scope_is_404(sworld, client_for):
    client = client_for("dept_board_a1")
    rows = _all(client, "/api/v1/lights/", year=2024)
    assert {(r["department"], r["area"], r["year"]) for r in rows} == {
        (sworld.dept_a1.pk, None, 2024),
        (None, sworld.area_shared.pk, 2024),
    }
    rows = _all(client, "/api/v1/lights/", department=sworld.dept_a1.pk)
    assert [(r["department"], r["year"]) for r in rows] == [
        (sworld.dept_a1.pk, year) for year in (2022, 2023, 2024)
    ]
    assert client.get(f"/api/v1/lights/{sworld.light_a2.pk}/").status_code == 404
    assert client.get(f"/api/v1/lights/{sworld.light_a1.pk}/").status_code == 200


def test_indicators_and_legend_sets_are_listed_for_everyone(world, client_for):
    data = client_for("nobody").get("/api/v1/indicators/", {"page_size": 100}).json()
    assert [i["code"] for i in data["results"]][:3] == [
        "residents",
        "outside_work_education",
        "convicted",
    ]
    legend = client_for("staff_b").get("/api/v1/legend-sets/").json()["results"][0]
    assert (legend["indicator"], legend["version"]) == ("outside_work_education", 1)
    assert legend["ranges"][0] == {"lower": None, "upper": "30.0001", "colour": "green"}


# --- bulk write of values ----------------------------------------------------------------------


def _item(world, **kwargs) -> dict:
    item = {"year": 2023, "indicator": "children", "department": world.dept_a1.pk, "value": "12.5"}
    item.update(kwargs)
    return item


def _values():
    return sorted(
        IndicatorValue.objects.values_list(
            "indicator__code", "department_id", "area_id", "year", "value", "source"
        )
    )


def test_bulk_post_creates_then_changes_nothing_then_updates(world, client_for):
    client = client_for("head_a")
    items = [
        _item(world, source="API-test"),
        _item(world, department=world.dept_a2.pk, numerator=3, denominator=40),
        _item(world, department=None, area=world.area_a2.pk, value=7),
    ]
    first = client.post("/api/v1/indicator-values/", items, content_type="application/json")
    assert first.status_code == 200
    batch = ImportBatch.objects.get(pk=first.json()["batch"])
    assert first.json() == {
        "batch": batch.pk,
        "status": "done",
        "created": 3,
        "updated": 0,
        "unchanged": 0,
    }
    assert (batch.filename, batch.created_by.username, batch.organisation) == (
        "API",
        "head-a",
        world.org_a,
    )
    again = client.post("/api/v1/indicator-values/", items, content_type="application/json")
    assert (again.json()["created"], again.json()["unchanged"]) == (0, 3)
    items[0]["value"] = "13"
    third = client.post("/api/v1/indicator-values/", items, content_type="application/json")
    assert (third.json()["updated"], third.json()["unchanged"]) == (1, 2)
    assert IndicatorValue.objects.get(department=world.dept_a1).value == Decimal(13)


def test_bulk_post_with_one_bad_item_changes_nothing_and_names_index_and_field(world, client_for):
    client = client_for("admin")
    client.post("/api/v1/indicator-values/", [_item(world)], content_type="application/json")
    before = _values()
    items = [
        _item(world, value="99"),
        _item(world, department=world.dept_a2.pk, value="101"),
        _item(world, indicator="nope"),
        _item(world, department=world.dept_a2.pk, year=2017, area=world.area_a2.pk),
        {"year": "x", "indicator": "children", "value": "1"},
    ]
    response = client.post("/api/v1/indicator-values/", items, content_type="application/json")
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Nothing was imported."
    assert body["errors"] == [
        {"index": 4, "field": "year", "message": "A valid integer is required."}
    ]
    assert _values() == before
    items.pop()
    response = client.post("/api/v1/indicator-values/", items, content_type="application/json")
    assert response.json()["errors"] == [
        {"index": 1, "field": "value", "message": "A percentage must be between 0 and 100."},
        {"index": 2, "field": "indicator", "message": "Unknown indicator code “nope”."},
        {"index": 3, "field": "area", "message": "Give a department or an area, not both."},
    ]
    assert _values() == before
    assert ImportBatch.objects.get(pk=response.json()["batch"]).status == "failed"


@pytest.mark.parametrize(
    ("item", "field", "message"),
    [
        (
            {"department": "dept_b1"},
            "department",
            "Department {dept_b1} does not exist, or you do not manage it.",
        ),
        (
            {"department": None, "area": "area_other"},
            "area",
            "Housing area {area_other} does not exist, or you do not have access to it.",
        ),
        (
            {"department": None, "area": "area_shared"},
            "area",
            "Only an administrator can import for this area: it has departments of housing "
            "organisations you do not manage.",
        ),
        (
            {"department": None},
            "indicator",
            "Only an administrator can import national values (values for neither a department "
            "nor an area).",
        ),
    ],
)
def test_bulk_post_refuses_what_the_manager_may_not_import(world, client_for, item, field, message):
    ids = {k: getattr(world, k).pk for k in ("dept_b1", "area_other", "area_shared")}
    resolved = {k: ids.get(v, v) for k, v in item.items()}
    response = client_for("management_a").post(
        "/api/v1/indicator-values/", [_item(world, **resolved)], content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"index": 0, "field": field, "message": message.format(**ids)}
    ]
    assert IndicatorValue.objects.count() == 0


@pytest.mark.parametrize("persona", ["staff_a", "caretaker_a", "dept_board_a1", "municipal"])
def test_bulk_post_is_403_for_those_who_cannot_import(world, client_for, persona):
    response = client_for(persona).post(
        "/api/v1/indicator-values/", [_item(world)], content_type="application/json"
    )
    assert response.status_code == 403
    assert IndicatorValue.objects.count() == 0
    assert ImportBatch.objects.count() == 0


def test_bulk_post_must_be_a_list(world, client_for):
    response = client_for("head_a").post(
        "/api/v1/indicator-values/", _item(world), content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "Send a list of one or more values."}


def test_bulk_post_of_a_national_value_by_an_administrator_rescreens(sworld, client_for):
    before = Light.objects.get(pk=sworld.light_a1.pk).computed_at
    item = {"year": 2024, "indicator": "convicted", "value": "1.5", "source": "DST"}
    response = client_for("admin").post(
        "/api/v1/indicator-values/", [item], content_type="application/json"
    )
    assert response.json()["updated"] == 1
    assert Light.objects.get(department=sworld.dept_a1, year=2024).computed_at > before


# --- legend sets -------------------------------------------------------------------------------

RANGES = [
    {"lower": None, "upper": "20", "colour": "green"},
    {"lower": "20", "upper": "35", "colour": "yellow"},
    {"lower": "35", "upper": None, "colour": "red"},
]


def test_an_administrator_creates_a_new_legend_version(world, client_for, personas):
    body = {"indicator": "outside_work_education", "note": "Strammere", "ranges": RANGES}
    response = client_for("admin").post(
        "/api/v1/legend-sets/", body, content_type="application/json"
    )
    assert response.status_code == 201, response.json()
    created = LegendSet.objects.get(pk=response.json()["id"])
    assert (created.version, created.note, created.created_by) == (
        2,
        "Strammere",
        personas["admin"],
    )
    assert [(r.lower, r.upper, r.colour) for r in created.ranges.all()] == [
        (None, Decimal(20), "green"),
        (Decimal(20), Decimal(35), "yellow"),
        (Decimal(35), None, "red"),
    ]


def test_a_legend_with_a_gap_is_refused_with_the_danish_message(world, client_for):
    ranges = [dict(RANGES[0]), {"lower": "21", "upper": None, "colour": "red"}]
    before = LegendSet.objects.count()
    response = client_for("admin").post(
        "/api/v1/legend-sets/",
        {"indicator": "outside_work_education", "ranges": ranges},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "ranges": [
            "Interval 2 starter ved 21,0000, men interval 1 slutter ved 20,0000: der er et hul."
        ]
    }
    assert LegendSet.objects.count() == before


@pytest.mark.parametrize("persona", ["head_a", "board_a", "staff_a", "municipal", "nobody"])
def test_only_administrators_create_legend_versions(world, client_for, persona):
    before = LegendSet.objects.count()
    response = client_for(persona).post(
        "/api/v1/legend-sets/",
        {"indicator": "outside_work_education", "ranges": RANGES},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert LegendSet.objects.count() == before


# --- schema --------------------------------------------------------------------------------------


def test_the_screening_api_is_in_the_openapi_schema_without_warnings(db, capsys):
    generator = SchemaGenerator(
        patterns=[path("api/v1/", include("boligsocial.screening.api_urls"))]
    )
    schema = generator.get_schema(request=None, public=True)
    validate_schema(schema)
    assert "Warning" not in capsys.readouterr().err
    assert {p: sorted(ops) for p, ops in schema["paths"].items()} == {
        "/api/v1/indicators/": ["get"],
        "/api/v1/indicators/{id}/": ["get"],
        "/api/v1/legend-sets/": ["get", "post"],
        "/api/v1/legend-sets/{id}/": ["get"],
        "/api/v1/indicator-values/": ["get", "post"],
        "/api/v1/indicator-values/{id}/": ["get"],
        "/api/v1/lights/": ["get"],
        "/api/v1/lights/{id}/": ["get"],
        "/api/v1/statutory-statuses/": ["get"],
        "/api/v1/statutory-statuses/{id}/": ["get"],
    }
    post = schema["paths"]["/api/v1/indicator-values/"]["post"]
    request = post["requestBody"]["content"]["application/json"]["schema"]
    assert request == {
        "type": "array",
        "items": {"$ref": "#/components/schemas/IndicatorValueInput"},
    }
    # and the generic answers of every endpoint (core.rest.DocumentedAutoSchema)
    assert set(post["responses"]) == {"200", "400", "401", "403"}


def test_a_light_shows_its_indicators_and_legend_sets_exactly(sworld, client_for):
    data = client_for("staff_a").get(f"/api/v1/lights/{sworld.light_a1.pk}/").json()
    assert data["indicators"]["outside_work_education"] == {
        **A1_OUTSIDE_WORK_2024,
        "small_number": None,
    }
    assert data["indicators"]["residents"] == {
        **UNCOLOURED,
        "value": "1220.0000",
        "small_number": None,
    }
    owe = LegendSet.objects.get(indicator__code="outside_work_education", version=1)
    assert data["legend_versions"]["outside_work_education"] == owe.pk
    assert "residents" not in data["legend_versions"]
    other = client_for("admin").get(f"/api/v1/lights/{sworld.light_b_other.pk}/").json()
    # 80 residents: register figures are suppressed
    assert other["indicators"]["outside_work_education"] == {**SUPPRESSED, "small_number": None}
    assert other["indicators"]["rent_arrears"]["value"] == "2.5000"


def test_the_municipality_gets_small_numbers_withheld_as_on_the_pages(sworld, client_for):
    """Issue 13 items 10 and 17 in the API: 6.0 evictions per 1,000 of Alfaparken's 100 leases
    in 2024 is one eviction, shown as "x" on the pages to the municipality and the boards; the
    API gave them the raw rate and its counts. Staff of the organisation see every figure."""
    stored = IndicatorValue.objects.get(
        department=sworld.dept_a1, indicator__code="evictions_per_1000", year=2024
    )
    residents = IndicatorValue.objects.get(
        department=sworld.dept_a1, indicator__code="residents", year=2024
    )
    params = {"department": sworld.dept_a1.pk, "year": 2024}

    def values(persona):
        rows = _all(client_for(persona), "/api/v1/indicator-values/", **params)
        return {r["indicator"]: r for r in rows}

    municipal, head = values("municipal"), values("head_a")
    assert municipal["evictions_per_1000"] == {
        "id": stored.pk,
        "indicator": "evictions_per_1000",
        "department": sworld.dept_a1.pk,
        "area": None,
        "year": 2024,
        "value": None,
        "numerator": None,
        "denominator": None,
        "source": stored.source,
        "batch": stored.batch_id,
        "small_number": "secondary",
    }
    assert municipal["residents"]["value"] == "1220.0000"  # not small: given
    assert (municipal["residents"]["numerator"], municipal["residents"]["small_number"]) == (
        None,
        None,
    )
    assert values("board_a")["evictions_per_1000"]["small_number"] == "secondary"
    assert (head["evictions_per_1000"]["value"], head["evictions_per_1000"]["small_number"]) == (
        "6.0000",
        None,
    )
    assert head["residents"]["numerator"] == residents.numerator
    light = client_for("municipal").get(f"/api/v1/lights/{sworld.light_a1.pk}/").json()
    cell = sworld.light_a1.indicators["evictions_per_1000"]
    assert light["indicators"]["evictions_per_1000"] == {
        "value": None,
        "colour": cell["colour"],
        "trend": None,
        "direction": None,
        "since": None,
        "suppressed": False,
        "legend_version": cell["legend_version"],
        "small_number": "secondary",
    }
    assert light["indicators"]["outside_work_education"] == {
        **A1_OUTSIDE_WORK_2024,
        "small_number": None,
    }
    staff = client_for("head_a").get(f"/api/v1/lights/{sworld.light_a1.pk}/").json()
    assert staff["indicators"]["evictions_per_1000"]["value"] == "6.0000"
    assert staff["indicators"]["evictions_per_1000"]["small_number"] is None
