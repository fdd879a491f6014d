"""The OpenAPI schema tells the truth: schemathesis runs every operation of /api/schema/ against
the app itself (WSGI, in process) on the demo data, as the social-unit persona `staff-a`, with
every check (server errors, status codes, response schemas, content types and headers, positive
data accepted, negative data refused, ...).

The demo data are seeded once for the module inside a transaction that is rolled back after the
last test, like the access matrix's world. Requests go through Django's real WSGI handler, so its
`close_old_connections` signal handlers are disconnected meanwhile (as Django's test client does):
they would close the connection that holds the transaction.

Runtime: a few examples per operation (`MAX_EXAMPLES`) and the coverage phase's cases; measured
in the report of issue 13 item 20."""

import json

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from django.test.utils import override_settings
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token

from conftest import FAST_HASHERS

MAX_EXAMPLES = 5
PERSONA = "staff-a"
#: The persona's API token, made by `demo_api` (a fixed key, so schemathesis knows it as the
#: configured credentials and its auth checks can take it away and expect a refusal).
TOKEN = "contract0test0token0for0staff0a000000000"

pytestmark = pytest.mark.xdist_group("api_schema_contract")


def contract_config() -> schemathesis.config.SchemathesisConfig:
    return schemathesis.config.SchemathesisConfig.from_dict(
        {
            "seed": 13,
            "suppress-health-check": [
                "too_slow",
                "filter_too_much",
                "data_too_large",
            ],
            "generation": {"max-examples": MAX_EXAMPLES, "database": "none"},
            "checks": {"enabled": True},
            "phases": {"stateful": {"enabled": False}},
            "auth": {"openapi": {"tokenAuth": {"api_key": f"Token {TOKEN}"}}},
            # Answers no schema can foresee, so a well-formed request may get a 400 here: a
            # username and password that are not a user's (DRF's token view), and ids of other
            # objects (department, lease, case worker) outside the persona's access, the same 400
            # as an id that does not exist (tested in cases/tests/test_api*.py). Every other
            # operation keeps the default: a schema-valid request is never refused with 400.
            "operations": [
                {
                    "include-path": path,
                    "checks": {
                        "positive_data_acceptance": {
                            "expected-statuses": ["2xx", "400", "401", "403", "404", "409"]
                        }
                    },
                }
                for path in (
                    "/api/v1/auth/token/",
                    "/api/v1/cases/statistics/",
                    "/api/v1/cases/",
                    # a plan's budget (funders of other owners, a reason an approved plan needs)
                    # and its documents (a file is checked by its first bytes)
                    "/api/v1/plans/{id}/budget/",
                    "/api/v1/plans/{id}/documents/",
                    "/api/v1/plans/{id}/documents/{document_pk}/versions/",
                    # the catalogue's area filter: an area outside your access is no valid choice
                    "/api/v1/interventions/",
                )
            ],
        }
    )


@pytest.fixture(scope="module")
def demo_api(django_db_setup, django_db_blocker):
    """The demo data, a token for the social-unit persona, and the app (module-wide)."""
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS),
    ):
        call_command("seed_demo", "--seed", "7", verbosity=0)
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.get(username=PERSONA)
        Token.objects.create(user=user, key=TOKEN)
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            yield
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)
            transaction.set_rollback(True)


def _openapi_document() -> dict:
    """The schema as /api/schema/ serves it (drf-spectacular's generator, no request needed)."""
    from drf_spectacular.generators import SchemaGenerator
    from rest_framework.renderers import JSONRenderer

    document = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(JSONRenderer().render(document))


schema = schemathesis.openapi.from_dict(_openapi_document(), config=contract_config())
schema.app = get_wsgi_application()


@schema.parametrize()
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_every_operation_keeps_to_the_schema(case, demo_api, db):
    """`db` only opens the test database; the data are the module's (`demo_api`)."""
    case.call_and_validate()
