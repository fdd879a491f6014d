"""The content of a plan as a flat, comparable dict: what an approval fixes and what a revision
is diffed against. Keys are Danish labels (the revision page shows them as they are)."""

from boligsocial.core.formatting import format_number
from boligsocial.plans.models import AGREEMENT_FIELDS, Plan

AGREEMENT_PREFIX = "Strategisk aftale"
AGREEMENT_LABELS = {
    "purpose": "Formål og rammer",
    "organisation_text": "Organisering",
    "interplay": "Samspil med øvrige indsatser",
    "measurements": "Tværgående målinger",
    "local_evaluation": "Lokal evaluering og løbende opfølgning",
    "revision_text": "Revision af aftalerne",
}


def _number(value) -> str:
    return "–" if value is None else format_number(value)


def snapshot(plan: Plan) -> dict[str, str]:
    out: dict[str, str] = {}
    for name in AGREEMENT_FIELDS:
        out[f"{AGREEMENT_PREFIX}: {AGREEMENT_LABELS[name]}"] = getattr(plan, name)
    subs = plan.sub_agreements.select_related("area").prefetch_related("goals__years")
    for sub in subs:
        out[f"Delaftale: {sub.area.name}"] = sub.text
        for goal in sub.goals.all():
            targets = "; ".join(f"{y.year}: {_number(y.target)}" for y in goal.years.all())
            out[f"Mål ({sub.area.name}): {goal.title}"] = targets
    for activity in plan.activities.select_related("intervention", "sub_agreement__area"):
        linked = activity.intervention.name if activity.intervention else "lokal aktivitet"
        out[f"Aktivitet: {activity.name}"] = f"{activity.sub_agreement.area.name}; {linked}"
    for funder in plan.funders.all():
        out[f"Bevilling: {funder.name}"] = format_number(funder.pledged, 2)
    return out


def changes_between(before: dict, after: dict) -> dict[str, list]:
    """``{label: [old, new]}`` for every label whose value differs (absent: None)."""
    keys = list(dict.fromkeys([*before, *after]))
    return {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}


def touches_agreement(changes: dict) -> bool:
    return any(k.startswith(AGREEMENT_PREFIX) for k in changes)
