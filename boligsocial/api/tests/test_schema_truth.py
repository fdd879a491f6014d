"""The OpenAPI schema and the API agree (issue 13 item 20), checked one finding at a time; the
whole contract is tests/test_api_schema_contract.py (schemathesis over every operation)."""

import pytest
from drf_spectacular.generators import SchemaGenerator

from boligsocial.cases.models import Case, ReferenceCounter
from boligsocial.cases.tests.factories import cases_world


@pytest.fixture(scope="module")
def document():
    return SchemaGenerator().get_schema(request=None, public=True)


@pytest.fixture
def cw(world, personas):
    cases_world(world, personas)
    ReferenceCounter.objects.update_or_create(year=2026, defaults={"last": 100})
    return world


def test_blank_values_the_api_sends_are_in_the_schema(document):
    """`legal_step` "" and `email` "" were sent where the schema promised an enum member and an
    e-mail address."""
    props = document["components"]["schemas"]
    legal_step = props["Case"]["properties"]["legal_step"]
    assert {"type": "string", "enum": [""]} in legal_step["oneOf"]
    assert legal_step["oneOf"][0]["enum"] == [
        "request",
        "warning",
        "complaints_board",
        "housing_court",
    ]
    email = props["Party"]["properties"]["email"]
    assert email["oneOf"][0]["format"] == "email"
    assert {"type": "string", "enum": [""]} in email["oneOf"]


def test_the_constraints_the_api_enforces_are_declared(document):
    schemas = document["components"]["schemas"]
    assert schemas["PatchedCaseUpdate"]["required"] == ["version"]
    parameters = {
        p["name"]: p for p in document["paths"]["/api/v1/cases/statistics/"]["get"]["parameters"]
    }
    assert parameters["year"]["schema"] == {"type": "integer", "minimum": 2000, "maximum": 2100}
    case_list = {p["name"]: p for p in document["paths"]["/api/v1/cases/"]["get"]["parameters"]}
    assert case_list["page_size"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 500}
    assert case_list["received_to"]["allowEmptyValue"] is True
    department = document["components"]["schemas"]["CaseCreate"]["properties"]["department"]
    assert (department["type"], department["minimum"], department["maximum"]) == (
        "integer",
        1,
        2**63 - 1,
    )


# Operations that need no login (they never answer 401/403 for a missing login).
PUBLIC = {"/api/v1/auth/token/", "/api/v1/survey-answers/"}
# writes that carry a file (a finding's photo) also take a multipart form
UPLOADS = {("post", "/api/v1/walks/{id}/findings/")}
# writes that are a file (a plan's document, a new version of it) take only a multipart form
FILE_ONLY = {
    ("post", "/api/v1/plans/{id}/documents/"),
    ("post", "/api/v1/plans/{id}/documents/{document_pk}/versions/"),
}


def test_every_operation_documents_the_generic_answers(document):
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            if path not in PUBLIC:
                assert {"401", "403"} <= codes, (method, path)
            else:
                assert not {"401", "403"} & codes, (method, path)
            if "{" in path:
                assert "404" in codes, (method, path)
            if method in ("post", "patch"):
                assert "400" in codes, (method, path)
            if operation.get("requestBody") and path not in PUBLIC:
                expected = ["application/json"]
                if (method, path) in UPLOADS:
                    expected = ["multipart/form-data", "application/json"]
                if (method, path) in FILE_ONLY:
                    expected = ["multipart/form-data"]
                assert list(operation["requestBody"]["content"]) == expected, (method, path)


@pytest.mark.parametrize(
    ("url", "errors"),
    [
        ("/api/v1/cases/?page_size=0", {"page_size": ["Angiv et helt tal fra 1 til 500."]}),
        ("/api/v1/leases/?page_size=abc", {"page_size": ["Angiv et helt tal fra 1 til 500."]}),
        ("/api/v1/cases/?overdue=-58800", {"overdue": ["Skriv true eller false."]}),
        ("/api/v1/indicator-values/?year=0.5", {"year": ["Indtast et heltal."]}),
        # the catalogue, the analyses and the walks named django-filter's own backend, which
        # read these as "no filter" and answered 200 (core.strictfilters)
        ("/api/v1/interventions/?local=-58800", {"local": ["Skriv true eller false."]}),
        ("/api/v1/vulnerability-analyses/?year=2025.5", {"year": ["Indtast et heltal."]}),
        (
            "/api/v1/vulnerability-analyses/?status=junk",
            {
                "status": [
                    "Marker en gyldig valgmulighed. junk er ikke en af de tilgængelige "
                    "valgmuligheder."
                ]
            },
        ),
    ],
)
def test_query_values_the_schema_refuses_are_a_danish_400(cw, client_for, url, errors):
    response = client_for("staff_a").get(url)
    assert response.status_code == 400
    assert response.json() == errors


def test_query_values_the_schema_allows_are_answered(cw, client_for):
    client = client_for("staff_a")
    assert client.get("/api/v1/cases/?page_size=500&overdue=false&received_to=").status_code == 200
    assert client.get("/api/v1/indicator-values/?year=2025").status_code == 200
    assert client.get("/api/v1/interventions/?local=true").json()["count"] == 0
    assert client.get("/api/v1/interventions/?local=false").json()["count"] == 30
    assert client.get("/api/v1/vulnerability-analyses/?year=2025&status=").status_code == 200


@pytest.mark.parametrize(
    ("change", "field"),
    [({"dangerous_conduct": 0}, "dangerous_conduct"), ({"description": 0}, "description")],
)
def test_json_values_of_the_wrong_type_are_refused_and_nothing_is_written(
    cw, client_for, change, field
):
    before = Case.objects.count()
    body = {
        "department": cw.dept_a1.pk,
        "address": "Alfavej 9",
        "kind": "house_rules",
        "track": "trivsel",
        "category": "noise",
        "description": "Larm",
        **change,
    }
    response = client_for("staff_a").post("/api/v1/cases/", body, content_type="application/json")
    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert Case.objects.count() == before


def test_an_id_with_a_dot_is_the_apis_json_404(cw, client_for):
    response = client_for("staff_a").get("/api/v1/lights/1.5/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Ikke fundet."}


def test_a_form_encoded_body_is_refused_as_the_schema_says(cw, client_for):
    before = Case.objects.count()
    response = client_for("staff_a").post(
        "/api/v1/cases/", {"department": cw.dept_a1.pk, "address": "x"}
    )
    assert response.status_code == 415
    assert Case.objects.count() == before
