"""The catalogue's recommendations: the provider for the screening's department page
(core.contributions.recommendations_for), which reads the department's light, with its bulk
form for many departments (`for_departments`, the styringsdialog's red departments: a constant
number of queries; `for_department` is the same function for one), and
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


def _states(cells: dict, names: dict[str, str]) -> list[ranking.IndicatorState]:
    """The light's cells as ranking states, in the indicators' order (`names`: code -> name of
    every indicator, in position order)."""
    states = []
    for code, name in names.items():
        if code not in cells:
            continue
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


def states_by_department(department_ids, year: int) -> dict[int, list[ranking.IndicatorState]]:
    """Each department's indicator states in `year` from its light (departments without a light
    are left out): two queries, however many departments."""
    cells = dict(
        Light.objects.filter(department_id__in=list(department_ids), year=year).values_list(
            "department_id", "indicators"
        )
    )
    if not cells:
        return {}
    codes = set().union(*((c or {}).keys() for c in cells.values()))
    names = dict(
        Indicator.objects.filter(code__in=codes)
        .order_by("position", "code")
        .values_list("code", "name")
    )
    return {d: _states(c or {}, names) for d, c in cells.items()}


def candidates_by_organisation(user, organisation_ids) -> dict[int, list[ranking.Candidate]]:
    """For each organisation: the seeded interventions and its own local ones, in the
    catalogue's order (two queries, however many organisations)."""
    organisation_ids = set(organisation_ids)
    rows = list(
        visible_interventions(user).filter(
            Q(organisation__isnull=True) | Q(organisation_id__in=organisation_ids)
        )
    )
    codes: dict[int, list[str]] = {}
    for intervention_id, code in Intervention.indicators.through.objects.filter(
        intervention_id__in=[r.pk for r in rows]
    ).values_list("intervention_id", "indicator__code"):
        codes.setdefault(intervention_id, []).append(code)
    out: dict[int, list[ranking.Candidate]] = {o: [] for o in organisation_ids}
    for r in rows:
        candidate = ranking.Candidate(
            key=r.pk,
            name=r.name,
            evidence=r.shown_evidence,
            indicator_codes=tuple(codes.get(r.pk, ())),
            number=r.number,
        )
        for organisation_id, found in out.items():
            if r.organisation_id is None or r.organisation_id == organisation_id:
                found.append(candidate)
    return out


def _shown(ranked: list[ranking.Ranked]) -> list[Recommendation]:
    return [
        Recommendation(
            title=r.name,
            url=reverse("catalogue:intervention", args=[r.key]),
            evidence=r.evidence,
            reason=r.reason,
        )
        for r in ranked[:MAX_SHOWN]
    ]


def for_departments(*, user, departments, year) -> dict[int, list[Recommendation]]:
    """`for_department` for many departments at once, in four queries however many: the lights,
    the indicators' names, the interventions and their target indicators. Every department of
    `departments` is a key (an empty list: nothing to recommend)."""
    departments = list(departments)
    out: dict[int, list[Recommendation]] = {d.pk: [] for d in departments}
    states = states_by_department(out, year)
    flagged = [d for d in departments if states.get(d.pk)]
    if not flagged:
        return out
    candidates = candidates_by_organisation(user, {d.organisation_id for d in flagged})
    for d in flagged:
        out[d.pk] = _shown(ranking.recommend(candidates[d.organisation_id], states[d.pk]))
    return out


def for_department(*, user, department, year) -> list[Recommendation]:
    """What the catalogue recommends for `department` in `year` (the screening's hook)."""
    return for_departments(user=user, departments=[department], year=year)[department.pk]


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
    return _shown(ranking.recommend(candidates, states))
