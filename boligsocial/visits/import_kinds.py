"""The visits' import kind, found by the imports app (`boligsocial.imports.registry`): results
of service visits from XLSX or CSV (issue 14 part 7; decision 0042), for one housing
organisation at a time. Upload → preview → confirm → undo, as every kind.

One row per lease of a running campaign: the campaign's number, the lease's address and floor
and door, the outcome (besøgt, ingen adgang, afslået, fraflyttet), optionally the date, the kits
handed out, a revisit date, and the checklist answers as `key=answer` pairs separated by `;`
(e.g. `ventiler_blokeret=ja; bad_stand=3`; a choice by its value or its Danish label).

Idempotent with what is already recorded: a row equal to the lease's current recording (from a
phone or an earlier file) is unchanged; a lease not yet visited, or with "no access" (the
revisit), is recorded through `services.record_visits`, the same path as the phone, with the
same checks; a lease already recorded with another result is refused on its row (a file never
writes over a recording; two results are settled on the campaign page). Who imports: those of
the social unit and maintenance who manage the organisation's data (the head, the
forretningsfører) and administrators. Undo gives each lease the
recording it had before, refused when the lease was recorded again or got photos since."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import datetime, time

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boligsocial.audit.models import ChangeAction
from boligsocial.audit.services import record_changes
from boligsocial.core import cells
from boligsocial.core.importkinds import (
    CREATE,
    UPDATE,
    Change,
    Column,
    FieldChange,
    ImportContext,
    ImportKind,
    UndoOutcome,
    Written,
)
from boligsocial.core.importreport import ImportResult, IssueCollector
from boligsocial.core.tables import Table
from boligsocial.guides.spec import CHOICE_TYPES, MULTIPLE, PHOTO
from boligsocial.organisations.access import scope
from boligsocial.organisations.models import Organisation
from boligsocial.visits import services
from boligsocial.visits.access import full_org_ids
from boligsocial.visits.findings import checklist
from boligsocial.visits.models import CampaignStatus, Outcome, Visit, VisitCampaign, VisitPhoto

NAMESPACE = uuid.UUID("6f1d3c52-0b8e-4a55-9a53-6b1f0c2d7e14")
COLUMNS = (
    Column("kampagne", gettext_lazy("The campaign's number (on its page)."), 12),
    Column("adresse", gettext_lazy("The lease's address, as in the lease register."), "Alfavej 1"),
    Column("etage_doer", gettext_lazy("Floor and door, as in the register."), "1. th.", False),
    Column(
        "udfald",
        gettext_lazy("Visited, no access, declined or moved (besøgt, ingen adgang, …)."),
        "besøgt",
    ),
    Column("besoegsdato", gettext_lazy("Optional: the day of the visit."), "05-05-2026", False),
    Column("net", gettext_lazy("Optional: kits handed out (0–20)."), 1, False),
    Column("genbesoeg", gettext_lazy("Optional, with no access: the revisit."), "", False),
    Column(
        "svar",
        gettext_lazy("Optional: checklist answers as key=answer, separated by semicolons."),
        "ventiler_blokeret=ja; bad_stand=3",
        False,
    ),
)


def _org_ids(s) -> frozenset[int]:
    """The visits' social unit and maintenance, of the organisations whose data they manage
    (the imports app's rule for seeing and undoing a batch: `imports.access`)."""
    return full_org_ids(s) & frozenset(s.manage_org_ids)


def may_import(user) -> bool:
    s = scope(user)
    return s.is_admin or bool(_org_ids(s))


def organisations(user):
    s = scope(user)
    qs = Organisation.objects.order_by("name")
    return qs if s.is_admin else qs.filter(pk__in=_org_ids(s))


def _norm(text: str) -> str:
    return " ".join((text or "").split()).casefold()


def _outcomes() -> dict[str, str]:
    out = {}
    for value, label in Outcome.choices:
        if value:
            out[_norm(value)] = value
            out[_norm(str(label))] = value
            with translation.override("da"):
                out[_norm(str(label))] = value
    out.update(
        {"besoegt": Outcome.VISITED, "afslog": Outcome.DECLINED, "fraflyttet": Outcome.MOVED}
    )
    return out


def _answers(text: str, questions: dict) -> dict:
    """`key=answer; …` -> {key: value}, a choice by value or Danish label; raises VisitError."""
    answers = {}
    for part in filter(None, (p.strip() for p in (text or "").split(";"))):
        key, sep, value = part.partition("=")
        key, value = key.strip(), value.strip()
        question = questions.get(key)
        if not sep or question is None or question.type == PHOTO:
            raise services.VisitError(
                _("»%(part)s« is not a checklist answer (key=answer).") % {"part": part[:60]}
            )
        if question.type in CHOICE_TYPES:
            by_label = {_norm(c.label): c.value for c in question.choices}
            by_label.update({_norm(c.value): c.value for c in question.choices})
            words = value.split(",") if question.type == MULTIPLE else [value]
            chosen = [by_label.get(_norm(w), w.strip()) for w in words if w.strip()]
            answers[key] = chosen if question.type == MULTIPLE else (chosen or [""])[0]
        else:
            answers[key] = value
    return answers


def _state(v: Visit) -> tuple:
    return (v.outcome, v.answers or {}, v.kits, v.revisit_on)


def _lookup(campaign: VisitCampaign, lock: bool = False) -> dict[tuple[str, str], Visit]:
    qs = Visit.objects.filter(campaign=campaign).select_related("lease")
    if lock:
        qs = qs.select_for_update(of=("self",))
    return {(_norm(v.lease.address), _norm(v.lease.unit)): v for v in qs}


def check(table: Table, ctx: ImportContext):
    campaigns = {
        c.pk: c
        for c in VisitCampaign.objects.filter(
            organisation=ctx.organisation, status=CampaignStatus.RUNNING
        ).select_related("guide_version__guide")
    }
    leases: dict[int, dict] = {}
    outcomes = _outcomes()
    issues = IssueCollector()
    rows: list[tuple[int, dict]] = []
    seen: dict[int, int] = {}
    for row in table.rows:
        line, label, raw = row.line, table.labels, row.values
        try:
            number = cells.integer(raw["kampagne"])
            campaign = campaigns.get(number)
            if campaign is None:
                raise ValidationError(
                    _("The organisation has no running campaign number %(n)s.") % {"n": number}
                )
        except ValidationError as error:
            issues.add(line, label["kampagne"], cells.message_of(error))
            continue
        if campaign.pk not in leases:
            leases[campaign.pk] = _lookup(campaign)
        visit = leases[campaign.pk].get((_norm(raw["adresse"]), _norm(raw.get("etage_doer", ""))))
        if visit is None:
            issues.add(line, label["adresse"], _("The campaign has no such lease."))
            continue
        if visit.pk in seen:
            issues.add(
                line, label["adresse"],
                _("The lease is already on line %(line)s.") % {"line": seen[visit.pk]},
            )  # fmt: skip
            continue
        seen[visit.pk] = line
        item = {"visit": visit.pk, "outcome": outcomes.get(_norm(raw["udfald"]), raw["udfald"])}
        try:
            for name, key in (("besoegsdato", "day"), ("genbesoeg", "revisit_on")):
                if raw.get(name):
                    item[key] = cells.date(raw[name])
            item["kits"] = cells.integer(raw["net"]) if raw.get("net") else 0
            questions = {q.key: q for q in checklist(campaign).questions()}
            item["answers"] = _answers(raw.get("svar", ""), questions)
            clean = services.clean_recording(
                {**item, "revisit_on": item.get("revisit_on") and item["revisit_on"].isoformat()},
                questions,
            )
        except (ValidationError, services.VisitError) as error:
            message = cells.message_of(error) if isinstance(error, ValidationError) else str(error)
            issues.add(line, label["udfald"], message)
            continue
        state = (clean["outcome"], clean["answers"], clean["kits"], clean["revisit_on"])
        if visit.client_id and visit.outcome != Outcome.NO_ACCESS and _state(visit) != state:
            issues.add(
                line, label["udfald"],
                _("The lease is already recorded (%(outcome)s) with another result; a file never "
                  "writes over a recording.") % {"outcome": visit.get_outcome_display()},
            )  # fmt: skip
            continue
        rows.append((line, {**clean, "visit": visit.pk, "campaign": campaign.pk,
                            "day": item.get("day"), "subject": str(visit.lease)}))  # fmt: skip
    return rows, issues


@dataclass
class ResultsPlan:
    organisation_id: int
    record: list[tuple[int, dict, Visit]] = field(default_factory=list)
    unchanged: int = 0

    @property
    def created(self) -> int:
        return sum(1 for _line, _v, visit in self.record if not visit.client_id)

    @property
    def updated(self) -> int:
        return len(self.record) - self.created

    @property
    def organisation_ids(self) -> frozenset[int]:
        return frozenset({self.organisation_id})

    @property
    def fingerprint(self) -> str:
        digest = hashlib.sha256()
        for line, values, visit in self.record:
            digest.update(repr((line, visit.pk, str(visit.client_id), sorted(
                (k, str(x)) for k, x in values.items()))).encode())  # fmt: skip
        return digest.hexdigest()

    def changes(self, limit: int) -> list[Change]:
        labels = dict(Outcome.choices)
        out = []
        for line, values, visit in self.record[:limit]:
            fields = [FieldChange("udfald", str(labels[visit.outcome]) if visit.outcome else "",
                                  str(labels[values["outcome"]]))]  # fmt: skip
            if values["answers"]:
                fields.append(FieldChange("svar", "", str(len(values["answers"]))))
            action = UPDATE if visit.client_id else CREATE
            out.append(Change(line, values["subject"], action, tuple(fields)))
        return out


def plan(rows, ctx: ImportContext) -> ResultsPlan:
    result = ResultsPlan(organisation_id=ctx.organisation.pk)
    qs = Visit.objects.filter(pk__in=[v["visit"] for _line, v in rows])
    if ctx.lock:
        qs = qs.select_for_update()
    current = {v.pk: v for v in qs}
    for line, values in rows:
        visit = current[values["visit"]]
        state = (values["outcome"], values["answers"], values["kits"], values["revisit_on"])
        if visit.client_id and _state(visit) == state:
            result.unchanged += 1
        else:
            result.record.append((line, values, visit))
    return result


def _recorded_at(day):
    if day is None:
        return timezone.now().isoformat()
    return timezone.make_aware(datetime.combine(day, time(12))).isoformat()


def _before(v: Visit) -> dict:
    return {"outcome": v.outcome, "answers": v.answers, "kits": v.kits,
            "revisit_on": v.revisit_on and v.revisit_on.isoformat(), "attempts": v.attempts,
            "client_id": v.client_id and str(v.client_id), "recorded_by": v.recorded_by_id,
            "recorded_at": v.recorded_at and v.recorded_at.isoformat()}  # fmt: skip


def write(plan_: ResultsPlan, ctx: ImportContext) -> Written:
    items, record = [], []
    for _line, values, visit in plan_.record:
        cid = uuid.uuid5(NAMESPACE, f"{ctx.batch_id}:{visit.pk}:{values['outcome']}")
        items.append({
            "client_id": str(cid), "visit": visit.pk, "outcome": values["outcome"],
            "base": visit.client_id and str(visit.client_id), "answers": values["answers"],
            "kits": values["kits"], "recorded_at": _recorded_at(values["day"]),
            "revisit_on": values["revisit_on"] and values["revisit_on"].isoformat(),
        })  # fmt: skip
        record.append([visit.pk, str(cid), _before(visit)])
    if items:
        results = services.record_visits(actor=ctx.user, items=items)
        if any(r["status"] != services.SAVED for r in results):
            raise IntegrityError("a lease was recorded meanwhile")
    result = ImportResult(created=plan_.created, updated=plan_.updated, unchanged=plan_.unchanged)
    return Written(result=result, undo={"visits": record})


def undo(record: dict, ctx: ImportContext, *, apply: bool) -> UndoOutcome:
    entries = {pk: (cid, before) for pk, cid, before in record.get("visits", [])}
    qs = Visit.objects.filter(pk__in=entries).select_related("lease")
    current = {v.pk: v for v in (qs.select_for_update(of=("self",)) if apply else qs)}
    with_photos = set(
        VisitPhoto.objects.filter(visit_id__in=entries).values_list("recording", flat=True)
    )
    problems, restore = [], []
    for pk, (cid, before) in entries.items():
        v = current.get(pk)
        if v is None:
            continue  # deleted since (retention): nothing to undo
        if str(v.client_id) != cid or uuid.UUID(cid) in with_photos:
            problems.append(
                _("%(lease)s has been recorded again or got photos since the import.")
                % {"lease": v.lease}
            )
            continue
        restore.append((v, before))
    if problems:
        return UndoOutcome(problems=problems[:10])
    outcome = UndoOutcome(restored=len(restore))
    if not apply:
        return outcome
    changes = []
    for v, before in restore:
        changes.append((v, ChangeAction.UNDO, {"outcome": (v.outcome, before["outcome"])}))
        v.outcome, v.answers, v.kits = before["outcome"], before["answers"], before["kits"]
        v.revisit_on = before["revisit_on"] and datetime.fromisoformat(before["revisit_on"]).date()
        v.attempts, v.recorded_by_id = before["attempts"], before["recorded_by"]
        v.client_id = before["client_id"] and uuid.UUID(before["client_id"])
        v.recorded_at = before["recorded_at"] and datetime.fromisoformat(before["recorded_at"])
    Visit.objects.bulk_update(
        [v for v, _b in restore],
        ["outcome", "answers", "kits", "revisit_on", "attempts", "client_id", "recorded_by",
         "recorded_at"],
    )  # fmt: skip
    record_changes(
        actor=ctx.user, entries=changes, personal=("answers",),
        organisation_id=ctx.organisation.pk if ctx.organisation else None,
    )  # fmt: skip
    return outcome


def template_rows(ctx: ImportContext):
    """The organisation's running campaigns' leases not yet visited (the first 500)."""
    if ctx.organisation is None:
        return []
    visits = (
        Visit.objects.filter(
            campaign__organisation=ctx.organisation,
            campaign__status=CampaignStatus.RUNNING,
            outcome__in=("", Outcome.NO_ACCESS),
        )
        .select_related("lease")
        .order_by("campaign_id", "lease__address", "lease__unit")[:500]
    )
    return [[v.campaign_id, v.lease.address, v.lease.unit, "", "", "", "", ""] for v in visits]


RESULTS = ImportKind(
    code="visit_results",
    slug="besoegsresultater",
    label=gettext_lazy("Service visit results"),
    columns=COLUMNS,
    check=check,
    plan=plan,
    write=write,
    undo=undo,
    may_import=may_import,
    organisations=organisations,
    per_organisation=True,
    template_rows=template_rows,
    description=gettext_lazy(
        "Results of service visits recorded on paper: one row per lease of a running campaign. "
        "A lease already recorded on a phone keeps its recording; a row equal to it changes "
        "nothing."
    ),
    done_note=gettext_lazy("The visits are recorded; the findings are updated."),
    order=70,
)

KINDS = (RESULTS,)
