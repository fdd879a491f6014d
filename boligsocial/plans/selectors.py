"""The plans' reads, shared by pages, the API and the reports. Each takes a plan (or a queryset)
that already went through `access`; the query count of each is fixed (not per row)."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from boligsocial.plans import budget as budget_rules
from boligsocial.plans.models import (
    Activity,
    BudgetLine,
    FunderKind,
    Goal,
    Plan,
    Session,
    SessionCount,
    Spending,
)
from boligsocial.screening.models import IndicatorValue


def overview(plans):
    """The plans of a list page, with their counts (one query)."""
    return (
        plans.select_related("municipality", "period")
        .annotate(activity_count=Count("activities", distinct=True))
        .prefetch_related("organisations")
    )


def _budget_inputs(plan: Plan, **line_filter) -> tuple[list, list]:
    """The pledges (funders by pk: LBF, the municipality, the organisations) and the lines."""
    pledges = [
        budget_rules.Pledge(
            key=str(f.pk), name=f.name, pledged=f.pledged, is_lbf=f.kind == FunderKind.LBF
        )
        for f in plan.funders.order_by("pk")
    ]
    lines = [
        budget_rules.Line(
            funder=str(f), year=y, amount=a, label=label, activity=str(act) if act else ""
        )
        for f, y, a, label, act in BudgetLine.objects.filter(plan=plan, **line_filter).values_list(
            "funder_id", "year", "amount", "label", "activity_id"
        )
    ]
    return pledges, lines


def budget_check(plan: Plan, inputs: tuple[list, list] | None = None) -> budget_rules.Check:
    pledges, lines = inputs or _budget_inputs(plan)
    spending = [
        budget_rules.Line(funder=str(f), year=y, amount=a)
        for f, y, a in Spending.objects.filter(plan=plan).values_list("funder_id", "year", "amount")
    ]
    return budget_rules.check(pledges=pledges, lines=lines, years=plan.years, spending=spending)


def budget_page(plan: Plan, activities) -> tuple[budget_rules.Check, list[tuple]]:
    """The rule check and, per activity (then the lines of no activity: `None`), its budget by
    year and funder: ``[(activity or None, budget.ActivityBudget)]`` (four queries)."""
    inputs = _budget_inputs(plan)
    named = {str(a.pk): a for a in activities}
    rows = budget_rules.by_activity(
        pledges=inputs[0], lines=inputs[1], years=plan.years, activities=list(named)
    )
    return budget_check(plan, inputs), [(named.get(r.activity), r) for r in rows]


def activity_budget(activity: Activity) -> budget_rules.ActivityBudget:
    """One activity's budget lines by year and funder (two queries)."""
    pledges, lines = _budget_inputs(activity.plan, activity=activity)
    (row,) = budget_rules.by_activity(
        pledges=pledges, lines=lines, years=activity.plan.years, activities=[str(activity.pk)]
    )
    return row


@dataclass
class GoalRow:
    goal: Goal
    baseline: Decimal | None
    baseline_year: int | None
    years: list[dict]  # {"year", "target", "actual"}


def goal_rows(plan: Plan) -> list[GoalRow]:
    """Each goal with its frozen baseline and, per plan year, its target and actual: the
    screening's value where the goal is on an indicator, the plan's own figure otherwise."""
    goals = list(
        Goal.objects.filter(sub_agreement__plan=plan)
        .select_related("indicator", "department", "sub_agreement__area")
        .prefetch_related("years")
    )
    pairs = {(g.indicator_id, g.department_id) for g in goals if g.indicator_id}
    values: dict[tuple[int, int], dict[int, Decimal]] = defaultdict(dict)
    if pairs:
        rows = IndicatorValue.objects.filter(
            indicator_id__in={i for i, _ in pairs},
            department_id__in={d for _, d in pairs},
            year__gte=plan.first_year,
            year__lte=plan.last_year,
        ).values_list("indicator_id", "department_id", "year", "value")
        for i, d, y, v in rows:
            values[(i, d)][y] = v
    out = []
    for g in goals:
        by_year = {y.year: y for y in g.years.all()}
        measured = values.get((g.indicator_id, g.department_id), {})
        out.append(
            GoalRow(
                goal=g,
                baseline=g.baseline_value,
                baseline_year=g.baseline_year,
                years=[
                    {
                        "year": year,
                        "target": by_year[year].target if year in by_year else None,
                        "actual": measured.get(year)
                        if g.indicator_id
                        else (by_year[year].actual if year in by_year else None),
                    }
                    for year in plan.years
                ],
            )
        )
    return out


def _per_activity(aggregate) -> Subquery:
    return Subquery(
        Session.objects.filter(activity=OuterRef("pk"))
        .order_by()
        .values("activity")
        .annotate(x=aggregate)
        .values("x"),
        output_field=IntegerField(),
    )


def activities(plan: Plan):
    """The plan's activities with their session and participant totals (one query). The totals
    are correlated subqueries on the sessions' activity index: a join with GROUP BY sorted every
    session row with all the activity's columns (10 ms for 40 activities × 4 years of sessions
    on SQLite, 1 ms this way; bench/plans.py)."""
    return (
        Activity.objects.filter(plan=plan)
        .select_related("intervention", "sub_agreement__area", "owner")
        .annotate(
            session_count=Coalesce(_per_activity(Count("pk")), Value(0)),
            participant_total=_per_activity(Sum("participants")),
        )
        .order_by("sub_agreement__area__position", "name")
    )


def participants_by_band(activity_ids) -> dict:
    """``{(age band, gender): count}`` over the sessions of the activities."""
    rows = (
        SessionCount.objects.filter(session__activity_id__in=activity_ids)
        .values_list("age_band", "gender")
        .annotate(n=Sum("count"))
    )
    return {(a, g): n for a, g, n in rows}


def recent_sessions(activity: Activity, limit: int = 50):
    return (
        Session.objects.filter(activity=activity)
        .prefetch_related(Prefetch("counts", queryset=SessionCount.objects.order_by("age_band")))
        .select_related("logged_by")[:limit]
    )
