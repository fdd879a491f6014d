"""The OpenAPI schema and the Swagger UI docs page: login required, valid OpenAPI 3, and a docs
page that runs under the strict Content-Security-Policy (no inline script; its one inline style
block allowed by hash, on that page only)."""

import base64
import hashlib
import re

import pytest
import yaml
from django.core.management import call_command
from django.test import Client
from rest_framework.authtoken.models import Token

from boligsocial.api.urls import SWAGGER_UI_STYLE_HASH

OPENAPI_JSON = "application/vnd.oai.openapi+json"
# Every path with exactly its operations: a new endpoint (or a new verb on one) must be added
# here on purpose.
OPERATIONS = {
    "/api/v1/municipalities/": {"get"},
    "/api/v1/municipalities/{code}/": {"get"},
    "/api/v1/organisations/": {"get"},
    "/api/v1/organisations/{id}/": {"get"},
    "/api/v1/departments/": {"get"},
    "/api/v1/departments/{id}/": {"get"},
    "/api/v1/areas/": {"get"},
    "/api/v1/areas/{id}/": {"get"},
    "/api/v1/leases/": {"get"},
    "/api/v1/leases/{id}/": {"get"},
    "/api/v1/auth/token/": {"post"},
    # screening
    "/api/v1/indicators/": {"get"},
    "/api/v1/indicators/{id}/": {"get"},
    "/api/v1/legend-sets/": {"get", "post"},
    "/api/v1/legend-sets/{id}/": {"get"},
    "/api/v1/indicator-values/": {"get", "post"},
    "/api/v1/indicator-values/{id}/": {"get"},
    "/api/v1/lights/": {"get"},
    "/api/v1/lights/{id}/": {"get"},
    "/api/v1/statutory-statuses/": {"get"},
    "/api/v1/statutory-statuses/{id}/": {"get"},
    # cases
    "/api/v1/cases/": {"get", "post"},
    "/api/v1/cases/{id}/": {"get", "patch"},
    "/api/v1/cases/{id}/events/": {"get", "post"},
    "/api/v1/cases/{id}/parties/": {"get", "post"},
    "/api/v1/cases/{id}/deadlines/": {"get"},
    "/api/v1/cases/{id}/record-contact/": {"post"},
    "/api/v1/cases/{id}/close/": {"post"},
    "/api/v1/cases/{id}/legal-step/": {"post"},
    "/api/v1/cases/{id}/reopen/": {"post"},
    "/api/v1/cases/{id}/board-decision/": {"post"},
    "/api/v1/cases/{id}/court-outcome/": {"post"},
    "/api/v1/cases/{id}/legal-track/": {"get"},
    "/api/v1/cases/{id}/letters/": {"get", "post"},
    "/api/v1/cases/{id}/letters/{letter_pk}/": {"get", "patch"},
    "/api/v1/cases/{id}/letters/{letter_pk}/issue/": {"post"},
    "/api/v1/cases/{id}/letters/{letter_pk}/pdf/": {"get"},
    "/api/v1/guides/": {"get"},
    "/api/v1/guides/{id}/": {"get"},
    "/api/v1/guides/{id}/xlsform/": {"get"},
    "/api/v1/vulnerability-analyses/": {"get"},
    "/api/v1/vulnerability-analyses/{id}/": {"get"},
    "/api/v1/cases/statistics/": {"get"},
    # catalogue and plans
    "/api/v1/interventions/": {"get"},
    "/api/v1/interventions/{id}/": {"get"},
    "/api/v1/plans/": {"get"},
    "/api/v1/plans/{id}/": {"get"},
    "/api/v1/plans/{id}/budget/": {"put"},
    "/api/v1/plans/{id}/budget/check/": {"get"},
    "/api/v1/plans/{id}/documents/": {"get", "post"},
    "/api/v1/plans/{id}/documents/{document_pk}/versions/": {"post"},
    "/api/v1/plans/{id}/documents/{document_pk}/versions/{version_pk}/": {"delete"},
    "/api/v1/plans/{id}/documents/{document_pk}/versions/{version_pk}/file/": {"get"},
    "/api/v1/plans/{id}/reports/": {"get"},
    "/api/v1/activities/": {"get"},
    "/api/v1/activities/{id}/": {"get"},
    "/api/v1/activities/{id}/sessions/": {"post"},
    "/api/v1/coordination/gaps/": {"get"},
    "/api/v1/coordination/map/": {"get"},
    "/api/v1/coordination/overlaps/": {"get"},
    "/api/v1/efforts/": {"get"},
    "/api/v1/efforts/{id}/": {"get"},
    "/api/v1/styringsdialog/agreements/": {"get"},
    "/api/v1/styringsdialog/agreements/{id}/": {"get", "patch"},
    "/api/v1/styringsdialog/reports/": {"get"},
    "/api/v1/styringsdialog/reports/{id}/": {"get"},
    "/api/v1/styringsdialog/reports/{id}/points/": {"post"},
    "/api/v1/survey-answers/": {"post"},
    "/api/v1/surveys/": {"get"},
    "/api/v1/surveys/{id}/": {"get"},
    "/api/v1/surveys/{id}/invitations/": {"post"},
    "/api/v1/surveys/{id}/results/": {"get"},
    "/api/v1/target-groups/": {"get"},
    "/api/v1/target-groups/{id}/": {"get"},
    "/api/v1/visit-campaigns/": {"get"},
    "/api/v1/visit-campaigns/{id}/": {"get"},
    "/api/v1/visit-campaigns/{id}/findings/": {"get"},
    "/api/v1/visits/": {"get", "post"},
    "/api/v1/walks/": {"get"},
    "/api/v1/walks/{id}/": {"get"},
    "/api/v1/walks/{id}/findings/": {"get", "post"},
    # economics
    "/api/v1/economics/business-cases/": {"get"},
    "/api/v1/economics/business-cases/compute/": {"post"},
    "/api/v1/economics/business-cases/{id}/": {"get"},
    "/api/v1/economics/effect-measurements/": {"get"},
    "/api/v1/economics/effect-measurements/{id}/": {"get"},
    "/api/v1/economics/outcome-contracts/": {"get"},
    "/api/v1/economics/outcome-contracts/{id}/": {"get"},
    "/api/v1/economics/prices/": {"get", "post"},
    "/api/v1/economics/prices/{id}/": {"get", "patch", "delete"},
}
PATHS = set(OPERATIONS)


def _csp(response) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def test_schema_refuses_anonymous_users(world, client_for):
    response = client_for("anonymous").get("/api/schema/", HTTP_ACCEPT=OPENAPI_JSON)
    assert response.status_code == 403


def test_schema_is_openapi_3_with_every_endpoint(world, client_for):
    response = client_for("nobody").get("/api/schema/", HTTP_ACCEPT=OPENAPI_JSON)
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Boligsocial API"
    assert {path: set(ops) for path, ops in schema["paths"].items()} == OPERATIONS


def test_schema_is_yaml_by_default(world, client_for):
    response = client_for("staff_a").get("/api/schema/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi")
    assert set(yaml.safe_load(response.content)["paths"]) == PATHS


def test_schema_describes_filters_as_integers_and_sizes_as_decimal_strings(world, client_for):
    schema = client_for("staff_a").get("/api/schema/", HTTP_ACCEPT=OPENAPI_JSON).json()
    params = {p["name"]: p for p in schema["paths"]["/api/v1/departments/"]["get"]["parameters"]}
    assert set(params) == {
        "organisation",
        "municipality",
        "search",
        "ordering",
        "page",
        "page_size",
    }
    assert params["organisation"]["schema"] == {"type": "integer"}
    assert params["municipality"]["schema"] == {"type": "integer"}
    lease = schema["components"]["schemas"]["Lease"]["properties"]
    assert lease["area_m2"]["type"] == "string"
    assert lease["area_m2"]["format"] == "decimal"


def test_schema_can_be_fetched_with_a_token(world, personas):
    token = Token.objects.create(user=personas["municipal"])
    response = Client(HTTP_AUTHORIZATION=f"Token {token.key}").get(
        "/api/schema/", HTTP_ACCEPT=OPENAPI_JSON
    )
    assert response.status_code == 200
    assert set(response.json()["paths"]) == PATHS


def test_docs_page_sends_anonymous_users_to_login(world, client_for):
    response = client_for("anonymous").get("/api/docs/")
    assert response.status_code == 302
    assert response["Location"] == "/log-ind/?next=/api/docs/"


def test_docs_page_has_no_inline_script(world, client_for):
    response = client_for("staff_a").get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.DOTALL)
    assert [attrs.strip() for attrs, _ in scripts] == [
        'src="/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js"',
        'src="/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-standalone-preset.js"',
        'src="/api/docs/?script="',
    ]
    assert all(body.strip() == "" for _, body in scripts)
    assert not re.search(r"\son[a-z]+\s*=", html)  # no inline event handlers either


def test_docs_page_csp_allows_exactly_its_one_inline_style_block(world, client_for):
    response = client_for("staff_a").get("/api/docs/")
    styles = re.findall(r"<style>(.*?)</style>", response.content.decode(), re.DOTALL)
    assert len(styles) == 1
    digest = base64.b64encode(hashlib.sha256(styles[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" == SWAGGER_UI_STYLE_HASH
    csp = _csp(response)
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'", SWAGGER_UI_STYLE_HASH]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def test_the_style_relaxation_is_only_on_the_docs_page(world, client_for):
    client = client_for("staff_a")
    for url in ("/api/v1/departments/", "/api/schema/"):
        assert _csp(client.get(url))["style-src"] == ["'self'"], url


def test_docs_script_is_served_as_javascript_and_points_at_the_schema(world, client_for):
    response = client_for("staff_a").get("/api/docs/?script=")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert 'url: "/api/schema/",' in response.content.decode()


def test_docs_assets_are_vendored_static_files(world, client_for):
    # The sidecar package ships Swagger UI: nothing comes from a CDN.
    client = client_for("staff_a")
    for name in ("swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "swagger-ui.css"):
        response = client.get(f"/static/drf_spectacular_sidecar/swagger-ui-dist/{name}")
        assert response.status_code == 200, name


@pytest.mark.django_db
def test_spectacular_validate_fails_on_no_warning(tmp_path):
    target = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    assert set(yaml.safe_load(target.read_text())["paths"]) == PATHS
