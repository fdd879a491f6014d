"""Issue 12: the organisation board's elected members see and report but do not import; the
forretningsfører (a role of its own) keeps the imports. And the migration that gives existing
memberships their appointment date."""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from boligsocial.imports.models import ImportBatch
from boligsocial.organisations import access
from boligsocial.organisations.roles import ROLE_RULES, Role
from boligsocial.screening.models import IndicatorValue


def test_the_role_table():
    board, management = ROLE_RULES[Role.ORG_BOARD], ROLE_RULES[Role.ORG_MANAGEMENT]
    assert (board.sees_leases, board.manages_housing, board.social_unit) == (True, False, False)
    assert (management.sees_leases, management.manages_housing, management.social_unit) == (
        True,
        True,
        False,
    )
    assert board.scopes == management.scopes == frozenset({"organisation"})
    assert (Role.ORG_BOARD.label, Role.ORG_MANAGEMENT.label) == (
        "Organisationsbestyrelse (valgt medlem)",
        "Forretningsfører",
    )


def test_the_board_sees_the_organisation_and_its_leases_but_manages_nothing(world, personas):
    board, management = personas["board_a"], personas["management_a"]
    assert access.can(board, access.VIEW, world.org_a) is True
    assert access.can(board, access.VIEW_LEASES, world.dept_a1) is True
    assert access.can(board, access.MANAGE, world.org_a) is False
    assert access.can(board, access.MANAGE, world.dept_a1) is False
    assert list(access.managed_organisations(board)) == []
    assert access.can(management, access.MANAGE, world.org_a) is True
    assert list(access.managed_organisations(management)) == [world.org_a]


@pytest.mark.parametrize(
    ("persona", "expected"), [("board_a", 403), ("management_a", 200), ("head_a", 200)]
)
def test_the_import_pages_refuse_the_board(world, client_for, persona, expected):
    client = client_for(persona)
    urls = [
        reverse("imports:upload", kwargs={"kind": "afdelinger"}),
        reverse("imports:template", kwargs={"kind": "afdelinger", "fmt": "csv"}),
        reverse("imports:upload", kwargs={"kind": "vaerdier"}),
    ]
    assert [client.get(url).status_code for url in urls] == [expected] * 3


def test_the_board_cannot_post_indicator_values_through_the_api(world, client_for):
    body = [{"indicator": "children", "year": 2024, "department": world.dept_a1.pk, "value": "5"}]
    response = client_for("board_a").post(
        "/api/v1/indicator-values/", body, content_type="application/json"
    )
    assert response.status_code == 403
    assert IndicatorValue.objects.count() == 0
    assert ImportBatch.objects.count() == 0
    allowed = client_for("management_a").post(
        "/api/v1/indicator-values/", body, content_type="application/json"
    )
    assert allowed.status_code == 200, allowed.content
    assert IndicatorValue.objects.count() == 1


def test_the_organisation_page_offers_the_import_to_the_forretningsfører_only(world, client_for):
    url = reverse("organisations:organisation", args=[world.org_a.pk])
    link = f"{reverse('imports:index')}?organisation={world.org_a.pk}"
    assert link not in client_for("board_a").get(url).content.decode()
    assert link in client_for("management_a").get(url).content.decode()


# --- the migration -------------------------------------------------------------------------------

BEFORE = ("organisations", "0003_membership_appointment_and_management_role")
AFTER = ("organisations", "0005_membership_appointed_on_required")


def test_existing_memberships_are_appointed_on_the_day_their_history_began(fresh_database):
    from django.utils import timezone

    apps = fresh_database.migrate([BEFORE])
    User = apps.get_model("auth", "User")
    Organisation = apps.get_model("organisations", "Organisation")
    Membership = apps.get_model("organisations", "Membership")
    History = apps.get_model("organisations", "HistoricalMembership")
    org = Organisation.objects.create(name="Gammel", cvr="12345674", lbf_number=4242)
    with_history = Membership.objects.create(
        user=User.objects.create(username="gammel"), role="org_board", organisation=org
    )
    # created late in the evening of 31 March (UTC): 1 April in Copenhagen
    first = datetime(2024, 3, 31, 22, 30, tzinfo=UTC)
    for at, kind in ((first, "+"), (datetime(2025, 1, 5, 9, tzinfo=UTC), "~")):
        History.objects.create(
            id=with_history.id,
            user_id=with_history.user_id,
            role="org_board",
            organisation_id=org.id,
            history_date=at,
            history_type=kind,
        )
    without = Membership.objects.create(
        user=User.objects.create(username="uden"), role="social_staff", organisation=org
    )

    apps = fresh_database.migrate([AFTER])
    Membership = apps.get_model("organisations", "Membership")
    History = apps.get_model("organisations", "HistoricalMembership")
    assert dict(Membership.objects.values_list("id", "appointed_on")) == {
        with_history.id: date(2024, 4, 1),
        without.id: timezone.localdate(),
    }
    assert set(History.objects.values_list("appointed_on", flat=True)) == {date(2024, 4, 1)}
    assert Membership.objects.get(id=with_history.id).role == "org_board"  # stays the board
