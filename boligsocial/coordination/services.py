"""The coordination's write use cases: one function each, keyword-only, in a transaction,
writing the change log. Refusals raise `CoordinationError` with a Danish message and change
nothing."""

from datetime import date
from decimal import Decimal

from django.db import transaction

from boligsocial.audit.models import ChangeAction
from boligsocial.audit.services import record_change
from boligsocial.coordination.models import (
    Decision,
    District,
    Effort,
    OverlapDecision,
    OwnerKind,
    PlaceKind,
    Source,
    TargetGroup,
)

# The fields the overlap rule reads: a change of one of them makes a decision stale.
RULE_FIELDS = (
    "owner_kind",
    "owner_organisation",
    "owner_name",
    "place_kind",
    "department",
    "area",
    "district",
    "starts_on",
    "ends_on",
)
FIELDS = (
    "name",
    "description",
    *RULE_FIELDS,
    "contact_name",
    "contact_email",
    "contact_phone",
    "themes",
    "budget",
)
PERSONAL = ("contact_name", "contact_email", "contact_phone")


class CoordinationError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _check(municipality, values: dict) -> None:
    starts, ends = values.get("starts_on"), values.get("ends_on")
    if ends is not None and starts is not None and ends < starts:
        raise CoordinationError("Slutdatoen ligger før startdatoen. Ret perioden.")
    kind = values.get("place_kind")
    needed = {PlaceKind.DEPARTMENT: "department", PlaceKind.AREA: "area"}
    needed[PlaceKind.DISTRICT] = "district"
    field = needed.get(kind)
    if field and values.get(field) is None:
        raise CoordinationError("Vælg stedet: afdeling, boligområde eller bydel.")
    place = values.get(field) if field else None
    if place is not None and getattr(place, "municipality_id", None) != municipality.code:
        raise CoordinationError("Stedet ligger ikke i kommunen.")
    if values.get("owner_kind") == OwnerKind.HOUSING and values.get("owner_organisation") is None:
        raise CoordinationError("Vælg boligorganisationen, der ejer indsatsen.")
    if values.get("owner_kind") != OwnerKind.HOUSING and not values.get("owner_name"):
        raise CoordinationError("Skriv ejerens navn, fx Børn og Unge eller Østjyllands Politi.")
    budget = values.get("budget")
    if budget is not None and Decimal(budget) < 0:
        raise CoordinationError("Budgettet kan ikke være negativt.")
    for name in ("department", "area", "district"):
        if name != field:
            values[name] = None
    if values.get("owner_kind") != OwnerKind.HOUSING:
        values["owner_organisation"] = None


@transaction.atomic
def create_effort(*, by, municipality, target_groups, **values) -> Effort:
    values.setdefault("source", Source.REGISTERED)
    if values["source"] == Source.PLAN:
        raise CoordinationError("Aktiviteter fra helhedsplaner kommer fra planen.")
    if not target_groups:
        raise CoordinationError("Vælg mindst én målgruppe.")
    _check(municipality, values)
    effort = Effort.objects.create(municipality=municipality, created_by=by, **values)
    effort.target_groups.set(target_groups)
    record_change(
        actor=by,
        obj=effort,
        action=ChangeAction.CREATE,
        changes={k: (None, _shown(values.get(k))) for k in FIELDS if k in values},
        personal=PERSONAL,
        organisation_id=effort.owner_organisation_id,
    )
    return effort


def _shown(value):
    if hasattr(value, "pk"):
        return str(value)
    if isinstance(value, date | Decimal):
        return str(value)
    return value


@transaction.atomic
def update_effort(*, effort: Effort, by, target_groups, **values) -> Effort:
    effort = Effort.objects.select_for_update().get(pk=effort.pk)
    if effort.is_derived:
        raise CoordinationError("Aktiviteten ændres i helhedsplanen, ikke her.")
    if not target_groups:
        raise CoordinationError("Vælg mindst én målgruppe.")
    merged = {k: getattr(effort, k) for k in FIELDS}
    merged.update(values)
    _check(effort.municipality, merged)
    changes = {
        k: (_shown(getattr(effort, k)), _shown(merged[k]))
        for k in FIELDS
        if getattr(effort, k) != merged[k]
    }
    old_groups = sorted(effort.target_groups.values_list("pk", flat=True))
    new_groups = sorted(g.pk for g in target_groups)
    if old_groups != new_groups:
        changes["target_groups"] = (old_groups, new_groups)
    if not changes:
        return effort
    for k in FIELDS:
        setattr(effort, k, merged[k])
    if "target_groups" in changes or any(k in changes for k in RULE_FIELDS):
        effort.version += 1
    effort.save()
    effort.target_groups.set(target_groups)
    record_change(
        actor=by,
        obj=effort,
        action=ChangeAction.UPDATE,
        changes=changes,
        personal=PERSONAL,
        organisation_id=effort.owner_organisation_id,
    )
    return effort


@transaction.atomic
def delete_effort(*, effort: Effort, by) -> None:
    if effort.is_derived:
        raise CoordinationError("Aktiviteten slettes i helhedsplanen, ikke her.")
    record_change(
        actor=by,
        obj=effort,
        action=ChangeAction.DELETE,
        changes={"name": (effort.name, None)},
        organisation_id=effort.owner_organisation_id,
    )
    effort.delete()


@transaction.atomic
def decide_overlap(
    *, a: Effort, b: Effort, by, decision: str, agreed_by: str, note: str = "", action: str = ""
) -> OverlapDecision:
    """Mark the overlap of `a` and `b` coordinated or a real duplication (with the agreed
    action), remembering both efforts' versions: a later change of either reopens it."""
    if decision not in Decision.values:
        raise CoordinationError("Vælg koordineret eller reel dobbelthed.")
    if not agreed_by.strip():
        raise CoordinationError("Skriv, hvem der har aftalt det.")
    if decision == Decision.DUPLICATE and not action.strip():
        raise CoordinationError("Skriv den aftalte handling for en reel dobbelthed.")
    if a.pk > b.pk:
        a, b = b, a
    a = Effort.objects.select_for_update().get(pk=a.pk)
    b = Effort.objects.get(pk=b.pk)
    row, created = OverlapDecision.objects.update_or_create(
        effort_a=a,
        effort_b=b,
        defaults={
            "decision": decision,
            "agreed_by": agreed_by.strip(),
            "note": note.strip(),
            "action": action.strip(),
            "version_a": a.version,
            "version_b": b.version,
            "decided_by": by,
        },
    )
    record_change(
        actor=by,
        obj=row,
        action=ChangeAction.CREATE if created else ChangeAction.UPDATE,
        changes={"decision": (None, decision), "efforts": (None, f"{a.pk}/{b.pk}")},
    )
    return row


@transaction.atomic
def save_target_group(*, by, group: TargetGroup | None = None, **values) -> TargetGroup:
    age_min, age_max = values.get("age_min", 0), values.get("age_max")
    if age_max is not None and age_max < age_min:
        raise CoordinationError("Den øvre alder ligger under den nedre. Ret aldersbåndet.")
    name = values.get("name", "").strip()
    clash = TargetGroup.objects.filter(name__iexact=name)
    if group is not None:
        clash = clash.exclude(pk=group.pk)
    if clash.exists():
        raise CoordinationError("Der findes allerede en målgruppe med det navn.")
    if group is None:
        group = TargetGroup.objects.create(**values)
        record_change(
            actor=by, obj=group, action=ChangeAction.CREATE, changes={"name": (None, name)}
        )
        return group
    changes = {k: (getattr(group, k), v) for k, v in values.items() if getattr(group, k) != v}
    if changes:
        for k, v in values.items():
            setattr(group, k, v)
        group.save()
        # The rule reads the groups of the efforts: their decisions are stale now.
        if {"kind", "age_min", "age_max"} & set(changes):
            for effort in group.efforts.select_for_update():
                effort.version += 1
                effort.save(update_fields=["version"])
        record_change(actor=by, obj=group, action=ChangeAction.UPDATE, changes=changes)
    return group


def districts_of(municipality) -> list[District]:
    return list(District.objects.filter(municipality=municipality))
