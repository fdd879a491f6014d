"""Reads of the analyses shared by the pages, the API, the dashboard tile and the PDF; each
takes a queryset that already went through `access`.

`coverage(departments, today)` reads in a constant number of queries (four, whatever the number
of departments): the departments, and per department the last held analysis, the next planned
one and whether one is under way, aggregated by the database; the status is then the pure rule
(`coverage.coverage_status`) per department."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Max, Min, QuerySet

from boligsocial.analyses import coverage as rule
from boligsocial.analyses.models import Analysis, AnalysisStatus, CoverageSettings
from boligsocial.analyses.summary import ThemeHistory, summary_text, theme_changes
from boligsocial.organisations.models import Department


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
    rows = list(
        departments.order_by("organisation__name", "number").values_list(
            "id", "number", "name", "organisation_id", "organisation__name"
        )
    )
    ids = departments.values("id")
    analyses = Analysis.objects.filter(department_id__in=ids)
    last_done = dict(
        analyses.filter(status=AnalysisStatus.DONE)
        .values("department_id")
        .annotate(d=Max("held_on"))
        .values_list("department_id", "d")
    )
    open_rows = (
        analyses.filter(status__in=(AnalysisStatus.PLANNED, AnalysisStatus.IN_PROGRESS))
        .values("department_id", "status")
        .annotate(d=Min("planned_date"))
        .values_list("department_id", "status", "d")
    )
    planned: dict[int, date] = {}
    under_way: set[int] = set()
    for department_id, status, day in open_rows:
        if status == AnalysisStatus.IN_PROGRESS:
            under_way.add(department_id)
        planned[department_id] = min(day, planned.get(department_id, day))
    intervals = dict(CoverageSettings.objects.values_list("organisation_id", "interval_months"))
    out = []
    counts = dict.fromkeys(rule.STATUSES, 0)
    for department_id, number, name, organisation_id, organisation in rows:
        months = intervals.get(organisation_id, rule.DEFAULT_INTERVAL_MONTHS)
        done = last_done.get(department_id)
        status = rule.coverage_status(
            today=today,
            last_done=done,
            next_planned=planned.get(department_id),
            in_progress=department_id in under_way,
            interval_months=months,
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
                rule.next_due(done, months),
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
