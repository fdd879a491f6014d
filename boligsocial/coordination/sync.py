"""Plan activities as efforts (issue 17, part 1): every activity of a plan has one derived
`Effort` (source "plan") that is rewritten from the activity whenever the activity or its plan
changes (signals in `apps.py`), so it never drifts from the plan and is never edited here.

What the effort takes from the plan (decision 0034):

* owner: the plan's first housing organisation (by name), named by the plan;
* place: the plan's one housing area, else its one department, else its first area or
  department, else the whole municipality;
* period: 1 January of the activity's first year to 31 December of the plan's last year;
* themes: the sub-agreement's area of work and the themes of the intervention's target
  indicators;
* target groups: the groups of the vocabulary whose kind belongs to the area of work and whose
  age band meets the intervention's ("13–17 år", "Skolealder", "Voksne", …); no age band or no
  such group: "all residents" (the general kind);
* contact: the activity's staff.
"""

import re
from datetime import date

from django.db import transaction

from boligsocial.coordination.models import (
    Effort,
    OwnerKind,
    PlaceKind,
    Source,
    TargetGroup,
    TargetKind,
)
from boligsocial.coordination.overlaps import ages_overlap

AREA_KINDS = {
    "B": (TargetKind.EMPLOYMENT,),
    "K": (TargetKind.CRIME,),
    "UL": (TargetKind.SCHOOLING, TargetKind.FAMILIES),
    "SM": (TargetKind.ISOLATION, TargetKind.HEALTH, TargetKind.ECONOMY),
}
WORDS = {"skolealder": (6, 16), "unge": (13, 29), "voksne": (18, None), "børn": (0, 12)}
_BAND = re.compile(r"(\d+)\s*[–-]\s*(\d+)")


def parse_age_band(text: str) -> tuple[int, int | None] | None:
    """ "13–17 år" -> (13, 17); "Voksne" -> (18, None); "" -> None (no band given)."""
    text = (text or "").strip().lower()
    if not text:
        return None
    match = _BAND.search(text)
    if match:
        low, high = int(match.group(1)), int(match.group(2))
        return (min(low, high), max(low, high))
    for word, band in WORDS.items():
        if word in text:
            return band
    return None


def groups_for(area_code: str, band, vocabulary: list[TargetGroup]) -> list[TargetGroup]:
    kinds = AREA_KINDS.get(area_code, ())
    chosen = []
    if band is not None:
        chosen = [
            g
            for g in vocabulary
            if g.kind in kinds and ages_overlap(g.age_min, g.age_max, band[0], band[1])
        ]
    if not chosen:
        chosen = [g for g in vocabulary if g.kind == TargetKind.GENERAL][:1]
    return chosen


def _place(plan) -> dict:
    areas = list(plan.areas.order_by("name"))
    departments = list(plan.departments.order_by("organisation__name", "number"))
    if len(areas) == 1 or (areas and len(departments) != 1):
        return {"place_kind": PlaceKind.AREA, "area": areas[0], "department": None}
    if departments:
        return {"place_kind": PlaceKind.DEPARTMENT, "department": departments[0], "area": None}
    return {"place_kind": PlaceKind.MUNICIPALITY, "department": None, "area": None}


def derived_fields(activity, *, place: dict, owner, vocabulary) -> tuple[dict, list[int], list]:
    plan = activity.plan
    intervention = activity.intervention
    area = activity.sub_agreement.area
    themes = [area.name]
    if intervention is not None:
        for theme in intervention.indicators.exclude(theme="").values_list("theme", flat=True):
            if theme not in themes:
                themes.append(theme)
    band = parse_age_band(intervention.age_band if intervention else "")
    groups = groups_for(area.code, band, vocabulary)
    fields = {
        "municipality_id": plan.municipality_id,
        "name": activity.name,
        "description": activity.target_group or (intervention.target_group if intervention else ""),
        "source": Source.PLAN,
        "owner_kind": OwnerKind.HOUSING,
        "owner_organisation": owner,
        "owner_name": plan.name,
        "contact_name": activity.staff,
        "themes": themes,
        "district": None,
        "starts_on": date(activity.first_year, 1, 1),
        "ends_on": date(max(plan.last_year, activity.first_year), 12, 31),
        "is_demo": plan.is_demo,
        **place,
    }
    return fields, sorted(g.pk for g in groups), groups


def _compare_value(value):
    return getattr(value, "pk", value)


@transaction.atomic
def sync_plan(plan) -> int:
    """Rewrite the efforts of every activity of `plan`; returns how many changed."""
    owner = plan.organisations.order_by("name").first()
    if owner is None:
        Effort.objects.filter(activity__plan=plan).delete()
        return 0
    place = _place(plan)
    vocabulary = list(TargetGroup.objects.all())
    existing = {
        e.activity_id: e
        for e in Effort.objects.filter(activity__plan=plan).prefetch_related("target_groups")
    }
    changed = 0
    activities = plan.activities.select_related("intervention", "sub_agreement__area", "plan")
    for activity in activities:
        fields, group_ids, groups = derived_fields(
            activity, place=place, owner=owner, vocabulary=vocabulary
        )
        effort = existing.get(activity.pk)
        if effort is None:
            effort = Effort.objects.create(activity=activity, **fields)
            effort.target_groups.set(groups)
            changed += 1
            continue
        differs = [
            k for k, v in fields.items() if _compare_value(getattr(effort, k)) != _compare_value(v)
        ]
        same_groups = sorted(g.pk for g in effort.target_groups.all()) == group_ids
        if differs or not same_groups:
            for k, v in fields.items():
                setattr(effort, k, v)
            effort.version += 1
            effort.save()
            if not same_groups:
                effort.target_groups.set(groups)
            changed += 1
    return changed


def sync_all(plans) -> int:
    return sum(sync_plan(plan) for plan in plans)
