"""The plans' services: baseline freezing, lifecycle, approvals, lock and revisions."""

from datetime import date
from decimal import Decimal

import pytest

from boligsocial.audit.models import ChangeLogEntry
from boligsocial.plans import services
from boligsocial.plans.models import Plan, Revision, Status
from boligsocial.plans.tests.factories import area, balanced_budget, fritidsjob, make_plan
from boligsocial.screening.models import Indicator, IndicatorValue

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world):
    return make_plan(world)


def approve_all(plan, world, by=None):
    for org in (world.org_a, world.org_b):
        services.record_approval(
            plan=plan,
            by=by,
            party="housing",
            organisation=org,
            approved_on=date(2023, 11, 1),
            approver="Organisationsbestyrelsen",
        )
    services.record_approval(
        plan=plan, by=by, party="council", approved_on=date(2023, 12, 5), approver="Byrådet"
    )
    services.record_approval(
        plan=plan, by=by, party="lbf", approved_on=date(2023, 12, 20), approver="LBF"
    )


def test_new_plan_runs_four_years_with_funders_and_partners(plan):
    assert (plan.first_year, plan.last_year, plan.status) == (2024, 2027, Status.DRAFT)
    assert [(f.kind, f.name) for f in plan.funders.order_by("pk")] == [
        ("lbf", "Landsbyggefonden"),
        ("municipality", "Aarhus"),
        ("housing", "Boligselskabet Alfa"),
        ("housing", "Boligforeningen Beta"),
    ]
    assert plan.partners.count() == 3


def test_baseline_is_frozen_and_a_later_import_does_not_change_it(plan, world):
    indicator = Indicator.objects.get(code="outside_work_education")
    for year, value in ((2022, "41.0"), (2023, "43.1"), (2025, "39.0")):
        IndicatorValue.objects.create(
            indicator=indicator, department=world.dept_a1, year=year, value=Decimal(value)
        )
    sub = services.add_sub_agreement(plan=plan, by=None, area=area("B"))
    goal = services.add_goal(
        sub_agreement=sub,
        by=None,
        title="Færre uden for arbejde",
        indicator=indicator,
        department=world.dept_a1,
        targets={2027: Decimal("38")},
    )
    assert (goal.baseline_value, goal.baseline_year) == (Decimal("43.1000"), 2023)
    # a later import rewrites 2023 and adds 2024
    IndicatorValue.objects.filter(department=world.dept_a1, year=2023).update(value=Decimal("50"))
    IndicatorValue.objects.create(
        indicator=indicator, department=world.dept_a1, year=2024, value=Decimal("44")
    )
    goal.refresh_from_db()
    assert (goal.baseline_value, goal.baseline_year) == (Decimal("43.1000"), 2023)
    from boligsocial.plans.selectors import goal_rows

    row = goal_rows(plan)[0]
    assert [(c["year"], c["target"], c["actual"]) for c in row.years] == [
        (2024, None, Decimal("44.0000")),
        (2025, None, Decimal("39.0000")),
        (2026, None, None),
        (2027, Decimal("38.0000"), None),
    ]


def test_goal_needs_an_indicator_with_department_or_an_own_measure(plan, world):
    sub = services.add_sub_agreement(plan=plan, by=None, area=area("B"))
    with pytest.raises(services.PlanError, match="Vælg en indikator"):
        services.add_goal(sub_agreement=sub, by=None, title="x")
    with pytest.raises(services.PlanError, match="ikke med i planen"):
        services.add_goal(
            sub_agreement=sub,
            by=None,
            title="x",
            indicator=Indicator.objects.get(code="outside_work_education"),
            department=world.dept_a2,
        )
    assert sub.goals.count() == 0


def test_one_sub_agreement_per_area(plan):
    services.add_sub_agreement(plan=plan, by=None, area=area("B"))
    with pytest.raises(services.PlanError, match="allerede en delaftale om »Beskæftigelse«"):
        services.add_sub_agreement(plan=plan, by=None, area=area("B"))
    assert plan.sub_agreements.count() == 1


def test_submit_refuses_a_budget_over_75_percent_and_changes_nothing(plan):
    services.add_sub_agreement(plan=plan, by=None, area=area("B"))
    balanced_budget(plan, lbf="300000.04", local="100000.00")
    with pytest.raises(services.PlanError) as refused:
        services.submit_plan(plan=plan, by=None)
    assert "Landsbyggefonden må højst finansiere 75 %" in refused.value.message
    assert Plan.objects.get(pk=plan.pk).status == Status.DRAFT
    balanced_budget(plan)
    assert services.submit_plan(plan=plan, by=None).status == Status.SUBMITTED


def test_approvals_by_every_party_approve_the_plan(plan, world):
    services.add_sub_agreement(plan=plan, by=None, area=area("B"))
    balanced_budget(plan)
    services.submit_plan(plan=plan, by=None)
    services.record_approval(
        plan=plan, by=None, party="council", approved_on=date(2023, 12, 5), approver="Byrådet"
    )
    with pytest.raises(services.PlanError, match="allerede registreret"):
        services.record_approval(
            plan=plan, by=None, party="council", approved_on=date(2023, 12, 6), approver="B"
        )
    assert [p for p, _o in services.missing_approvals(plan)] == ["housing", "housing", "lbf"]
    for org in (world.org_a, world.org_b):
        services.record_approval(
            plan=plan,
            by=None,
            party="housing",
            organisation=org,
            approved_on=date(2023, 11, 1),
            approver="Bestyrelsen",
        )
    assert Plan.objects.get(pk=plan.pk).status == Status.SUBMITTED
    services.record_approval(
        plan=plan, by=None, party="lbf", approved_on=date(2023, 12, 20), approver="LBF"
    )
    plan.refresh_from_db()
    assert plan.status == Status.APPROVED
    assert plan.approved_snapshot["Delaftale: Beskæftigelse"] == ""
    assert plan.approvals.count() == 4


def approved_plan(plan, world):
    sub = services.add_sub_agreement(plan=plan, by=None, area=area("B"))
    balanced_budget(plan)
    services.submit_plan(plan=plan, by=None)
    approve_all(plan, world)
    plan.refresh_from_db()
    return plan, sub


def test_a_locked_plan_needs_a_reason(plan, world):
    plan, _sub = approved_plan(plan, world)
    with pytest.raises(services.PlanError, match="Angiv en begrundelse"):
        services.update_agreement(plan=plan, by=None, values={"purpose": "Nyt formål"})
    assert Plan.objects.get(pk=plan.pk).purpose == ""
    assert Revision.objects.count() == 0


def test_changing_the_agreement_makes_a_revision_that_needs_reapproval(plan, world):
    plan, _sub = approved_plan(plan, world)
    revision = services.update_agreement(
        plan=plan, by=None, values={"purpose": "Flere i job"}, reason="Ny kommunal strategi"
    )
    assert revision.number == 1
    assert revision.changes == {"Strategisk aftale: Formål og rammer": ["", "Flere i job"]}
    assert (revision.needs_reapproval, revision.approved) == (True, False)
    plan.refresh_from_db()
    assert plan.reapproval_pending is True
    assert plan.approved_snapshot["Strategisk aftale: Formål og rammer"] == ""
    approve_all(plan, world)
    plan.refresh_from_db()
    revision.refresh_from_db()
    assert (revision.approved, plan.reapproval_pending) == (True, False)
    assert plan.approved_snapshot["Strategisk aftale: Formål og rammer"] == "Flere i job"
    assert plan.approvals.filter(revision=revision).count() == 4


def test_an_activity_on_a_locked_plan_is_a_revision_without_reapproval(plan, world):
    plan, sub = approved_plan(plan, world)
    services.add_activity(
        sub_agreement=sub,
        by=None,
        name="Fritidsjob i Alfaparken",
        intervention=fritidsjob(),
        reason="Ny aktivitet aftalt i følgegruppen",
    )
    revision = plan.revisions.get()
    assert revision.changes == {
        "Aktivitet: Fritidsjob i Alfaparken": [None, "Beskæftigelse; Fritidsjob / lommepengejob"]
    }
    assert (revision.needs_reapproval, revision.approved) == (False, True)
    plan.refresh_from_db()
    assert plan.reapproval_pending is False
    assert "Aktivitet: Fritidsjob i Alfaparken" in plan.approved_snapshot


def test_set_budget_refuses_fractions_of_an_ore(plan):
    lbf = plan.funders.get(kind="lbf")
    with pytest.raises(services.PlanError, match="hele øre"):
        services.set_budget(plan=plan, by=None, pledges={lbf.pk: Decimal("1.005")}, lines=[])
    assert plan.funders.get(kind="lbf").pledged == Decimal("0.00")


def test_log_session_counts_without_names(plan, world):
    sub = services.add_sub_agreement(plan=plan, by=None, area=area("B"))
    activity = services.add_activity(sub_agreement=sub, by=None, name="Jobcafé")
    session = services.log_session(
        activity=activity,
        by=None,
        held_on=date(2024, 3, 5),
        counts={("13-17", "f"): 4, ("13-17", "m"): 3, ("18-29", "x"): 0},
    )
    assert session.participants == 7
    assert sorted(session.counts.values_list("age_band", "gender", "count")) == [
        ("13-17", "f", 4),
        ("13-17", "m", 3),
    ]
    with pytest.raises(services.PlanError):
        services.log_session(
            activity=activity, by=None, held_on=date(2024, 3, 6), counts={("13-17", "f"): -1}
        )
    assert activity.sessions.count() == 1


def test_lifecycle_start_and_end(plan, world):
    plan, _sub = approved_plan(plan, world)
    assert services.start_plan(plan=plan, by=None).status == Status.RUNNING
    with pytest.raises(services.PlanError):
        services.start_plan(plan=plan, by=None)
    assert services.end_plan(plan=plan, by=None).status == Status.ENDED
    actions = ChangeLogEntry.objects.filter(action="transition").count()
    assert actions == 4  # submitted, approved, running, ended
