"""The catalogue's recommendations: the provider for the screening's department page
(core.contributions.recommendations_for), which reads the department's light, and
`for_themes` for a vulnerability analysis's weak themes (the analyses app, above the catalogue,
calls it directly). Both rank with the pure `ranking.recommend`."""

from django.db.models import Q
from django.urls import reverse

from boligsocial.catalogue import ranking
from boligsocial.catalogue.access import visible_interventions
from boligsocial.catalogue.models import Intervention
from boligsocial.catalogue.themes import THEME_INTERVENTIONS
from boligsocial.core.contributions import Recommendation
from boligsocial.screening.models import Indicator, Light

MAX_SHOWN = 5


def department_states(department, year: int) -> list[ranking.IndicatorState]:
    light = Light.objects.filter(department=department, year=year).first()
    if light is None:
        return []
    cells = light.indicators or {}
    names = dict(
        Indicator.objects.filter(code__in=list(cells))
        .order_by("position", "code")
        .values_list("code", "name")
    )
    states = []
    for code, name in names.items():
        entry = cells.get(code) or {}
        red = entry.get("colour") == "red"
        states.append(
            ranking.IndicatorState(
                code=code,
                name=name,
                red=red,
                worsening=entry.get("trend") == "worse" or entry.get("direction") == "worsening",
                red_since=entry.get("since") if red else None,
            )
        )
    return states


def candidates_for(user, department) -> list[ranking.Candidate]:
    """The seeded interventions and the department's organisation's local ones (two queries)."""
    rows = list(
        visible_interventions(user).filter(
            Q(organisation__isnull=True) | Q(organisation_id=department.organisation_id)
        )
    )
    codes: dict[int, list[str]] = {}
    for intervention_id, code in Intervention.indicators.through.objects.filter(
        intervention_id__in=[r.pk for r in rows]
    ).values_list("intervention_id", "indicator__code"):
        codes.setdefault(intervention_id, []).append(code)
    return [
        ranking.Candidate(
            key=r.pk,
            name=r.name,
            evidence=r.shown_evidence,
            indicator_codes=tuple(codes.get(r.pk, ())),
            number=r.number,
        )
        for r in rows
    ]


def for_department(*, user, department, year) -> list[Recommendation]:
    states = department_states(department, year)
    if not states:
        return []
    ranked = ranking.recommend(candidates_for(user, department), states)
    return [
        Recommendation(
            title=r.name,
            url=reverse("catalogue:intervention", args=[r.key]),
            evidence=r.evidence,
            reason=r.reason,
        )
        for r in ranked[:MAX_SHOWN]
    ]


def for_themes(*, user, states: list[ranking.IndicatorState]) -> list[Recommendation]:
    """Interventions for an analysis's themes: `states` are the themes (code = theme key, red =
    in the guide's red band, worsening = worse than the last analysis), ranked and explained as
    the screening's recommendations ("rettet mod: børn og unge (rød, forværres)")."""
    if not any(s.red or s.worsening for s in states):
        return []
    by_number: dict[int, list[str]] = {}
    for key, numbers in THEME_INTERVENTIONS.items():
        for number in numbers:
            by_number.setdefault(number, []).append(key)
    rows = visible_interventions(user).filter(organisation__isnull=True, number__in=list(by_number))
    candidates = [
        ranking.Candidate(
            key=r.pk,
            name=r.name,
            evidence=r.shown_evidence,
            indicator_codes=tuple(by_number[r.number]),
            number=r.number,
        )
        for r in rows
    ]
    return [
        Recommendation(
            title=r.name,
            url=reverse("catalogue:intervention", args=[r.key]),
            evidence=r.evidence,
            reason=r.reason,
        )
        for r in ranking.recommend(candidates, states)[:MAX_SHOWN]
    ]
