"""Reads of the analyses shared by the pages, the API, the dashboard tile and the PDF; each
takes a queryset that already went through `access`.

`coverage(departments, today)` reads in a constant number of queries (four, whatever the number
of departments): the departments, their organisations' names, and per department (one grouped
query) the last held analysis, the next planned one and whether one is under way; the status
is then the pure rule (`coverage.status_for_due`) per department."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Max, Min, Q, QuerySet

from boligsocial.analyses import coverage as rule
from boligsocial.analyses.models import Analysis, AnalysisStatus, CoverageSettings
from boligsocial.analyses.summary import ThemeHistory, summary_text, theme_changes
from boligsocial.organisations.models import Department, Organisation

OPEN = (AnalysisStatus.PLANNED, AnalysisStatus.IN_PROGRESS)


@dataclass(frozen=True)
class CoverageRow:
    department_id: int
    number: int
    name: str
    organisation_id: int
    organisation: str
    last_done: date | None
    next_planned: date | None
    next_due: date | None
    status: str


@dataclass
class Coverage:
    rows: list[CoverageRow]
    counts: dict[str, int] = field(default_factory=dict)


def coverage(departments: QuerySet[Department], today: date) -> Coverage:
    rows = list(departments.values_list("id", "number", "name", "organisation_id"))
    names = dict(Organisation.objects.filter(id__in={r[3] for r in rows}).values_list("id", "name"))
    rows.sort(key=lambda r: (names[r[3]], r[3], r[1]))
    per_department = (
        Analysis.objects.filter(department_id__in=departments.values("id"))
        .values("department_id")
        .annotate(
            done=Max("held_on", filter=Q(status=AnalysisStatus.DONE)),
            planned=Min("planned_date", filter=Q(status__in=OPEN)),
            under_way=Count("id", filter=Q(status=AnalysisStatus.IN_PROGRESS)),
        )
        .values_list("department_id", "done", "planned", "under_way")
    )
    last_done: dict[int, date] = {}
    planned: dict[int, date] = {}
    under_way: set[int] = set()
    for department_id, done, day, busy in per_department:
        if done is not None:
            last_done[department_id] = done
        if day is not None:
            planned[department_id] = day
        if busy:
            under_way.add(department_id)
    intervals = dict(CoverageSettings.objects.values_list("organisation_id", "interval_months"))
    out = []
    counts = dict.fromkeys(rule.STATUSES, 0)
    for department_id, number, name, organisation_id in rows:
        organisation = names[organisation_id]
        months = intervals.get(organisation_id, rule.DEFAULT_INTERVAL_MONTHS)
        done = last_done.get(department_id)
        due = rule.next_due(done, months)
        status = rule.status_for_due(
            today=today,
            due=due,
            next_planned=planned.get(department_id),
            in_progress=department_id in under_way,
        )
        counts[status] += 1
        out.append(
            CoverageRow(
                department_id,
                number,
                name,
                organisation_id,
                organisation,
                done,
                planned.get(department_id),
                due,
                status,
            )
        )
    return Coverage(out, counts)


def _mean(values: list[Decimal]) -> Decimal | None:
    if not values:
        return None
    return (sum(values) / len(values)).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class ThemeRow:
    key: str
    title: str
    score: Decimal | None
    previous: Decimal | None
    organisation: Decimal | None
    change: str
    since: int | None
    missing: int


def _score(entry) -> Decimal | None:
    value = (entry or {}).get("score")
    return None if value is None else Decimal(value)


def results(analysis: Analysis) -> dict:
    """Theme scores against the department's earlier analyses and the organisation's mean of the
    same year, and the generated summary (with the light's indicators of the same year)."""
    from boligsocial.screening.models import Indicator, Light

    themes = list(analysis.guide_version.themes.all())
    history = {
        a.year: a.theme_scores
        for a in Analysis.objects.filter(
            department_id=analysis.department_id,
            status=AnalysisStatus.DONE,
            year__lte=analysis.year,
        ).only("year", "theme_scores")
    }
    if analysis.status == AnalysisStatus.DONE:
        history[analysis.year] = analysis.theme_scores
    same_year = list(
        Analysis.objects.filter(
            organisation_id=analysis.organisation_id, year=analysis.year, status=AnalysisStatus.DONE
        ).values_list("theme_scores", flat=True)
    )
    changes = theme_changes(
        analysis.year,
        [
            ThemeHistory(t.key, t.title, {y: _score(s.get(t.key)) for y, s in history.items()})
            for t in themes
        ],
    )
    rows = []
    for theme, change in zip(themes, changes, strict=True):
        org = [v for v in (_score(s.get(theme.key)) for s in same_year) if v is not None]
        rows.append(
            ThemeRow(
                theme.key,
                theme.title,
                change.score,
                change.previous,
                _mean(org),
                change.change,
                change.since,
                (analysis.theme_scores.get(theme.key) or {}).get("missing", 0),
            )
        )
    light = Light.objects.filter(department_id=analysis.department_id, year=analysis.year).first()
    red, yellow = [], []
    if light is not None:
        colours = {
            code: info.get("colour")
            for code, info in light.indicators.items()
            if code != "vulnerability_score"
        }
        names = dict(Indicator.objects.filter(code__in=colours).values_list("code", "name"))
        for code, colour in colours.items():
            if colour == "red":
                red.append(names.get(code, code))
            elif colour == "yellow":
                yellow.append(names.get(code, code))
    band_labels = {"green": "grøn", "yellow": "gul", "red": "rød", "": ""}
    summary = summary_text(
        department=analysis.department.name,
        year=analysis.year,
        score=analysis.score,
        band_label=band_labels.get(analysis.band, ""),
        changes=changes,
        red_indicators=red,
        yellow_indicators=yellow,
    )
    return {
        "themes": rows,
        "summary": summary,
        "organisation_mean": _mean(
            [
                Decimal(a)
                for a in Analysis.objects.filter(
                    organisation_id=analysis.organisation_id,
                    year=analysis.year,
                    status=AnalysisStatus.DONE,
                    score__isnull=False,
                ).values_list("score", flat=True)
            ]
        ),
    }


def recommendations(analysis: Analysis, themes: list[ThemeRow], *, user) -> list:
    """The catalogue's interventions for the weak themes of a held analysis: a theme in the
    guide's red band, or worse than last time (issue 16 part 2; ranking in the catalogue)."""
    from boligsocial.catalogue.ranking import IndicatorState
    from boligsocial.catalogue.recommendations import for_themes

    if analysis.status != AnalysisStatus.DONE:
        return []
    red_from = analysis.guide_version.red_from
    states = [
        IndicatorState(
            code=t.key,
            name=t.title,
            red=t.score is not None and t.score >= red_from,
            worsening=t.change == "worse",
        )
        for t in themes
    ]
    return for_themes(user=user, states=states)
