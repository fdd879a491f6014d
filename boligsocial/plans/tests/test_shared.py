"""A shared plan of three owners (issue 17 part 6, decision 0033): organisations A and B and the
municipality of Aarhus. A runs the secretariat and edits all of it; B and the municipality edit
their own activities, sessions and budget rows; every owner sees the whole plan. Also: the
confirmation before ending a plan, participant counts through disclosure control, the tile."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from boligsocial.organisations.access import scope
from boligsocial.plans import counts, dashboard, services
from boligsocial.plans.models import Activity, Funder, PartnerKind, Plan, Session, Status
from boligsocial.plans.tests.factories import area, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared(world):
    plan = make_plan(world)
    sub = services.add_sub_agreement(plan=plan, by=None, area=area("B"))
    partners = {(p.kind, p.organisation_id): p for p in plan.partners.all()}
    plan.sub = sub
    plan.part_a = partners[(PartnerKind.HOUSING, world.org_a.pk)]
    plan.part_b = partners[(PartnerKind.HOUSING, world.org_b.pk)]
    plan.part_m = partners[(PartnerKind.MUNICIPALITY, None)]
    plan.act_b = services.add_activity(
        sub_agreement=sub, by=None, name="Bydelsmødre", owner=plan.part_b
    )
    return plan


def test_the_first_organisation_runs_the_secretariat_and_an_outsider_cannot(world):
    plan = make_plan(world)
    assert plan.secretariat == world.org_a
    with pytest.raises(services.PlanError, match="Sekretariatet skal ligge hos"):
        services.create_plan(
            by=None,
            name="Forkert",
            municipality=plan.municipality,
            organisations=[world.org_a],
            period=plan.period,
            first_year=2024,
            secretariat=world.org_b,
        )
    assert Plan.objects.count() == 1


def test_three_owners_each_edit_their_own_part(client_for, shared):
    plan = shared
    b, m, a = client_for("staff_b"), client_for("municipal"), client_for("staff_a")
    # Every owner sees the whole plan, the others' activities included.
    for c in (a, b, m):
        page = c.get(reverse("plans:activities", args=[plan.pk])).content.decode()
        assert "Bydelsmødre" in page and "Boligforeningen Beta" in page
    # Only the secretariat edits the agreement and ends the plan.
    assert b.get(reverse("plans:edit_agreement", args=[plan.pk])).status_code == 403
    assert m.get(reverse("plans:add_goal", args=[plan.pk])).status_code == 403
    assert a.get(reverse("plans:edit_agreement", args=[plan.pk])).status_code == 200
    # B adds an activity to its own part, never to A's or to the shared part.
    url = reverse("plans:add_activity", args=[plan.pk])
    base = {"sub_agreement": plan.sub.pk, "first_year": 2024}
    refused = b.post(url, {**base, "name": "Lektiecafé", "owner": plan.part_a.pk})
    assert refused.status_code == 200
    assert b.post(url, {**base, "name": "Lektiecafé"}).status_code == 200
    assert not Activity.objects.filter(name="Lektiecafé").exists()
    assert b.post(url, {**base, "name": "Lektiecafé", "owner": plan.part_b.pk}).status_code == 302
    assert m.post(url, {**base, "name": "SSP-indsats", "owner": plan.part_m.pk}).status_code == 302
    assert a.post(url, {**base, "name": "Sekretariat"}).status_code == 302
    owners = dict(Activity.objects.filter(plan=plan).values_list("name", "owner__name"))
    assert owners == {
        "Bydelsmødre": "Boligforeningen Beta",
        "Lektiecafé": "Boligforeningen Beta",
        "SSP-indsats": "Aarhus",
        "Sekretariat": None,
    }
    # Sessions: the owner and the secretariat log them, the other owners do not.
    ssp = Activity.objects.get(name="SSP-indsats")
    log = {"held_on": "05-03-2024", "n_13-17_f": "4"}
    assert b.post(reverse("plans:log_session", args=[ssp.pk]), log).status_code == 403
    assert m.post(reverse("plans:log_session", args=[plan.act_b.pk]), log).status_code == 403
    assert Session.objects.count() == 0
    assert m.post(reverse("plans:log_session", args=[ssp.pk]), log).status_code == 302
    assert a.post(reverse("plans:log_session", args=[plan.act_b.pk]), log).status_code == 302
    assert Session.objects.count() == 2
    api = reverse("api:activity-sessions", args=[plan.act_b.pk])
    body = {"held_on": "2024-03-06", "counts": {"13-17/f": 2}}
    assert m.post(api, body, content_type="application/json").status_code == 403
    assert b.post(api, body, content_type="application/json").status_code == 201


def test_each_owner_edits_only_its_own_budget_row(client_for, shared):
    plan = shared
    funders = {(f.kind, f.organisation_id): f for f in plan.funders.all()}
    lbf = funders[("lbf", None)]
    own_b = funders[("housing", plan.part_b.organisation_id)]
    own_a = funders[("housing", plan.part_a.organisation_id)]
    data = {}
    for f in (lbf, own_a, own_b):
        data[f"pledged_{f.pk}"] = "10.000,00"
        data[f"rows_{f.pk}"] = "1"
        data[f"line_{f.pk}_0_2024"] = "10.000,00"
    url = reverse("plans:edit_budget", args=[plan.pk])
    page = client_for("staff_b").get(url).content.decode()
    assert f'name="pledged_{own_b.pk}"' in page
    assert f'name="rows_{own_b.pk}" value="2"' in page  # no lines yet: two empty rows
    assert page.count("disabled") == 3  # LBF, the municipality and A: the pledge (no lines)
    assert f'name="rows_{own_a.pk}"' not in page
    assert client_for("staff_b").post(url, data).status_code == 302
    pledged = dict(Funder.objects.filter(plan=plan).values_list("pk", "pledged"))
    assert (pledged[lbf.pk], pledged[own_a.pk], pledged[own_b.pk]) == (
        Decimal("0.00"),
        Decimal("0.00"),
        Decimal("10000.00"),
    )
    assert list(plan.budget_lines.values_list("funder_id", "year", "amount")) == [
        (own_b.pk, 2024, Decimal("10000.00"))
    ]


def test_ending_a_plan_asks_first(client_for, world):
    plan = make_plan(world)
    Plan.objects.filter(pk=plan.pk).update(status=Status.RUNNING)
    c = client_for("staff_a")
    url = reverse("plans:transition", args=[plan.pk, "afslut"])
    page = c.post(url)
    assert page.status_code == 200
    assert "Ja, afslut planen" in page.content.decode()
    assert Plan.objects.get(pk=plan.pk).status == Status.RUNNING
    assert client_for("staff_b").post(url, {"confirmed": "yes"}).status_code == 403
    assert Plan.objects.get(pk=plan.pk).status == Status.RUNNING
    assert c.post(url, {"confirmed": "yes"}).status_code == 302
    assert Plan.objects.get(pk=plan.pk).status == Status.ENDED


def test_participant_counts_are_protected_for_readers():
    # Activity 1 has 3 participants, activity 2 has 12; the total 15 is printed: 3 is "<5",
    # and 12 must go too, or 15 - 12 would give the 3 away.
    hidden = counts.activity_totals({1: 3, 2: 12}, exact=False)
    assert [(hidden[k].mark, hidden[k].value) for k in (1, 2, "total")] == [
        ("<5", None),
        ("x", None),
        ("", 15),
    ]
    exact = counts.activity_totals({1: 3, 2: 12}, exact=True)
    assert [exact[k].value for k in (1, 2, "total")] == [3, 12, 15]
    shown = counts.sessions({10: 7, 11: 6}, total=20, exact=False)  # 7 more not listed
    assert [shown[k].value for k in (10, 11, "total")] == [7, 6, 20]


def test_activity_page_suppresses_small_counts_for_boards_and_the_municipality(client_for, shared):
    services.log_session(
        activity=shared.act_b,
        by=None,
        held_on=date(2024, 3, 5),
        counts={("13-17", "f"): 6, ("13-17", "m"): 2},
    )
    url = reverse("plans:activity", args=[shared.act_b.pk])
    for reader in ("board_a", "municipal"):
        page = client_for(reader).get(url).content.decode()
        assert "Færre end 5" in page and ">6<" not in page
    staff = client_for("staff_b").get(url).content.decode()
    assert "Færre end 5" not in staff and "8 deltagere" in staff


def test_dashboard_tile_counts_the_plans_by_status(world, personas, shared):
    Plan.objects.filter(pk=shared.pk).update(status=Status.RUNNING, reapproval_pending=True)
    make_plan(world, name="Kladde")
    user = personas["staff_b"]
    data = dashboard.data(user, scope(user))
    assert [(s, n) for s, _label, n in data["counts"]] == [
        ("draft", 1),
        ("submitted", 0),
        ("approved", 0),
        ("running", 1),
    ]
    assert (data["total"], data["awaiting"]) == (2, 1)
    assert dashboard.data(personas["nobody"], scope(personas["nobody"])) is None
