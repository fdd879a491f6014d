"""The case statistics as a viewer may see them: the counts of `services.statistics`, protected
against small numbers by `core.disclosure` (decision 0024), for the page and the API alike.

Staff of the owning organisation(s) and administrators see exact counts
(`organisations.access.sees_exact_counts`); boards and the municipality see "<5" for 1..4 and
"x" where a small count could otherwise be worked out from the totals.

Every printed count is a cell, and so is every count derivable from printed ones (closed =
total − open, a department's closed cases = its count − its open, cases without a category =
total − the categories, late first contacts = contacted − within the deadline): a derivable 3 is
as small as a printed one. The relations between them:

* total = open + not open = Σ departments = Σ tracks = Σ categories (+ none) = Σ types =
  Σ statuses = Σ outcomes (+ none);
* open = Σ departments' open = overdue + open not overdue = Σ open statuses;
* a department's count = its open + its not open; not open = Σ departments' not open;
* contacted = within the deadline + late; decided = contacted + not contacted and past due.

The medians of the time to first contact and the share within the deadline are shown only when
the counts they are computed from are shown."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from boligsocial.cases.models import OPEN_STATUSES
from boligsocial.core.disclosure import Figure, Relation, protect
from boligsocial.organisations.access import scope, sees_exact_counts

GROUPS = ("by_track", "by_category", "by_kind", "by_status", "by_outcome")
KEY_COUNTS = ("total", "open", "overdue", "repeat_addresses", "repeat_leases")
CONTACT_COUNTS = ("contacted", "first_contact_decided", "first_contact_within_deadline")
# figure computed from counts: shown only if all of those counts are shown
DERIVED = {
    "median_working_days_to_first_contact": ("contacted",),
    "median_hours_to_first_contact": ("contacted",),
    "share_within_deadline": ("first_contact_decided", "first_contact_within_deadline"),
}


def min_count() -> int:
    return settings.DISCLOSURE_MIN_COUNT


@dataclass(frozen=True)
class Published:
    """`figures`: the statistics with every count as a `Figure` (by_department: a list of dicts
    with ``count`` and ``open`` Figures; the groups: ``{key: Figure}``), the derived values as
    numbers or None when hidden; `exact`: whether the viewer sees exact counts."""

    figures: dict
    exact: bool
    min_count: int


def _cells(stats: dict) -> tuple[dict, list[Relation]]:
    values = {key: stats[key] for key in KEY_COUNTS + CONTACT_COUNTS}
    values["not_open"] = stats["total"] - stats["open"]
    values["open_not_overdue"] = stats["open"] - stats["overdue"]
    values["contacted_late"] = stats["contacted"] - stats["first_contact_within_deadline"]
    values["not_contacted_due"] = stats["first_contact_decided"] - stats["contacted"]
    relations = [
        Relation("total", ("open", "not_open")),
        Relation("open", ("overdue", "open_not_overdue")),
        Relation("contacted", ("first_contact_within_deadline", "contacted_late")),
        Relation("first_contact_decided", ("contacted", "not_contacted_due")),
    ]
    counts, opens, rests = [], [], []
    for row in stats["by_department"]:
        d = row["department_id"]
        values[("dept", d, "count")] = row["count"]
        values[("dept", d, "open")] = row["open"]
        values[("dept", d, "rest")] = row["count"] - row["open"]
        counts.append(("dept", d, "count"))
        opens.append(("dept", d, "open"))
        rests.append(("dept", d, "rest"))
        relations.append(Relation(("dept", d, "count"), (("dept", d, "open"), ("dept", d, "rest"))))
    if counts:
        relations += [
            Relation("total", tuple(counts)),
            Relation("open", tuple(opens)),
            Relation("not_open", tuple(rests)),
        ]
    for group in GROUPS:
        parts = []
        for key, n in stats[group].items():
            values[(group, key)] = n
            parts.append((group, key))
        rest = stats["total"] - sum(stats[group].values())
        if rest:
            values[(group, None)] = rest
            parts.append((group, None))
        if parts:
            relations.append(Relation("total", tuple(parts)))
    statuses = stats["by_status"]
    open_parts = tuple(("by_status", s) for s in statuses if s in OPEN_STATUSES)
    closed_parts = tuple(("by_status", s) for s in statuses if s not in OPEN_STATUSES)
    if open_parts:
        relations.append(Relation("open", open_parts))
    if closed_parts:
        relations.append(Relation("not_open", closed_parts))
    return values, relations


def publish(stats: dict, *, exact: bool, k: int | None = None) -> Published:
    """The statistics of `services.statistics` as Figures (exact or protected)."""
    k = min_count() if k is None else k
    values, relations = _cells(stats)
    figures = protect(values, relations, k=k, exact=exact)
    result = {"year": stats["year"], "any": stats["total"] > 0}
    for key in KEY_COUNTS + CONTACT_COUNTS:
        result[key] = figures[key]
    result["by_department"] = [
        {
            **{k_: row[k_] for k_ in ("department_id", "number", "name")},
            "count": figures[("dept", row["department_id"], "count")],
            "open": figures[("dept", row["department_id"], "open")],
        }
        for row in stats["by_department"]
    ]
    for group in GROUPS:
        result[group] = {key: figures[(group, key)] for key in stats[group]}
    for key, bases in DERIVED.items():
        result[key] = stats[key] if all(figures[b].shown for b in bases) else None
    return Published(figures=result, exact=exact, min_count=k)


def viewer_sees_exact(user, stats: dict) -> bool:
    """Exact counts for staff of every organisation the statistics cover (and administrators)."""
    return sees_exact_counts(
        scope(user), {row["organisation_id"] for row in stats["by_department"]}
    )


def for_viewer(user, stats: dict) -> Published:
    return publish(stats, exact=viewer_sees_exact(user, stats))


def as_data(published: Published) -> dict:
    """The published statistics as plain data for the API: a shown count as a number, a hidden
    one as None, and ``disclosure`` naming the hidden ones (``fewer_than`` = "<k", ``hidden`` =
    "x", as paths such as ``total``, ``by_track.neighbour``, ``by_department.12.count``)."""
    fewer, hidden = [], []

    def value(path: str, f: Figure):
        if not f.shown:
            (fewer if f.mark.startswith("<") else hidden).append(path)
        return f.value

    data = {"year": published.figures["year"]}
    for key in KEY_COUNTS + CONTACT_COUNTS:
        data[key] = value(key, published.figures[key])
    data["by_department"] = [
        {
            **{k: row[k] for k in ("department_id", "number", "name")},
            "count": value(f"by_department.{row['department_id']}.count", row["count"]),
            "open": value(f"by_department.{row['department_id']}.open", row["open"]),
        }
        for row in published.figures["by_department"]
    ]
    for group in GROUPS:
        data[group] = {
            key: value(f"{group}.{key}", f) for key, f in published.figures[group].items()
        }
    for key, bases in DERIVED.items():
        data[key] = published.figures[key]
        if not all(published.figures[b].shown for b in bases):
            hidden.append(key)
    data["disclosure"] = {
        "exact": published.exact,
        "min_count": published.min_count,
        "fewer_than": fewer,
        "hidden": hidden,
    }
    return data
