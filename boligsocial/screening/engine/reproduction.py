"""Reproducing a stored light: its facts recomputed from today's values with exactly the
legend sets and the weight set it recorded (decision 0005), without storing anything."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from boligsocial.organisations.models import Department
from boligsocial.screening.engine.analysis import render_analyses
from boligsocial.screening.engine.config import load_config
from boligsocial.screening.engine.reading import grouped, read_national, read_values
from boligsocial.screening.engine.single import compute_scope, with_derived_ratio
from boligsocial.screening.models import Light


@dataclass(frozen=True)
class Reproduced:
    year: int
    score: Decimal | None
    colour: str
    indicators: dict
    analysis: str
    recommendation: list
    legend_versions: dict


def reproduce(light: Light) -> Reproduced | None:
    """Recompute a stored light from today's values with exactly the legend sets and weight set
    it recorded (not the current ones), without storing anything; the analysis is rendered
    from the recomputed facts with today's comparison figures. Equal to the stored light as
    long as the values have not changed since."""
    cfg = load_config(light.legend_versions.values(), light.weight_set_id)
    national = read_national()
    if light.department_id is not None:
        org = Department.objects.values_list("organisation_id", flat=True).get(
            pk=light.department_id
        )
        policy = cfg.policy(org)
        column, scope_id = "department_id", light.department_id
    else:
        policy = cfg.policy(None)
        column, scope_id = "area_id", light.area_id
    for _scope, values in grouped(read_values(column, [scope_id])):
        with_derived_ratio(cfg, values, national)
        for result in compute_scope(cfg, values, policy, {light.year}):
            year, score, colour, indicators, themes, _f, _r, versions = result
            again = Light(
                department_id=light.department_id,
                area_id=light.area_id,
                year=year,
                colour=colour,
                indicators=indicators,
                weight_set_id=light.weight_set_id,
            )
            render_analyses([again], save=False)
            return Reproduced(year, score, colour, indicators, again.analysis_text, themes,
                              versions)  # fmt: skip
    return None
