"""The budget grid (issue 16 part 6): per funder its pledge and its lines, one row each, with the
activity of the plan the line is for (or none: staff and other costs), its text and an amount
per year. The secretariat edits every funder; another owner (an organisation, the municipal
partner) its own rows only (decision 0033). A save replaces the edited funders' lines
(`services.set_budget`, which also refuses an activity of another plan); rows of one funder
with the same text are joined per year, so each line stays one the import can find."""

from collections import defaultdict
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from boligsocial.core.rest import check_id
from boligsocial.plans import access, services
from boligsocial.plans.views.common import get_plan, plan_context

BLANK_ROWS = 2  # empty rows offered under each funder the user edits
MAX_ROWS = 500  # rows read per funder (the form never has more than its lines + BLANK_ROWS)


class GridError(Exception):
    pass


def _amount(text: str) -> Decimal:
    text = text.strip().replace(".", "").replace(" ", "").replace(",", ".")
    try:
        value = Decimal(text) if text else Decimal(0)
    except InvalidOperation:
        raise GridError(_("An amount is not a number. Write amounts like 250.000,00.")) from None
    if not value.is_finite():
        raise GridError(_("An amount is not a number. Write amounts like 250.000,00."))
    return value


def _activity(text: str) -> int | None:
    if not text:
        return None
    number = check_id(text) if text.isdigit() else None
    if number is None:
        raise services.PlanError(services.FOREIGN_ACTIVITY)
    return number


def _funder_lines(post, funder, years, names: dict[int, str]) -> list[tuple]:
    """The posted rows of one funder as lines (funder, year, label, amount, activity), joined
    per year and text."""
    count = post.get(f"rows_{funder.pk}", "")
    count = min(int(count), MAX_ROWS) if count.isdigit() and len(count) < 6 else 0
    joined: dict[tuple[int, str], list] = {}
    for i in range(count):
        prefix = f"line_{funder.pk}_{i}"
        activity = _activity(post.get(f"{prefix}_activity", "").strip())
        label = " ".join(post.get(f"{prefix}_label", "").split())[:200]
        label = label or names.get(activity) or _("Total")
        for year in years:
            amount = _amount(post.get(f"{prefix}_{year}", ""))
            if not amount:
                continue
            key = (year, label.casefold())
            if key not in joined:
                joined[key] = [label, amount, activity]
            elif joined[key][2] != activity:
                raise GridError(
                    _(
                        "Two lines of %(funder)s in %(year)s are both called “%(label)s” but are "
                        "for different activities. Give them different texts."
                    )
                    % {"funder": funder.name, "year": year, "label": label}
                )
            else:
                joined[key][1] += amount
    return [(funder.pk, y, label, a, act) for (y, _k), (label, a, act) in joined.items()]


def _rows(plan, funders, editable, activities) -> list[dict]:
    """Per funder its pledge and one row per (activity, text) with its amounts by year."""
    order = {a.pk: n for n, a in enumerate(activities)}
    grouped: dict[int, dict[tuple, dict[int, Decimal]]] = defaultdict(dict)
    for line in plan.budget_lines.all():
        key = (line.activity_id, line.label)
        cells = grouped[line.funder_id].setdefault(key, defaultdict(Decimal))
        cells[line.year] += line.amount
    out = []
    for f in funders:
        keys = sorted(
            grouped[f.pk],
            key=lambda k: (k[0] is None, order.get(k[0], len(order)), k[1].casefold()),
        )
        lines = [
            {"activity": activity_id, "label": label, "cells": grouped[f.pk][(activity_id, label)]}
            for activity_id, label in keys
        ]
        if f.pk in editable:
            lines += [{"activity": None, "label": "", "cells": {}}] * BLANK_ROWS
        out.append(
            {
                "funder": f,
                "editable": f.pk in editable,
                "count": len(lines),
                "lines": [
                    {
                        "prefix": f"line_{f.pk}_{i}",
                        "activity": line["activity"],
                        "label": line["label"],
                        "cells": [
                            {"year": y, "value": line["cells"].get(y, "")} for y in plan.years
                        ],
                    }
                    for i, line in enumerate(lines)
                ],
            }
        )
    return out


def edit_budget(request, pk: int):
    plan = get_plan(request, pk, access.EDIT_PART)
    funders = list(plan.funders.order_by("pk"))
    editable = set(access.own_funder_ids(request.user, plan))
    activities = list(plan.activities.select_related("sub_agreement__area").order_by("pk"))
    names = {a.pk: a.name for a in activities}
    errors = []
    if request.method == "POST":
        try:
            pledges, lines = {}, []
            for f in funders:
                if f.pk in editable:
                    pledges[f.pk] = _amount(request.POST.get(f"pledged_{f.pk}", ""))
                    lines += _funder_lines(request.POST, f, plan.years, names)
            check = services.set_budget(
                plan=plan,
                by=request.user,
                pledges=pledges,
                lines=lines,
                funder_ids=editable,
                reason=request.POST.get("reason", ""),
            )
        except GridError as e:
            errors.append(str(e))
        except services.PlanError as e:
            errors.append(e.message)
        else:
            if check.ok:
                messages.success(request, _("The budget is saved and adds up."))
            else:
                messages.warning(
                    request, _("The budget is saved, but it breaks a rule (see below).")
                )
            return redirect("plans:budget", plan.pk)
    context = plan_context(request, plan, "budget")
    context.update(
        {
            "errors": errors,
            "years": plan.years,
            "activities": activities,
            "rows": _rows(plan, funders, editable, activities),
        }
    )
    return render(request, "plans/budget_form.html", context)
