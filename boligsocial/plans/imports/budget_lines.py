"""Import of a plan's budget lines (LBF's budget templates are Excel): one row per plan, year,
funder and line, with its amount in kroner and øre.

Key: (plan, funder, year, line). A new key is created, an existing line with another amount is
changed, an identical one left alone; lines that are not in the file are kept. The optional
column `aktivitet_nr` names the plan's activity a line is for (as the activity-log import
identifies activities; an activity of another plan reads as unknown); an empty cell is a staff
or other line, and a file without the column leaves the lines' activities as they are. The file is
refused, naming its rows, unless each funder it touches still adds up to its pledge afterwards
and Landsbyggefonden's share stays at most 75 % (`plans/budget.py`, the same rules and Danish
messages as the budget page). An approved (locked) plan is not changed by an import: its budget
changes need a reason and make a revision on the budget page. Undo deletes the lines the import
created and gives changed lines their old amounts, refused if any was changed since (the budget
page replaces its lines, so a save there makes an import final)."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boligsocial.audit.models import ChangeAction
from boligsocial.audit.services import record_change, record_changes
from boligsocial.core import cells
from boligsocial.core.formatting import format_number
from boligsocial.core.importkinds import Column, ImportContext, ImportKind, UndoOutcome, Written
from boligsocial.core.importreport import ImportIssue, ImportResult, IssueCollector
from boligsocial.core.tables import Table, optional
from boligsocial.plans import access
from boligsocial.plans import budget as rules
from boligsocial.plans.imports import common
from boligsocial.plans.models import Activity, BudgetLine, Funder, FunderKind, Plan

MAX_AMOUNT = Decimal("999999999999.99")  # the model's 14 digits, 2 of them øre

COLUMNS = (
    Column("plan_nr", gettext_lazy("The plan's number (shown on the plan's page)."), 12),
    Column(
        "plan",
        gettext_lazy("The plan's name; if filled in, it must match the number."),
        "Helhedsplan Solparken 2024–2027",
        required=False,
    ),
    Column("aar", gettext_lazy("The budget year, inside the plan's period."), 2025),
    Column(
        "finansieringskilde",
        gettext_lazy(
            "The funder as named on the plan's budget: Landsbyggefonden (or LBF), the "
            "municipality or a housing organisation."
        ),
        "Landsbyggefonden",
    ),
    Column(
        "linje",
        gettext_lazy("What the amount is for, e.g. an activity or staff. Empty: “Total”."),
        "Sekretariat",
        required=False,
    ),
    Column(
        optional("aktivitet_nr"),
        gettext_lazy(
            "Optional column: the number of the plan's activity the line is for (shown on the "
            "activity's page). Empty: staff or other costs, no activity."
        ),
        40,
        required=False,
    ),
    Column(
        "beloeb",
        gettext_lazy("The amount in kroner, at most two decimals, e.g. 250.000,00."),
        "250.000,00",
    ),
)


@dataclass(frozen=True)
class Entry:
    line: int
    plan_id: int
    funder_id: int
    year: int
    label: str
    amount: Decimal
    activity: int | None = None
    has_activity: bool = False  # the file has the column (else the stored link is kept)


@dataclass
class Item:
    """A row to write: the entry, and the stored line it changes (None: created)."""

    entry: Entry
    plan_name: str
    funder_name: str
    existing: BudgetLine | None = None
    old: Decimal | None = None  # the stored amount it changes
    old_activity: int | None = None

    @property
    def activity(self) -> int | None:
        e = self.entry
        return e.activity if e.has_activity or self.existing is None else self.old_activity


def _funder_lookup(plan: Plan) -> dict[str, list]:
    names: dict[str, list] = defaultdict(list)
    for f in plan.funders.all():
        names[f.name.casefold()].append(f)
        if f.kind == FunderKind.LBF:
            names["lbf"].append(f)
    return names


def _amount(text: str) -> Decimal:
    value = cells.decimal(text, 2)
    if not rules.is_ore(value):
        raise ValidationError(
            _("“%(value)s” has more than two decimals. Write amounts in kroner and whole øre."),
            params={"value": text},
        )
    if value < 0:
        raise ValidationError(_("The amount must not be negative."))
    if value > MAX_AMOUNT:
        raise ValidationError(_("The amount is too large."))
    return value


def check(table: Table, ctx: ImportContext) -> tuple[tuple, IssueCollector]:
    issues = IssueCollector()
    label = table.labels
    numbers = set()
    for row in table.rows:
        text = row.values["plan_nr"]
        if text.isdigit() and len(text) < 10:
            numbers.add(int(text))
    plans = {
        p.pk: p
        for p in access.visible_plans(ctx.user)
        .filter(pk__in=numbers)
        .prefetch_related("funders")
        .select_related("secretariat")
    }
    funders = {pk: _funder_lookup(p) for pk, p in plans.items()}
    has_activity = "aktivitet_nr" in label
    activities = (
        dict(Activity.objects.filter(plan__in=plans).values_list("pk", "plan_id"))
        if has_activity
        else {}
    )
    own = {pk: access.own_funder_ids(ctx.user, p) for pk, p in plans.items()}
    entries: list[Entry] = []
    first: dict[tuple, int] = {}
    for done, row in enumerate(table.rows, 1):
        if done % 500 == 0:
            ctx.report(done)
        v = row.values
        try:
            number = cells.integer(v["plan_nr"])
        except ValidationError as error:
            issues.add(row.line, label["plan_nr"], cells.message_of(error))
            continue
        plan = plans.get(number)
        if plan is None:
            issues.add(row.line, label["plan_nr"], common.unknown_plan(number))
            continue
        if v["plan"] and v["plan"] != plan.name:
            issues.add(
                row.line,
                label["plan"],
                common.name_mismatch(_("Plan"), number, plan.name, v["plan"]),
            )
        if plan.is_locked:
            issues.add(
                row.line,
                label["plan_nr"],
                _(
                    "The plan “%(name)s” is approved and locked. Change its budget on the plan's "
                    "budget page with a reason; the change becomes a revision."
                )
                % {"name": plan.name},
            )
            continue
        found = funders[number].get(v["finansieringskilde"].casefold(), [])
        funder = found[0] if len(found) == 1 else None
        if funder is None:
            issues.add(
                row.line,
                label["finansieringskilde"],
                _("The plan has no funder “%(name)s”. Its funders are: %(names)s.")
                % {
                    "name": v["finansieringskilde"],
                    "names": ", ".join(sorted(f.name for f in plan.funders.all())),
                },
            )
        elif funder.pk not in own[number]:
            issues.add(
                row.line,
                label["finansieringskilde"],
                _("You can only change your own contributions to the budget, not %(name)s's.")
                % {"name": funder.name},
            )
            funder = None
        year = amount = None
        try:
            year = cells.integer(v["aar"])
            if year not in plan.years:
                issues.add(
                    row.line,
                    label["aar"],
                    _("The year %(year)s is outside the plan's period %(first)s–%(last)s.")
                    % {"year": year, "first": plan.first_year, "last": plan.last_year},
                )
                year = None
        except ValidationError as error:
            issues.add(row.line, label["aar"], cells.message_of(error))
        try:
            amount = _amount(v["beloeb"])
        except ValidationError as error:
            issues.add(row.line, label["beloeb"], cells.message_of(error))
        line_label = v["linje"] or _("Total")
        if len(line_label) > 200:
            issues.add(row.line, label["linje"], _("At most 200 characters."))
            continue
        activity = None
        if v.get("aktivitet_nr"):
            try:
                activity = cells.integer(v["aktivitet_nr"])
                if activities.get(activity) != plan.pk:
                    raise ValidationError(
                        _("The plan “%(name)s” has no activity number %(number)s.")
                        % {"name": plan.name, "number": activity}
                    )
            except ValidationError as error:
                issues.add(row.line, label["aktivitet_nr"], cells.message_of(error))
                continue
        if funder is None or year is None or amount is None:
            continue
        key = (number, funder.pk, year, line_label.casefold())
        if key in first:
            issues.add(
                row.line,
                label["linje"],
                _("The same budget line is already on line %(line)s.") % {"line": first[key]},
            )
            continue
        first[key] = row.line
        entries.append(
            Entry(row.line, number, funder.pk, year, line_label, amount, activity, has_activity)
        )
    if not issues:
        for issue in rule_issues(entries, plans, label):
            issues.add(issue.line, issue.column, issue.message)
    return (entries, {pk: p.name for pk, p in plans.items()}), issues


def _stored(plan_ids, *, lock: bool) -> dict[tuple, list[BudgetLine]]:
    qs = BudgetLine.objects.filter(plan_id__in=plan_ids).select_related("funder")
    if lock:
        qs = qs.select_for_update(of=("self",))
    out: dict[tuple, list[BudgetLine]] = defaultdict(list)
    for line in qs:
        out[(line.plan_id, line.funder_id, line.year, line.label.casefold())].append(line)
    return out


def rule_issues(entries: list[Entry], plans: dict[int, Plan], label) -> list[ImportIssue]:
    """The budget rules on each plan as it would be after the import: a funder the file touches
    must add up to its pledge, and LBF's share must stay at most 75 % (the file's rows named)."""
    by_plan: dict[int, list[Entry]] = defaultdict(list)
    for e in entries:
        by_plan[e.plan_id].append(e)
    stored = _stored(by_plan, lock=False)
    out: list[ImportIssue] = []
    for plan_id, rows in by_plan.items():
        plan = plans[plan_id]
        for e in rows:
            found = stored.get((e.plan_id, e.funder_id, e.year, e.label.casefold()), [])
            if len(found) > 1:
                out.append(
                    ImportIssue(
                        e.line,
                        label["linje"],
                        _(
                            "The plan has %(count)s lines “%(label)s” of this funder in %(year)s, "
                            "so the file cannot say which to change. Save the budget on the "
                            "plan's budget page first (it joins them)."
                        )
                        % {"count": len(found), "label": e.label, "year": e.year},
                    )
                )
        if out:
            continue
        result = _check_after(plan, rows, stored)
        lines_of = defaultdict(list)
        for e in rows:
            lines_of[str(e.funder_id)].append(e.line)
        lbf = {str(f.pk) for f in plan.funders.all() if f.kind == FunderKind.LBF}
        for problem in result.problems:
            if problem.code == "funder_total" and problem.funder in lines_of:
                lines = lines_of[problem.funder]
            elif problem.code == "lbf_share":
                lines = [ln for k, ls in lines_of.items() if k in lbf for ln in ls] or [
                    e.line for e in rows
                ]
            else:
                continue
            out.append(
                ImportIssue(
                    min(lines),
                    label["finansieringskilde"],
                    _("%(rows)s: %(problem)s Nothing was imported.")
                    % {"rows": common.rows_text(lines).capitalize(), "problem": problem.message},
                )
            )
    return sorted(out, key=lambda i: i.line)


def _check_after(plan: Plan, rows: list[Entry], stored: dict) -> rules.Check:
    amounts = {
        key: [line.amount for line in lines] for key, lines in stored.items() if key[0] == plan.pk
    }
    for e in rows:
        amounts[(e.plan_id, e.funder_id, e.year, e.label.casefold())] = [e.amount]
    funders = list(plan.funders.all())
    return rules.check(
        pledges=[
            rules.Pledge(str(f.pk), f.name, f.pledged, is_lbf=f.kind == FunderKind.LBF)
            for f in funders
        ],
        lines=[
            rules.Line(str(funder_id), year, amount)
            for (_p, funder_id, year, _l), values in amounts.items()
            for amount in values
        ],
        years=plan.years,
    )


def _fields(item: Item) -> list[tuple[str, str, str]]:
    old = "" if item.old is None else format_number(item.old, 2)
    out = [(_("Amount (kr.)"), old, format_number(item.entry.amount, 2))]
    if item.activity != item.old_activity or (item.existing is None and item.activity):
        out.append((_("Activity number"), str(item.old_activity or ""), str(item.activity or "")))
    return out


def _subject(item: Item) -> str:
    e = item.entry
    return f"{item.plan_name}: {item.funder_name} {e.year} ({e.label})"


def plan(checked, ctx: ImportContext) -> common.RowPlan:
    entries, names = checked
    plan_ids = {e.plan_id for e in entries}
    if ctx.lock:  # the plans first, then their lines: the same order as the budget page
        list(Plan.objects.select_for_update().filter(pk__in=plan_ids).values_list("pk"))
    stored = _stored(plan_ids, lock=ctx.lock)
    funder_names = dict(Funder.objects.filter(plan_id__in=plan_ids).values_list("pk", "name"))
    result = common.RowPlan(
        subject=_subject,
        fields=_fields,
        key=lambda i: (
            i.entry.plan_id,
            i.entry.funder_id,
            i.entry.year,
            i.entry.label,
            str(i.entry.amount),
            i.existing.pk if i.existing else None,
            str(i.old),
            i.activity,
            i.old_activity,
        ),
        organisation_ids=frozenset(
            Plan.objects.filter(pk__in=plan_ids, secretariat__isnull=False)
            .values_list("secretariat_id", flat=True)
            .distinct()
        ),
    )
    for e in entries:
        found = stored.get((e.plan_id, e.funder_id, e.year, e.label.casefold()), [])
        item = Item(e, names[e.plan_id], funder_names.get(e.funder_id, ""))
        if not found:
            result.create.append((e.line, item))
            continue
        item.existing, item.old = found[0], found[0].amount
        item.old_activity = found[0].activity_id
        if len(found) == 1 and item.old == e.amount and item.activity == item.old_activity:
            result.unchanged += 1
        else:
            result.update.append((e.line, item))
    return result


def _linked(line: BudgetLine) -> dict:
    return {"activity": (None, line.activity_id)} if line.activity_id else {}


def write(plan_: common.RowPlan, ctx: ImportContext) -> Written:
    """Under the plans' lock: the rules once more (another line may have changed since the
    check), then the lines, one audit entry per line and one per plan."""
    items = [item for _line, item in (*plan_.create, *plan_.update)]
    plan_ids = {i.entry.plan_id for i in items}
    plans = {p.pk: p for p in Plan.objects.filter(pk__in=plan_ids).prefetch_related("funders")}
    locked = [p for p in plans.values() if p.is_locked]
    if locked:
        message = _("The plan “%(name)s” was approved meanwhile. Nothing was imported.") % {
            "name": locked[0].name
        }
        return Written(ImportResult(issues=[ImportIssue(0, "", message)], issue_count=1))
    entries = [i.entry for i in items]
    broken = rule_issues(entries, plans, {"finansieringskilde": _("Funder"), "linje": _("Line")})
    if broken:
        return Written(ImportResult(issues=broken, issue_count=len(broken)))
    created = BudgetLine.objects.bulk_create(
        BudgetLine(
            plan_id=i.entry.plan_id,
            funder_id=i.entry.funder_id,
            year=i.entry.year,
            label=i.entry.label,
            amount=i.entry.amount,
            activity_id=i.entry.activity,
        )
        for _line, i in plan_.create
    )
    funders = {f.pk: f for p in plans.values() for f in p.funders.all()}
    for line in created:
        line.funder = funders[line.funder_id]  # named in the audit entry, no query
    changed = []
    for _line, i in plan_.update:
        i.existing.amount, i.existing.activity_id = i.entry.amount, i.activity
        changed.append(i.existing)
    BudgetLine.objects.bulk_update(changed, ["amount", "activity"])
    ids = plan_.organisation_ids
    record_changes(
        actor=ctx.user,
        organisation_id=next(iter(ids)) if len(ids) == 1 else None,
        entries=[
            *(
                (line, ChangeAction.CREATE, {"amount": (None, line.amount)} | _linked(line))
                for line in created
            ),
            *(
                (i.existing, ChangeAction.UPDATE, {"amount": (i.old, i.entry.amount)} | moved)
                for _line, i in plan_.update
                for moved in [
                    {"activity": (i.old_activity, i.activity)}
                    if i.activity != i.old_activity
                    else {}
                ]
            ),
        ],
    )
    for p in plans.values():
        Plan.objects.filter(pk=p.pk).update(version=F("version") + 1)
        record_change(
            actor=ctx.user,
            obj=p,
            action=ChangeAction.IMPORT,
            changes={"budget": (None, ctx.filename)},
        )
    return Written(
        ImportResult(created=plan_.created, updated=plan_.updated, unchanged=plan_.unchanged),
        undo={
            "created": [[line.pk, str(line.amount)] for line in created],
            "updated": [
                [i.existing.pk, str(i.old), str(i.entry.amount), i.old_activity, i.activity]
                for _l, i in plan_.update
            ],
        },
    )


def undo(record: dict, ctx: ImportContext, *, apply: bool) -> UndoOutcome:
    created = {pk: Decimal(a) for pk, a in record.get("created", [])}
    # [pk, old amount, new amount(, old activity, new activity)]: records before the activity
    # column have three fields, and their lines' activities were not changed.
    updated = {
        row[0]: (Decimal(row[1]), Decimal(row[2]), *(row[3:5] if len(row) > 3 else ()))
        for row in record.get("updated", [])
    }
    qs = BudgetLine.objects.filter(pk__in=[*created, *updated]).select_related("plan", "funder")
    if apply:
        qs = qs.select_for_update(of=("self",))
    current = {line.pk: line for line in qs}
    problems = []
    for line in current.values():
        if line.plan.is_locked:
            problems.append(
                _("The plan “%(name)s” has been approved since the import.")
                % {"name": line.plan.name}
            )
            break
    for pk, amount in created.items():
        line = current.get(pk)
        if line is not None and line.amount != amount:
            problems.append(_("%(row)s has been changed since the import.") % {"row": line})
    for pk, (_old, new, *activity) in updated.items():
        line = current.get(pk)
        if line is None:
            problems.append(
                _("A budget line the import changed has been deleted since (id %(id)s).")
                % {"id": pk}
            )
        elif line.amount != new or (activity and line.activity_id != activity[1]):
            problems.append(_("%(row)s has been changed since the import.") % {"row": line})
    if problems:
        return UndoOutcome(problems=problems[:10])
    to_delete = [current[pk] for pk in created if pk in current]
    to_restore = [current[pk] for pk in updated]
    outcome = UndoOutcome(deleted=len(to_delete), restored=len(to_restore))
    if not apply:
        return outcome
    entries = [(line, ChangeAction.DELETE, {}) for line in to_delete]
    for line in to_restore:
        old, _new, *activity = updated[line.pk]
        changes = {"amount": (line.amount, old)}
        if activity and activity[0] != line.activity_id:
            changes["activity"] = (line.activity_id, activity[0])
            line.activity_id = activity[0]
        entries.append((line, ChangeAction.UNDO, changes))
        line.amount = old
    record_changes(actor=ctx.user, entries=entries)
    BudgetLine.objects.filter(pk__in=[line.pk for line in to_delete]).delete()
    BudgetLine.objects.bulk_update(to_restore, ["amount", "activity"])
    for plan_id in {line.plan_id for line in current.values()}:
        Plan.objects.filter(pk=plan_id).update(version=F("version") + 1)
    return outcome


def template_rows(ctx: ImportContext):
    """The budget lines of the organisation's plans the user may change (none without one)."""
    if ctx.organisation is None:
        return []
    plans = (
        access.visible_plans(ctx.user)
        .filter(organisations=ctx.organisation)
        .prefetch_related("funders")
        .order_by("pk")
    )
    rows = []
    for p in plans:
        if p.is_locked:
            continue
        own = access.own_funder_ids(ctx.user, p)
        for line in (
            BudgetLine.objects.filter(plan=p, funder_id__in=own)
            .select_related("funder")
            .order_by("year", "funder_id", "label")
        ):
            rows.append(
                [
                    p.pk,
                    p.name,
                    line.year,
                    line.funder.name,
                    line.label,
                    line.activity_id or "",
                    line.amount,
                ]
            )
    return rows


KIND = ImportKind(
    code="plan_budget_lines",
    slug="budgetlinjer",
    label=gettext_lazy("Plan budget lines"),
    columns=COLUMNS,
    check=check,
    plan=plan,
    write=write,
    undo=undo,
    may_import=common.may_import,
    organisations=common.organisations,
    template_rows=template_rows,
    undo_by_importer=True,
    description=gettext_lazy(
        "A comprehensive plan's budget: one row per plan, year, funder and line. A line already "
        "in the plan gets the file's amount; lines not in the file are kept. Each funder in the "
        "file must still add up to its pledge, and Landsbyggefonden may fund at most 75 %, or "
        "nothing is imported. Approved plans are changed on their budget page."
    ),
    order=50,
)
