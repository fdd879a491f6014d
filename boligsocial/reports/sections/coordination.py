"""Coordination: the flags of the municipal coordination picture (coordination.selectors) that
touch the report's departments, for the efforts running in the year: overlaps (two efforts for
the same target group in the same place at the same time) with whether they were settled, and
gaps (a department or area that needs an effort, with none aimed at its themes).

The efforts' names and owners are shown (they are public facts of the work); the decisions'
notes and agreed actions are free text and never read."""

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boligsocial.coordination import selectors as coordination
from boligsocial.coordination.models import Decision, Effort
from boligsocial.reports.sections import cell, table, text

KEY = "coordination"
TITLE = gettext_lazy("Coordination with other efforts")


def _state_label(state: str) -> tuple[str, str]:
    labels = {
        Decision.COORDINATED: (_("Coordinated"), "green"),
        Decision.DUPLICATE: (_("Real duplication"), "red"),
        "reopened": (_("To be looked at again (an effort changed)"), "yellow"),
    }
    return labels.get(state, (_("Not looked at yet"), "yellow"))


def _effort(e) -> str:
    owner = e.owner_organisation.name if e.owner_organisation_id else e.owner_name
    return f"{e.name} ({owner})" if owner else e.name


def build(scope) -> dict | None:
    ids = set(scope.department_ids)
    ours_by_pk = {d.pk: d for d in scope.departments}
    municipalities = {d.municipality_id: d.municipality for d in scope.departments}
    start, end = date(scope.year, 1, 1), date(scope.year, 12, 31)
    overlap_rows, gap_rows = [], []
    for code in sorted(municipalities):
        m = municipalities[code]
        efforts = coordination.load(
            coordination.in_period(coordination.efforts_of(Effort.objects.all(), m), start, end)
        )
        if not efforts:
            continue
        places = coordination.places(m)
        for row in coordination.overlap_rows(efforts, places):
            ours = sorted(
                (ours_by_pk[i] for i in row.overlap.departments & ids), key=lambda d: d.number
            )
            if not ours:
                continue
            label, colour = _state_label(row.state)
            overlap_rows.append(
                [
                    cell(_effort(row.a)),
                    cell(_effort(row.b)),
                    cell(", ".join(f"{d.number} {d.name}" for d in ours)),
                    cell("; ".join(row.groups)),
                    cell(label, colour=colour),
                ]
            )
        for g in coordination.gap_rows(efforts, places, m):
            if g.kind == "department":
                if g.place.pk not in ids:
                    continue
                d = ours_by_pk[g.place.pk]
                place, order = f"{d.number} {d.name}", (0, d.number, "")
            else:
                if not places.area_departments.get(g.place.pk, frozenset()) & ids:
                    continue
                place, order = _("Area %(name)s") % {"name": g.place.name}, (1, 0, g.place.name)
            gap_rows.append(
                (
                    order,
                    [
                        cell(place),
                        cell("; ".join(g.reasons)),
                        cell(", ".join(g.gap.missing_themes) or "–"),
                    ],
                )
            )
    gap_rows = [row for _order, row in sorted(gap_rows, key=lambda x: x[0])]
    if not overlap_rows and not gap_rows:
        return None
    blocks = [
        text(
            _(
                "The municipality's coordination picture for the efforts running in %(year)s, "
                "as far as it touches the departments of this report."
            )
            % {"year": scope.year}
        )
    ]
    if overlap_rows:
        blocks.append(
            table(
                "coordination-overlaps",
                _("Overlapping efforts"),
                [_("Effort"), _("Overlaps with"), _("Departments"), _("Target groups"), _("State")],
                overlap_rows,
            )
        )
    else:
        blocks.append(text(_("No overlapping efforts in the departments.")))
    if gap_rows:
        blocks.append(
            table(
                "coordination-gaps",
                _("Gaps: needs without an effort"),
                [_("Place"), _("Reasons"), _("Themes without an effort")],
                gap_rows,
            )
        )
    else:
        blocks.append(text(_("No gaps: every department that needs an effort has one.")))
    return {"blocks": blocks}
