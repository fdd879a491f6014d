"""The budget rules of a comprehensive plan, decimal-exact in øre, with Danish explanations.

Contract (issue 16 part 6; domain.md § 1.1: "minimum 25 % lokal medfinansiering"):

* Every amount (a pledge, a budget line, a spending) is in kroner with at most two decimals
  (øre) and not negative; a line's year lies in the plan's years. A breach is a problem naming
  the amount, and the other rules are still checked on the rest.
* **LBF's share**: the sum of Landsbyggefonden's budget lines is at most 75 % of the sum of all
  budget lines: ``lbf * 4 <= total * 3``, compared exactly (no rounding). 75,00 % is allowed,
  one øre more is not. The largest allowed LBF amount is 75 % of the total rounded *down* to
  øre (`Check.lbf_max`), and the message says by how much to lower it.
* **Each funder's years add up to its pledge**: the sum of a funder's lines equals its pledged
  total, to the øre; the message says what is missing or too much.
* An empty budget (total 0) is a problem of its own; the share rule needs a positive total.
* **Spending** against the budget: per funder and year the budget, the spending and what is
  left (negative when overspent, which is reported as a warning, not a rule breach).
* **Per activity** (`by_activity`): a line may belong to an activity of the plan (its key) or
  to none (staff, the secretariat, other costs: key ""). Each activity's lines summed by year
  and by funder, exactly; the activities' totals and the lines of no activity add up to the
  budget's total. Spending is recorded per funder and year, not per line, so what is spent or
  left is not known per activity.

The displayed share is rounded half-even to two decimals (core.formatting); the rule itself
never rounds. No Django import."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, ROUND_HALF_EVEN, Decimal

from boligsocial.core.formatting import format_number

ORE = Decimal("0.01")
MAX_SHARE = Decimal(75)  # per cent


@dataclass(frozen=True)
class Pledge:
    key: str
    name: str
    pledged: Decimal
    is_lbf: bool = False


@dataclass(frozen=True)
class Line:
    funder: str  # a Pledge key
    year: int
    amount: Decimal
    label: str = ""
    activity: str = ""  # an activity's key; "": a staff or other line


@dataclass(frozen=True)
class Problem:
    code: str  # "ore", "negative", "year", "empty", "lbf_share", "funder_total"
    message: str
    funder: str = ""


@dataclass(frozen=True)
class FunderRow:
    key: str
    name: str
    is_lbf: bool
    pledged: Decimal
    budgeted: Decimal
    by_year: dict[int, Decimal]
    spent: Decimal
    spent_by_year: dict[int, Decimal]
    left: Decimal


@dataclass(frozen=True)
class Check:
    total: Decimal
    lbf_total: Decimal
    lbf_share: Decimal | None  # per cent, 2 decimals (display); None without a total
    lbf_max: Decimal
    rows: list[FunderRow]
    year_totals: dict[int, Decimal]
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def kr(amount: Decimal) -> str:
    """``Decimal("1234567.5")`` -> ``"1.234.567,50 kr."``"""
    return f"{format_number(amount, 2)} kr."


def is_ore(amount: Decimal) -> bool:
    return amount == amount.quantize(ORE)


def share_percent(part: Decimal, total: Decimal) -> Decimal | None:
    if total == 0:
        return None
    return (part * 100 / total).quantize(ORE, rounding=ROUND_HALF_EVEN)


def lbf_maximum(total: Decimal) -> Decimal:
    """The largest LBF amount in whole øre that is at most 75 % of `total`."""
    return (total * 3 / 4).quantize(ORE, rounding=ROUND_FLOOR)


def _amount_problems(what: str, amount: Decimal, funder: str) -> list[Problem]:
    out = []
    if not is_ore(amount):
        out.append(
            Problem(
                "ore",
                f"{what}: beløbet {format_number(amount)} kr. har mere end to decimaler. "
                "Angiv beløb i kroner og hele øre.",
                funder,
            )
        )
    if amount < 0:
        out.append(Problem("negative", f"{what}: beløbet må ikke være negativt.", funder))
    return out


def check(
    *,
    pledges: list[Pledge],
    lines: list[Line],
    years: list[int],
    spending: list[Line] = (),
) -> Check:
    by_key = {p.key: p for p in pledges}
    problems: list[Problem] = []
    for p in pledges:
        problems += _amount_problems(f"Bevillingen fra {p.name}", p.pledged, p.key)
    budgeted: dict[str, Decimal] = defaultdict(Decimal)
    by_year: dict[str, dict[int, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    year_totals: dict[int, Decimal] = {y: Decimal(0) for y in years}
    first, last = (min(years), max(years)) if years else (None, None)
    for line in lines:
        name = by_key[line.funder].name
        what = f"{name} {line.year}" + (f" ({line.label})" if line.label else "")
        problems += _amount_problems(what, line.amount, line.funder)
        if line.year not in year_totals:
            problems.append(
                Problem(
                    "year",
                    f"{what}: året {line.year} ligger uden for planens periode {first}–{last}.",
                    line.funder,
                )
            )
            year_totals.setdefault(line.year, Decimal(0))
        budgeted[line.funder] += line.amount
        by_year[line.funder][line.year] += line.amount
        year_totals[line.year] += line.amount
    total = sum(budgeted.values(), Decimal(0))
    lbf_total = sum((budgeted[p.key] for p in pledges if p.is_lbf), Decimal(0))
    lbf_max = lbf_maximum(total)
    if total == 0:
        problems.append(Problem("empty", "Budgettet er tomt: der er endnu ingen beløb."))
    elif total > 0 and lbf_total * 4 > total * 3:
        share = share_percent(lbf_total, total)
        problems.append(
            Problem(
                "lbf_share",
                f"Landsbyggefonden finansierer {kr(lbf_total)} af planens samlede budget på "
                f"{kr(total)} ({format_number(share, 2)} %). Landsbyggefonden må højst "
                f"finansiere 75 % – her højst {kr(lbf_max)} – og mindst 25 % skal være lokal "
                f"medfinansiering fra kommunen, boligorganisationerne eller andre. Sænk "
                f"Landsbyggefondens beløb med {kr(lbf_total - lbf_max)}, eller øg den lokale "
                "medfinansiering.",
                next((p.key for p in pledges if p.is_lbf), ""),
            )
        )
    for p in pledges:
        got = budgeted[p.key]
        if got == p.pledged:
            continue
        gap = p.pledged - got
        tail = f"der mangler {kr(gap)}" if gap > 0 else f"det er {kr(-gap)} for meget."
        problems.append(
            Problem(
                "funder_total",
                f"Årsbeløbene fra {p.name} giver {kr(got)}, men bevillingen er "
                f"{kr(p.pledged)}: {tail}",
                p.key,
            )
        )
    spent: dict[str, Decimal] = defaultdict(Decimal)
    spent_by_year: dict[str, dict[int, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for s in spending:
        problems += _amount_problems(
            f"Forbrug {by_key[s.funder].name} {s.year}", s.amount, s.funder
        )
        spent[s.funder] += s.amount
        spent_by_year[s.funder][s.year] += s.amount
    rows = []
    warnings = []
    for p in pledges:
        left = budgeted[p.key] - spent[p.key]
        if left < 0:
            warnings.append(
                f"Forbruget fra {p.name} er {kr(spent[p.key])} og overstiger budgettet på "
                f"{kr(budgeted[p.key])} med {kr(-left)}"
            )
        rows.append(
            FunderRow(
                key=p.key,
                name=p.name,
                is_lbf=p.is_lbf,
                pledged=p.pledged,
                budgeted=budgeted[p.key],
                by_year={y: by_year[p.key].get(y, Decimal(0)) for y in year_totals},
                spent=spent[p.key],
                spent_by_year={y: spent_by_year[p.key].get(y, Decimal(0)) for y in year_totals},
                left=left,
            )
        )
    return Check(
        total=total,
        lbf_total=lbf_total,
        lbf_share=share_percent(lbf_total, total),
        lbf_max=lbf_max,
        rows=rows,
        year_totals=dict(sorted(year_totals.items())),
        problems=problems,
        warnings=warnings,
    )


@dataclass(frozen=True)
class ActivityFunder:
    key: str  # a Pledge key
    name: str
    by_year: dict[int, Decimal]
    total: Decimal


@dataclass(frozen=True)
class ActivityBudget:
    activity: str  # the activity's key; "": the lines of no activity (staff and other)
    by_year: dict[int, Decimal]
    total: Decimal
    funders: list[ActivityFunder]  # every pledge, in the pledges' order


def by_activity(
    *, pledges: list[Pledge], lines: list[Line], years: list[int], activities: list[str]
) -> list[ActivityBudget]:
    """The budget of each activity in `activities` (in that order, with zeros where it has no
    line), then that of an activity only the lines name, then the lines of no activity (key "",
    only if there are any). The years are `years` and any other year a line has, in order."""
    all_years = sorted({*years, *(line.year for line in lines)})
    cells: dict[str, dict[tuple[str, int], Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for line in lines:
        cells[line.activity][(line.funder, line.year)] += line.amount
    keys = list(dict.fromkeys(activities))
    keys += [k for k in cells if k and k not in keys]
    if "" in cells:
        keys.append("")
    out = []
    for key in keys:
        got = cells.get(key, {})
        funders = [
            ActivityFunder(
                key=p.key,
                name=p.name,
                by_year={y: got.get((p.key, y), Decimal(0)) for y in all_years},
                total=sum((a for (f, _y), a in got.items() if f == p.key), Decimal(0)),
            )
            for p in pledges
        ]
        out.append(
            ActivityBudget(
                activity=key,
                by_year={y: sum((f.by_year[y] for f in funders), Decimal(0)) for y in all_years},
                total=sum(got.values(), Decimal(0)),
                funders=funders,
            )
        )
    return out
