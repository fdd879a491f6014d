"""Budget lines linked to their activity (issue 16 part 6): the budget grid offers the plan's
activities, refuses another plan's, and the budget page and the activity page show each
activity's budget by year and funder."""

from decimal import Decimal

import pytest
from django.urls import reverse

from boligsocial.plans import services
from boligsocial.plans.models import BudgetLine, Funder
from boligsocial.plans.tests.factories import area, fritidsjob, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world):
    plan = make_plan(world)
    sub = services.add_sub_agreement(plan=plan, by=None, area=area("B"))
    plan.job = services.add_activity(
        sub_agreement=sub, by=None, name="Fritidsjob", intervention=fritidsjob()
    )
    plan.cafe = services.add_activity(sub_agreement=sub, by=None, name="Jobcafé")
    plan.lbf, plan.mun = plan.funders.order_by("pk")[:2]
    return plan


def grid(plan, rows_lbf, rows_mun, lbf="300.000,00", mun="100.000,00") -> dict:
    """The grid's fields: per funder its pledge and rows of (activity, text, {year: amount})."""
    data = {}
    for funder, pledged, rows in ((plan.lbf, lbf, rows_lbf), (plan.mun, mun, rows_mun)):
        data[f"pledged_{funder.pk}"] = pledged
        data[f"rows_{funder.pk}"] = str(len(rows))
        for i, (activity, label, amounts) in enumerate(rows):
            data[f"line_{funder.pk}_{i}_activity"] = str(activity) if activity else ""
            data[f"line_{funder.pk}_{i}_label"] = label
            for year, amount in amounts.items():
                data[f"line_{funder.pk}_{i}_{year}"] = amount
    return data


def cells(row: str) -> list[str]:
    return [c.split("<")[0] for c in row.split('class="numeric">')[1:]]


def stored(plan):
    return sorted(
        BudgetLine.objects.filter(plan=plan).values_list(
            "funder__name", "year", "label", "amount", "activity__name"
        )
    )


def test_the_grid_links_lines_to_the_plans_activities_and_the_pages_show_them(client_for, plan):
    c = client_for("staff_a")
    url = reverse("plans:edit_budget", args=[plan.pk])
    page = c.get(url).content.decode()
    assert '<option value="">Ingen (stab og andet)</option>' in page
    assert f'<option value="{plan.job.pk}">Fritidsjob</option>' in page
    data = grid(
        plan,
        [
            (plan.job.pk, "", {2024: "150.000,00", 2025: "75.000,00"}),
            (None, "Sekretariat", {2024: "75.000,00"}),
        ],
        [(plan.job.pk, "", {2024: "60.000,00"}), (plan.cafe.pk, "Kaffe", {2026: "40.000,00"})],
    )
    assert c.post(url, data).status_code == 302
    assert stored(plan) == [
        ("Aarhus", 2024, "Fritidsjob", Decimal("60000.00"), "Fritidsjob"),
        ("Aarhus", 2026, "Kaffe", Decimal("40000.00"), "Jobcafé"),
        ("Landsbyggefonden", 2024, "Fritidsjob", Decimal("150000.00"), "Fritidsjob"),
        ("Landsbyggefonden", 2024, "Sekretariat", Decimal("75000.00"), None),
        ("Landsbyggefonden", 2025, "Fritidsjob", Decimal("75000.00"), "Fritidsjob"),
    ]
    budget = c.get(reverse("plans:budget", args=[plan.pk])).content.decode()
    assert "Budgettet overholder reglerne" in budget
    by_year = budget.split(f'href="/helhedsplaner/aktivitet/{plan.job.pk}/"')[1].split("</tr>")[0]
    by_funder = budget.split('<span lang="da">Fritidsjob</span></th>')[1].split("</tr>")[0]
    assert cells(by_year) == ["210.000,00", "75.000,00", "0,00", "0,00", "285.000,00"]
    # LBF, the municipality, the two organisations, the total
    assert cells(by_funder) == ["225.000,00", "60.000,00", "0,00", "0,00", "285.000,00"]
    assert "Ingen (stab og andet)" in budget
    activity = c.get(reverse("plans:activity", args=[plan.job.pk])).content.decode()
    lbf_row = activity.split('<th scope="row">Landsbyggefonden</th>')[1].split("</tr>")[0]
    assert cells(lbf_row) == [
        "150.000,00", "75.000,00", "0,00", "0,00", "225.000,00",
    ]  # fmt: skip
    cafe = c.get(reverse("plans:activity", args=[plan.cafe.pk])).content.decode()
    assert "40.000,00" in cafe
    assert "Ingen budgetlinjer er knyttet til denne aktivitet." not in cafe


def test_an_activity_without_lines_says_so(client_for, plan):
    page = client_for("staff_a").get(reverse("plans:activity", args=[plan.cafe.pk]))
    assert "Ingen budgetlinjer er knyttet til denne aktivitet." in page.content.decode()


def _snapshot(plan):
    return stored(plan), list(Funder.objects.filter(plan=plan).values_list("pk", "pledged"))


@pytest.mark.parametrize("forged", ["other_plan", "missing", "9" * 30, "abc"])
def test_the_grid_refuses_an_activity_of_another_plan_and_saves_nothing(
    client_for, world, plan, forged
):
    other = make_plan(world, name="En anden plan")
    sub = services.add_sub_agreement(plan=other, by=None, area=area("B"))
    foreign = services.add_activity(sub_agreement=sub, by=None, name="Fremmed")
    services.set_budget(
        plan=plan,
        by=None,
        pledges={plan.lbf.pk: Decimal("300000.00")},
        lines=[(plan.lbf.pk, 2024, "Sekretariat", Decimal("300000.00"))],
    )
    before = _snapshot(plan)
    activity = {"other_plan": foreign.pk, "missing": foreign.pk + 1000}.get(forged, forged)
    data = grid(plan, [(activity, "", {2024: "1,00"})], [], lbf="1,00")
    response = client_for("staff_a").post(reverse("plans:edit_budget", args=[plan.pk]), data)
    assert response.status_code == 200
    assert (
        "En budgetlinje peger på en aktivitet, der ikke hører til planen. Vælg en af planens "
        "aktiviteter, eller ingen (stab og andet)." in response.content.decode()
    )
    assert _snapshot(plan) == before


def test_the_same_text_for_two_activities_is_refused_and_one_activity_is_joined(client_for, plan):
    c = client_for("staff_a")
    url = reverse("plans:edit_budget", args=[plan.pk])
    clash = grid(
        plan, [(plan.job.pk, "Løn", {2024: "1,00"}), (plan.cafe.pk, "Løn", {2024: "2,00"})], []
    )
    response = c.post(url, clash)
    assert (
        "To linjer fra Landsbyggefonden i 2024 hedder begge “Løn”, men er til hver sin aktivitet. "
        "Giv dem hver sin tekst." in response.content.decode()
    )
    assert stored(plan) == []
    join = grid(
        plan, [(plan.job.pk, "Løn", {2024: "1,00"}), (plan.job.pk, "løn", {2024: "2,00"})], []
    )
    assert c.post(url, join).status_code == 302
    assert stored(plan) == [("Landsbyggefonden", 2024, "Løn", Decimal("3.00"), "Fritidsjob")]


def test_saving_the_grid_keeps_the_links_it_shows(client_for, plan):
    services.set_budget(
        plan=plan,
        by=None,
        pledges={plan.lbf.pk: Decimal("300.00")},
        lines=[
            (plan.lbf.pk, 2024, "Fritidsjob", Decimal("200.00"), plan.job.pk),
            (plan.lbf.pk, 2025, "Fritidsjob", Decimal("50.00"), plan.job.pk),
            (plan.lbf.pk, 2024, "Sekretariat", Decimal("50.00")),
        ],
    )
    before = stored(plan)
    c = client_for("staff_a")
    url = reverse("plans:edit_budget", args=[plan.pk])
    page = c.get(url).content.decode()
    assert f'name="rows_{plan.lbf.pk}" value="4"' in page  # two lines + two empty rows
    assert f'<option value="{plan.job.pk}" selected>Fritidsjob</option>' in page
    # amounts as the page writes them, read back as the same amounts
    assert f'name="line_{plan.lbf.pk}_0_2024" aria-label' in page
    assert 'value="200,00"' in page and f'name="pledged_{plan.lbf.pk}" value="300,00"' in page
    data = grid(
        plan,
        [
            (plan.job.pk, "Fritidsjob", {2024: "200,00", 2025: "50,00"}),
            (None, "Sekretariat", {2024: "50,00"}),
        ],
        [],
        lbf="300,00",
        mun="0",
    )
    assert c.post(url, data).status_code == 302
    assert stored(plan) == before


def test_set_budget_refuses_another_plans_activity(world, plan):
    other = make_plan(world, name="En anden plan")
    sub = services.add_sub_agreement(plan=other, by=None, area=area("B"))
    foreign = services.add_activity(sub_agreement=sub, by=None, name="Fremmed")
    with pytest.raises(services.PlanError) as refused:
        services.set_budget(
            plan=plan,
            by=None,
            pledges={plan.lbf.pk: Decimal("1.00")},
            lines=[(plan.lbf.pk, 2024, "Fremmed", Decimal("1.00"), foreign.pk)],
        )
    assert refused.value.message == services.FOREIGN_ACTIVITY
    assert stored(plan) == []
    assert Funder.objects.get(pk=plan.lbf.pk).pledged == Decimal(0)


def put_budget(client, plan, body):
    return client.put(
        reverse("api:plan-budget", args=[plan.pk]), body, content_type="application/json"
    )


def test_the_api_replaces_the_budget_with_activities_and_shows_them(client_for, plan):
    c = client_for("staff_a")
    body = {
        "pledges": [
            {"funder": plan.lbf.pk, "pledged": "300.00"},
            {"funder": plan.mun.pk, "pledged": "100.00"},
        ],
        "lines": [
            {"funder": plan.lbf.pk, "year": 2024, "amount": "300.00", "activity": plan.job.pk},
            {"funder": plan.mun.pk, "year": 2025, "label": "Husleje", "amount": "100.00"},
        ],
    }
    response = put_budget(c, plan, body)
    assert response.status_code == 200
    assert (response.json()["ok"], response.json()["lbf_share"]) == (True, "75.00")
    assert stored(plan) == [
        ("Aarhus", 2025, "Husleje", Decimal("100.00"), None),
        ("Landsbyggefonden", 2024, "Fritidsjob", Decimal("300.00"), "Fritidsjob"),
    ]
    lines = c.get(reverse("api:plan-detail", args=[plan.pk])).json()["budget_lines"]
    assert [(x["funder"], x["funder_id"], x["label"], x["activity"]) for x in lines] == [
        ("Landsbyggefonden", plan.lbf.pk, "Fritidsjob", plan.job.pk),
        ("Aarhus", plan.mun.pk, "Husleje", None),
    ]


@pytest.mark.parametrize(
    "change,message",
    [
        ({"activity": "foreign"}, services.FOREIGN_ACTIVITY),
        ({"year": 2031}, "Året 2031 ligger uden for planens periode 2024–2027."),
        ({"funder": "other_plan"}, "Du kan kun ændre dine egne bidrag til budgettet."),
    ],
)
def test_the_api_refuses_what_is_not_the_plans_in_danish_and_changes_nothing(
    client_for, world, plan, change, message
):
    other = make_plan(world, name="En anden plan")
    sub = services.add_sub_agreement(plan=other, by=None, area=area("B"))
    foreign = services.add_activity(sub_agreement=sub, by=None, name="Fremmed")
    services.set_budget(
        plan=plan,
        by=None,
        pledges={plan.lbf.pk: Decimal("3.00")},
        lines=[(plan.lbf.pk, 2024, "Sekretariat", Decimal("3.00"))],
    )
    before = _snapshot(plan)
    line = {"funder": plan.lbf.pk, "year": 2024, "amount": "1.00"}
    replace = {"foreign": foreign.pk, "other_plan": other.funders.order_by("pk")[0].pk}
    line |= {k: replace.get(v, v) for k, v in change.items()}
    body = {"pledges": [{"funder": plan.lbf.pk, "pledged": "1.00"}], "lines": [line]}
    response = put_budget(client_for("staff_a"), plan, body)
    assert (response.status_code, response.json()) == (400, {"non_field_errors": [message]})
    assert _snapshot(plan) == before


def test_the_api_budget_is_for_owners_only(client_for, plan):
    body = {"pledges": [], "lines": []}
    before = _snapshot(plan)
    assert put_budget(client_for("board_a"), plan, body).status_code == 403
    assert put_budget(client_for("nobody"), plan, body).status_code == 404
    assert put_budget(client_for("anonymous"), plan, body).status_code == 403
    lbf_line = {"funder": plan.lbf.pk, "year": 2024, "amount": "1.00"}
    response = put_budget(client_for("municipal"), plan, {"pledges": [], "lines": [lbf_line]})
    assert response.json() == {
        "non_field_errors": ["Du kan kun ændre dine egne bidrag til budgettet."]
    }
    assert _snapshot(plan) == before
