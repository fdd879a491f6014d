"""The plans' write use cases: one function each, keyword-only, in a transaction, writing the
change log. A change of a locked (approved, running or ended) plan needs a reason and makes a
revision (decision 0026): its diff against the approved version, and a new approval round where
the strategic agreement changed (LBF's rule); other changes are approved with the revision."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from boligsocial.audit.models import ChangeAction
from boligsocial.audit.services import record_change
from boligsocial.plans import budget as budget_rules
from boligsocial.plans import selectors
from boligsocial.plans.models import (
    AGREEMENT_FIELDS,
    Activity,
    Approval,
    ApprovalParty,
    BudgetLine,
    Funder,
    FunderKind,
    Goal,
    GoalYear,
    Group,
    GroupKind,
    Milestone,
    Partner,
    PartnerKind,
    Plan,
    Revision,
    Session,
    SessionCount,
    Spending,
    Status,
    SubAgreement,
)
from boligsocial.plans.snapshots import changes_between, snapshot, touches_agreement
from boligsocial.screening.models import IndicatorValue

DEFAULT_YEARS = 4


class PlanError(Exception):
    """A refused change; `message` is Danish and tells the user what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


FOREIGN_ACTIVITY = (
    "En budgetlinje peger på en aktivitet, der ikke hører til planen. "
    "Vælg en af planens aktiviteter, eller ingen (stab og andet)."
)


def _locked(pk: int) -> Plan:
    return Plan.objects.select_for_update().get(pk=pk)


def _revise(plan: Plan, *, by, reason: str) -> Revision | None:
    """After a change of a locked plan: the revision with its diff (None if nothing changed)."""
    changes = changes_between(plan.approved_snapshot, snapshot(plan))
    if not changes:
        return None
    number = (plan.revisions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    needs = touches_agreement(changes)
    revision = Revision.objects.create(
        plan=plan,
        number=number,
        reason=reason,
        changes=changes,
        needs_reapproval=needs,
        approved=not needs,
        created_by=by,
    )
    if needs:
        plan.reapproval_pending = True
    else:
        plan.approved_snapshot = snapshot(plan)
    plan.save(update_fields=["reapproval_pending", "approved_snapshot"])
    record_change(
        actor=by, obj=plan, action=ChangeAction.OTHER, changes={"revision": (None, number)}
    )
    return revision


def _require_reason(plan: Plan, reason: str) -> None:
    if plan.is_locked and not reason.strip():
        raise PlanError(
            "Planen er godkendt og låst. Angiv en begrundelse for ændringen; den gemmes som en "
            "revision."
        )


def _after_change(plan: Plan, *, by, reason: str):
    Plan.objects.filter(pk=plan.pk).update(version=F("version") + 1)
    if plan.is_locked:
        return _revise(plan, by=by, reason=reason)
    return None


@transaction.atomic
def create_plan(
    *,
    by,
    name: str,
    municipality,
    organisations,
    period,
    first_year: int,
    years: int = DEFAULT_YEARS,
    departments=(),
    areas=(),
    secretariat=None,
) -> Plan:
    """A draft plan owned by `organisations` and the municipality; `secretariat` (one of the
    organisations, default the first) runs it and edits all of it (decision 0033)."""
    if years < 1:
        raise PlanError("En plan skal vare mindst ét år.")
    if not organisations:
        raise PlanError("Vælg mindst én boligorganisation.")
    secretariat = secretariat or organisations[0]
    if secretariat not in organisations:
        raise PlanError("Sekretariatet skal ligge hos en af planens boligorganisationer.")
    plan = Plan.objects.create(
        name=name,
        secretariat=secretariat,
        municipality=municipality,
        period=period,
        first_year=first_year,
        last_year=first_year + years - 1,
    )
    plan.organisations.set(organisations)
    plan.departments.set(departments)
    plan.areas.set(areas)
    if by is not None and by.is_authenticated:
        plan.staff.add(by)
    Funder.objects.create(plan=plan, kind=FunderKind.LBF, name="Landsbyggefonden", pledged=0)
    Funder.objects.create(
        plan=plan, kind=FunderKind.MUNICIPALITY, name=municipality.name, pledged=0
    )
    Partner.objects.create(
        plan=plan, kind=PartnerKind.MUNICIPALITY, name=municipality.name, role="Kommune"
    )
    for org in organisations:
        Funder.objects.create(
            plan=plan, kind=FunderKind.HOUSING, name=org.name, organisation=org, pledged=0
        )
        Partner.objects.create(
            plan=plan,
            kind=PartnerKind.HOUSING,
            name=org.name,
            organisation=org,
            role="Boligorganisation",
        )
    record_change(actor=by, obj=plan, action=ChangeAction.CREATE)
    return plan


@transaction.atomic
def update_agreement(*, plan: Plan, by, values: dict, reason: str = "") -> Revision | None:
    plan = _locked(plan.pk)
    _require_reason(plan, reason)
    changes = {}
    for name in AGREEMENT_FIELDS:
        if name in values and getattr(plan, name) != values[name]:
            changes[name] = (getattr(plan, name), values[name])
            setattr(plan, name, values[name])
    if not changes:
        return None
    plan.save(update_fields=list(changes))
    record_change(actor=by, obj=plan, action=ChangeAction.UPDATE, changes=changes)
    return _after_change(plan, by=by, reason=reason)


@transaction.atomic
def add_sub_agreement(*, plan: Plan, by, area, text: str = "", reason: str = "") -> SubAgreement:
    plan = _locked(plan.pk)
    _require_reason(plan, reason)
    if area.period_id != plan.period_id:
        raise PlanError(f"Indsatsområdet »{area.name}« hører ikke til planens periode.")
    if plan.sub_agreements.filter(area=area).exists():
        raise PlanError(f"Planen har allerede en delaftale om »{area.name}«.")
    sub = SubAgreement.objects.create(plan=plan, area=area, text=text)
    record_change(actor=by, obj=sub, action=ChangeAction.CREATE)
    _after_change(plan, by=by, reason=reason)
    return sub


def frozen_baseline(indicator, department, first_year: int) -> tuple[Decimal | None, int | None]:
    """The department's value in the latest year up to the plan's first year."""
    row = (
        IndicatorValue.objects.filter(
            indicator=indicator, department=department, year__lte=first_year
        )
        .order_by("-year")
        .values_list("value", "year")
        .first()
    )
    return row if row else (None, None)


@transaction.atomic
def add_goal(
    *,
    sub_agreement: SubAgreement,
    by,
    title: str,
    indicator=None,
    department=None,
    own_measure: str = "",
    targets: dict[int, Decimal] | None = None,
    reason: str = "",
) -> Goal:
    plan = _locked(sub_agreement.plan_id)
    _require_reason(plan, reason)
    if indicator is None and not own_measure.strip():
        raise PlanError("Vælg en indikator, eller beskriv planens egen måling (fx deltagere).")
    if indicator is not None:
        if department is None:
            raise PlanError("Vælg den afdeling, indikatoren måles i.")
        if not plan.departments.filter(pk=department.pk).exists():
            raise PlanError("Afdelingen er ikke med i planen.")
    goal = Goal(sub_agreement=sub_agreement, title=title, own_measure=own_measure)
    if indicator is not None:
        goal.indicator, goal.department = indicator, department
        goal.baseline_value, goal.baseline_year = frozen_baseline(
            indicator, department, plan.first_year
        )
        goal.baseline_frozen_at = timezone.now()
    goal.save()
    for year, target in (targets or {}).items():
        if year not in plan.years:
            raise PlanError(f"Året {year} ligger uden for planens periode.")
        GoalYear.objects.create(goal=goal, year=year, target=target)
    record_change(actor=by, obj=goal, action=ChangeAction.CREATE)
    _after_change(plan, by=by, reason=reason)
    return goal


@transaction.atomic
def add_activity(
    *,
    sub_agreement: SubAgreement,
    by,
    name: str,
    intervention=None,
    target_group: str = "",
    staff: str = "",
    hours_per_week: Decimal | None = None,
    first_year: int | None = None,
    description: str = "",
    partners=(),
    owner=None,
    reason: str = "",
) -> Activity:
    """`owner`: the plan partner (a housing organisation or the municipality) whose part the
    activity is; None for the secretariat's shared activity."""
    plan = _locked(sub_agreement.plan_id)
    _require_reason(plan, reason)
    if owner is not None and (
        owner.plan_id != plan.pk
        or owner.kind not in (PartnerKind.HOUSING, PartnerKind.MUNICIPALITY)
    ):
        raise PlanError("Ejeren skal være en af planens boligorganisationer eller kommunen.")
    first_year = first_year or plan.first_year
    if first_year not in plan.years:
        raise PlanError(f"Året {first_year} ligger uden for planens periode.")
    activity = Activity.objects.create(
        plan=plan,
        sub_agreement=sub_agreement,
        name=name,
        owner=owner,
        intervention=intervention,
        target_group=target_group,
        staff=staff,
        hours_per_week=hours_per_week,
        first_year=first_year,
        description=description,
    )
    activity.partners.set(partners)
    record_change(actor=by, obj=activity, action=ChangeAction.CREATE)
    _after_change(plan, by=by, reason=reason)
    return activity


@transaction.atomic
def log_session(
    *, activity: Activity, by, held_on: date, counts: dict[tuple[str, str], int], notes: str = ""
) -> Session:
    """A session of an activity: counts by (age band, gender), no names."""
    if any(n < 0 for n in counts.values()):
        raise PlanError("Antal deltagere kan ikke være negativt.")
    session = Session.objects.create(
        activity=activity,
        held_on=held_on,
        notes=notes,
        participants=sum(counts.values()),
        logged_by=by,
    )
    SessionCount.objects.bulk_create(
        SessionCount(session=session, age_band=a, gender=g, count=n)
        for (a, g), n in counts.items()
        if n
    )
    record_change(actor=by, obj=session, action=ChangeAction.CREATE, organisation_id=None)
    return session


def budget_check(plan: Plan) -> budget_rules.Check:
    return selectors.budget_check(plan)


@transaction.atomic
def set_budget(
    *,
    plan: Plan,
    by,
    pledges: dict[int, Decimal],
    lines: list[tuple],
    funder_ids=None,
    reason: str = "",
) -> budget_rules.Check:
    """Replace the budget lines (funder id, year, label, amount[, activity id or None]) of the
    funders in `funder_ids` (default: all) and their pledges. A line's activity must be one of
    the plan's (None: a staff or other line). Saved even when a rule is broken (the page shows
    the problems; a plan cannot be submitted until they are solved)."""
    plan = _locked(plan.pk)
    _require_reason(plan, reason)
    lines = [(*line, None)[:5] for line in lines]
    amounts = [*pledges.values(), *(line[3] for line in lines)]
    if any(not budget_rules.is_ore(a) or a < 0 for a in amounts):
        raise PlanError("Beløb skal være ikke-negative og angives i kroner og hele øre.")
    funders = {f.pk: f for f in plan.funders.all()}
    allowed = set(funders) if funder_ids is None else set(funder_ids)
    for funder_id in set(pledges) | {line[0] for line in lines}:
        if funder_id not in allowed:
            raise PlanError("Du kan kun ændre dine egne bidrag til budgettet.")
    outside = sorted({line[1] for line in lines} - set(plan.years))
    if outside:
        raise PlanError(
            f"Året {outside[0]} ligger uden for planens periode {plan.first_year}–{plan.last_year}."
        )
    named = {line[4] for line in lines} - {None}
    if any(type(a) is not int or not 0 < a < 2**63 for a in named) or named - set(
        plan.activities.filter(pk__in=named).values_list("pk", flat=True)
    ):
        raise PlanError(FOREIGN_ACTIVITY)
    for funder_id, amount in pledges.items():
        funder = funders[funder_id]
        if funder.pledged != amount:
            record_change(
                actor=by,
                obj=funder,
                action=ChangeAction.UPDATE,
                changes={"pledged": (funder.pledged, amount)},
            )
            funder.pledged = amount
            funder.save(update_fields=["pledged"])
    BudgetLine.objects.filter(plan=plan, funder_id__in=allowed).delete()
    BudgetLine.objects.bulk_create(
        BudgetLine(plan=plan, funder_id=f, year=y, label=label, amount=amount, activity_id=a)
        for f, y, label, amount, a in lines
    )
    record_change(
        actor=by, obj=plan, action=ChangeAction.UPDATE, changes={"budget": (None, len(lines))}
    )
    _after_change(plan, by=by, reason=reason)
    return selectors.budget_check(plan)


@transaction.atomic
def record_spending(*, plan: Plan, by, funder: Funder, year: int, amount: Decimal, note: str = ""):
    if not budget_rules.is_ore(amount) or amount < 0:
        raise PlanError("Forbruget skal være et ikke-negativt beløb i kroner og hele øre.")
    if funder.plan_id != plan.pk:
        raise PlanError("Finansieringskilden hører ikke til planen.")
    if year not in plan.years:
        raise PlanError(
            f"Året {year} ligger uden for planens periode {plan.first_year}–{plan.last_year}."
        )
    spending = Spending.objects.create(
        plan=plan, funder=funder, year=year, amount=amount, note=note
    )
    record_change(actor=by, obj=spending, action=ChangeAction.CREATE)
    return spending


@transaction.atomic
def submit_plan(*, plan: Plan, by) -> Plan:
    plan = _locked(plan.pk)
    if plan.status != Status.DRAFT:
        raise PlanError("Kun en kladde kan sendes til godkendelse.")
    if not plan.sub_agreements.exists():
        raise PlanError("Planen skal have mindst én delaftale, før den sendes til godkendelse.")
    check = selectors.budget_check(plan)
    if not check.ok:
        raise PlanError(
            "Budgettet overholder ikke reglerne: " + " ".join(p.message for p in check.problems)
        )
    return _transition(plan, Status.SUBMITTED, by=by)


def _transition(plan: Plan, to: str, *, by) -> Plan:
    before = plan.status
    plan.status = to
    plan.version += 1
    plan.save(update_fields=["status", "version"])
    record_change(
        actor=by, obj=plan, action=ChangeAction.TRANSITION, changes={"status": (before, to)}
    )
    return plan


def missing_approvals(plan: Plan, revision: Revision | None = None) -> list[tuple[str, object]]:
    """(party, organisation) pairs still to approve (the plan, or a pending revision)."""
    given = {(a.party, a.organisation_id) for a in plan.approvals.filter(revision=revision)}
    needed: list[tuple[str, object]] = [
        (ApprovalParty.HOUSING, org) for org in plan.organisations.order_by("name")
    ]
    needed.append((ApprovalParty.COUNCIL, None))
    if plan.funders.filter(kind=FunderKind.LBF).exists():
        needed.append((ApprovalParty.LBF, None))
    return [(party, org) for party, org in needed if (party, org.pk if org else None) not in given]


@transaction.atomic
def record_approval(
    *, plan: Plan, by, party: str, approved_on: date, approver: str, organisation=None
) -> Approval:
    plan = _locked(plan.pk)
    revision = None
    if plan.reapproval_pending:
        revision = plan.revisions.filter(needs_reapproval=True, approved=False).first()
    elif plan.status != Status.SUBMITTED:
        raise PlanError("Planen venter ikke på godkendelse.")
    if party == ApprovalParty.HOUSING:
        if organisation is None or not plan.organisations.filter(pk=organisation.pk).exists():
            raise PlanError("Vælg den boligorganisation i planen, der har godkendt.")
    else:
        organisation = None
    if not approver.strip():
        raise PlanError("Skriv, hvem der godkendte (navn eller udvalg).")
    if plan.approvals.filter(revision=revision, party=party, organisation=organisation).exists():
        raise PlanError("Den godkendelse er allerede registreret.")
    approval = Approval.objects.create(
        plan=plan,
        revision=revision,
        party=party,
        organisation=organisation,
        approved_on=approved_on,
        approver=approver,
        recorded_by=by,
    )
    record_change(actor=by, obj=approval, action=ChangeAction.CREATE)
    if not missing_approvals(plan, revision):
        plan.approved_snapshot = snapshot(plan)
        if revision is not None:
            revision.approved = True
            revision.save(update_fields=["approved"])
            plan.reapproval_pending = False
            plan.save(update_fields=["approved_snapshot", "reapproval_pending"])
        else:
            plan.save(update_fields=["approved_snapshot"])
            _transition(plan, Status.APPROVED, by=by)
    return approval


@transaction.atomic
def start_plan(*, plan: Plan, by) -> Plan:
    plan = _locked(plan.pk)
    if plan.status != Status.APPROVED:
        raise PlanError("Kun en godkendt plan kan sættes i gang.")
    return _transition(plan, Status.RUNNING, by=by)


@transaction.atomic
def end_plan(*, plan: Plan, by) -> Plan:
    plan = _locked(plan.pk)
    if plan.status != Status.RUNNING:
        raise PlanError("Kun en plan, der kører, kan afsluttes.")
    return _transition(plan, Status.ENDED, by=by)


@transaction.atomic
def update_partner(*, partner: Partner, by, role: str, email: str) -> Partner:
    changes = {
        k: (getattr(partner, k), v)
        for k, v in (("role", role), ("email", email))
        if getattr(partner, k) != v
    }
    if changes:
        for k, (_before, v) in changes.items():
            setattr(partner, k, v)
        partner.save(update_fields=list(changes))
        record_change(actor=by, obj=partner, action=ChangeAction.UPDATE, changes=changes)
    return partner


@transaction.atomic
def add_group(*, plan: Plan, by, kind: str, name: str, members: str = "") -> Group:
    """The local board, a follow-up group or the secretariat (entydig ledelse, domain.md § 1.4).
    The plan's organisation, not its content: not locked by the approval (like the partners)."""
    if kind not in GroupKind.values:
        raise PlanError("Vælg, hvilken slags gruppe det er.")
    if not name.strip():
        raise PlanError("Giv gruppen et navn.")
    group = Group.objects.create(plan=plan, kind=kind, name=name.strip(), members=members.strip())
    record_change(actor=by, obj=group, action=ChangeAction.CREATE)
    return group


@transaction.atomic
def add_milestone(*, plan: Plan, by, title: str, due_on: date) -> Milestone:
    if not title.strip():
        raise PlanError("Skriv, hvad milepælen er.")
    if not plan.first_year - 1 <= due_on.year <= plan.last_year + 1:
        raise PlanError(
            f"Datoen skal ligge i planens periode {plan.first_year}–{plan.last_year} "
            "(eller året før eller efter)."
        )
    milestone = Milestone.objects.create(plan=plan, title=title.strip(), due_on=due_on)
    record_change(actor=by, obj=milestone, action=ChangeAction.CREATE)
    return milestone


@transaction.atomic
def complete_milestone(*, milestone: Milestone, by, done_on: date) -> Milestone:
    if milestone.done_on is not None:
        raise PlanError("Milepælen er allerede nået.")
    milestone.done_on = done_on
    milestone.save(update_fields=["done_on"])
    record_change(
        actor=by, obj=milestone, action=ChangeAction.UPDATE, changes={"done_on": (None, done_on)}
    )
    return milestone
