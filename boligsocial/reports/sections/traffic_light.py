"""The traffic light: each department's light this year and last year, the colours over ten
years, and the briefing (screening.trafficlight.briefing) of the red departments (of the
department, in a department report)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boligsocial.core.formatting import format_number
from boligsocial.organisations.models import Department
from boligsocial.reports.sections import cell, chart, heading, items, table, text
from boligsocial.screening import charts, selectors
from boligsocial.screening.engine.analysis import briefings
from boligsocial.screening.models import Light
from boligsocial.screening.views.briefings import analysis_view

KEY = "traffic_light"
TITLE = gettext_lazy("Traffic light")
COLOURS = ("red", "yellow", "green", "none")


def _labels() -> dict:
    return {"red": _("Red"), "yellow": _("Yellow"), "green": _("Green"), "none": _("No light")}


def _briefing_blocks(name: str, briefed) -> list[dict]:
    view = analysis_view(briefed)
    if not view:
        return []
    sentences = [*view["lead"], *([view["recommendation"]] if view["recommendation"] else [])]
    return [text(f"{name}: " + " ".join(sentences))]


def build(scope) -> dict | None:
    year = scope.year
    lights = {
        (light.department_id, light.year): light
        for light in Light.objects.filter(
            department_id__in=scope.department_ids, year__in=(year, year - 1)
        ).select_related("department")
    }
    if not any(y == year for _d, y in lights):
        return None
    labels = _labels()
    counts = {y: dict.fromkeys(COLOURS, 0) for y in (year, year - 1)}
    rows = []
    for d in scope.departments:
        now, before = lights.get((d.pk, year)), lights.get((d.pk, year - 1))
        for y, light in ((year, now), (year - 1, before)):
            counts[y][(light.colour if light else "none") or "none"] += 1
        colour = (now.colour if now else "none") or "none"
        previous = (before.colour if before else "none") or "none"
        change = ""
        if now and before and now.score is not None and before.score is not None:
            diff = now.score - before.score
            change = format_number(diff, 1)
            if diff > 0:
                change = "+" + change
        rows.append(
            [
                cell(f"{d.number} {d.name}"),
                cell(labels[colour], colour=colour),
                cell(
                    "–" if not now or now.score is None else format_number(now.score, 1),
                    None if not now else now.score,
                ),
                cell(labels[previous], colour=previous),
                cell(change or "–", change.replace("+", "").replace(",", ".") or None),
            ]
        )
    summary = table(
        "lights-summary",
        _("Departments per light"),
        [_("Light"), str(year), str(year - 1)],
        [
            [
                cell(labels[c], colour=c),
                cell(counts[year][c], counts[year][c]),
                cell(counts[year - 1][c], counts[year - 1][c]),
            ]
            for c in COLOURS
        ],
        [False, True, True],
    )
    blocks = [
        text(
            _("A higher score is worse. The change is the score since %(year)s.")
            % {"year": year - 1}
        ),
        summary,
        table(
            "lights",
            _("Light per department"),
            [
                _("Department"),
                _("Light %(y)s") % {"y": year},
                _("Score"),
                _("Light %(y)s") % {"y": year - 1},
                _("Change"),
            ],
            rows,
            [False, False, True, False, True],
        ),
    ]
    departments = Department.objects.filter(pk__in=scope.department_ids)
    if scope.department is None:
        distribution = selectors.colour_distribution(departments, year)
        blocks.append(
            chart(
                charts.colour_distribution_chart(
                    distribution,
                    title=_("Departments per light, %(first)s–%(last)s")
                    % {"first": min(distribution, default=year), "last": year},
                    key=f"report-{scope.organisation.pk}",
                )
            )
        )
        red = [
            lights[(d.pk, year)]
            for d in scope.departments
            if (d.pk, year) in lights and lights[(d.pk, year)].colour == "red"
        ]
    else:
        own = lights.get((scope.department.pk, year))
        red = [own] if own else []
    briefed = briefings(red) if red else {}
    briefing_blocks = []
    for light in red:
        briefing_blocks += _briefing_blocks(
            f"{light.department.number} {light.department.name}", briefed.get(light.pk)
        )
        if light.follow_up:
            briefing_blocks.append(items([_("Follow-up: %(text)s") % {"text": light.follow_up}]))
    if briefing_blocks:
        blocks.append(
            heading(_("Briefing") if scope.department else _("Briefing of the red departments"))
        )
        blocks += briefing_blocks
    return {"blocks": blocks}
