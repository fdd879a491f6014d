"""Writing service visits: one function per use case (decision 0031). Each validates, runs in a
transaction and records the change log; a refused input raises `VisitError` with a Danish
message and changes nothing.

`record_visits` is the one way a visit is recorded, from the phone's queue (bulk, offline) or a
single form post alike. Per submission, keyed on its client-generated id:

* the client id is already stored (on a visit or as a conflict): **duplicate**, nothing changes
  (a queue sent twice, a reply lost on the way);
* the lease's current recording is the one the phone saw (`base`: its client id, or none): the
  recording is applied (**saved**); a lease with "no access" can so be recorded again on the
  revisit;
* otherwise someone else recorded the lease meanwhile: the submission is kept whole as a
  `VisitConflict` (**conflict**), shown on the phone and the campaign page, never written over
  the first; the social unit resolves it;
* an invalid submission (a value the checklist does not take, a lease the user may not record)
  is refused (**error**, a Danish message) and stays in the phone's queue to be corrected."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from boligsocial.analyses.models import ActionStatus
from boligsocial.audit.models import ChangeAction
from boligsocial.audit.services import record_change, record_changes
from boligsocial.guides import services as guides
from boligsocial.guides.answers import AnswerError, clean_answer
from boligsocial.guides.models import Guide, GuideVersion
from boligsocial.guides.spec import PHOTO, TEXT
from boligsocial.organisations.models import Department, Lease, Membership
from boligsocial.organisations.roles import Role
from boligsocial.visits import findings
from boligsocial.visits.models import (
    CampaignStatus,
    FollowUp,
    FollowUpKind,
    Outcome,
    Visit,
    VisitCampaign,
    VisitConflict,
)

GUIDE_KEY = "servicebesoeg"
ASSIGNABLE_ROLES = (Role.SOCIAL_STAFF, Role.SOCIAL_HEAD, Role.ORG_MANAGEMENT, Role.CARETAKER)
MAX_BATCH = 1000
MAX_SPAN_DAYS = 366
MAX_PHOTOS_PER_VISIT = 10
CPR = re.compile(r"(?<!\d)(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d{2}[- ]?\d{4}(?!\d)")

SAVED, DUPLICATE, CONFLICT, ERROR = "saved", "duplicate", "conflict", "error"


class VisitError(ValueError):
    """A refused change (Danish message); nothing was changed."""


def default_guide_version() -> GuideVersion:
    guide = Guide.objects.filter(key=GUIDE_KEY).first()
    version = guide and guides.current_version(guide)
    if version is None:
        raise VisitError("Der er ingen udgivet tjekliste til servicebesøg.")
    return version


def _check_staff(organisation_id: int, users) -> list:
    users = list(users)
    allowed = set(
        Membership.objects.filter(user__in=users, role__in=ASSIGNABLE_ROLES)
        .filter(organisation_id=organisation_id)
        .values_list("user_id", flat=True)
    ) | set(
        Membership.objects.filter(
            user__in=users, role=Role.CARETAKER, department__organisation_id=organisation_id
        ).values_list("user_id", flat=True)
    )
    wrong = [u for u in users if u.pk not in allowed]
    if wrong:
        raise VisitError(
            f"{wrong[0].get_full_name() or wrong[0].username} er hverken medarbejder eller "
            "ejendomsfunktionær i boligorganisationen."
        )
    return users


@transaction.atomic
def create_campaign(
    *,
    department: Department,
    name: str,
    purpose: str,
    starts_on: date,
    ends_on: date,
    actor,
    addresses: Iterable[str] = (),
    staff=(),
    kits_stock: int = 0,
    guide_version: GuideVersion | None = None,
    follow_up_action=None,
) -> VisitCampaign:
    """A campaign over the department's leases (or those at `addresses`): one visit each;
    `follow_up_action` (an open action of an analysis of the department) is what it carries
    out."""
    name, purpose = (name or "").strip(), (purpose or "").strip()
    if not name:
        raise VisitError("Giv kampagnen et navn.")
    if len(name) > 200:
        raise VisitError("Navnet må højst have 200 tegn.")
    if not purpose:
        raise VisitError("Skriv, hvad besøget er til: det står i varslingsbrevet.")
    if len(purpose) > 2000:
        raise VisitError("Formålet må højst have 2000 tegn.")
    if ends_on < starts_on:
        raise VisitError("Sidste besøgsdag skal ligge efter første.")
    if (ends_on - starts_on).days > MAX_SPAN_DAYS:
        raise VisitError("En kampagne kan højst vare et år.")
    if not 0 <= kits_stock <= 100_000:
        raise VisitError("Antallet af net skal være mellem 0 og 100.000.")
    addresses = sorted({" ".join(a.split()) for a in addresses if a and a.strip()})
    leases = Lease.objects.filter(department=department)
    if addresses:
        known = set(leases.filter(address__in=addresses).values_list("address", flat=True))
        unknown = [a for a in addresses if a not in known]
        if unknown:
            raise VisitError(f"Adressen »{unknown[0]}« har ingen lejemål i afdelingen.")
        leases = leases.filter(address__in=addresses)
    lease_ids = list(leases.values_list("id", flat=True))
    if not lease_ids:
        raise VisitError("Afdelingen har ingen lejemål i lejemålsregistret.")
    users = _check_staff(department.organisation_id, staff)
    if follow_up_action is not None and (
        follow_up_action.analysis.department_id != department.pk
        or follow_up_action.status in (ActionStatus.DONE, ActionStatus.CANCELLED)
    ):
        raise VisitError("Handlingen hører ikke til afdelingen, eller den er afsluttet.")
    campaign = VisitCampaign.objects.create(
        organisation_id=department.organisation_id,
        department=department,
        name=name,
        purpose=purpose,
        addresses=addresses,
        starts_on=starts_on,
        ends_on=ends_on,
        kits_stock=kits_stock,
        guide_version=guide_version or default_guide_version(),
        follow_up_action=follow_up_action,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    campaign.staff.set(users)
    Visit.objects.bulk_create(Visit(campaign=campaign, lease_id=i) for i in lease_ids)
    record_change(
        actor=actor,
        obj=campaign,
        action=ChangeAction.CREATE,
        changes={
            "name": (None, name),
            "leases": (None, len(lease_ids)),
            "period": (None, f"{starts_on.isoformat()}–{ends_on.isoformat()}"),
            **({"follow-up action": (None, follow_up_action.title)} if follow_up_action else {}),
        },
    )
    return campaign


def locked(campaign: VisitCampaign) -> VisitCampaign:
    return VisitCampaign.objects.select_for_update().get(pk=campaign.pk)


@transaction.atomic
def assign(*, campaign: VisitCampaign, user, actor, addresses: Iterable[str] = ()) -> int:
    """Assign the campaign's leases at `addresses` (all when empty) to `user`, who is added to
    the campaign's staff. Returns how many leases were assigned."""
    campaign = locked(campaign)
    if campaign.status != CampaignStatus.RUNNING:
        raise VisitError("Kampagnen er afsluttet.")
    _check_staff(campaign.organisation_id, [user])
    visits = Visit.objects.filter(campaign=campaign)
    addresses = [a for a in addresses if a]
    if addresses:
        visits = visits.filter(lease__address__in=addresses)
    count = visits.update(assignee=user)
    if not count:
        raise VisitError("Der er ingen lejemål på de valgte adresser.")
    campaign.staff.add(user)
    record_change(
        actor=actor,
        obj=campaign,
        action=ChangeAction.UPDATE,
        changes={"assigned": (None, f"{user.username}: {count}")},
    )
    return count


@transaction.atomic
def plan_slot(*, visit: Visit, planned_at: datetime | None, actor) -> Visit:
    visit = Visit.objects.select_for_update().select_related("campaign").get(pk=visit.pk)
    if planned_at is not None:
        day = timezone.localtime(planned_at).date()
        if not visit.campaign.starts_on <= day <= visit.campaign.ends_on:
            raise VisitError("Tidspunktet skal ligge i kampagnens besøgsperiode.")
    before = visit.planned_at
    visit.planned_at = planned_at
    visit.save(update_fields=["planned_at"])
    record_change(
        actor=actor,
        obj=visit,
        action=ChangeAction.UPDATE,
        changes={
            "planned_at": (before and before.isoformat(), planned_at and planned_at.isoformat())
        },
        organisation_id=visit.campaign.organisation_id,
    )
    return visit


# --- recording ------------------------------------------------------------------------------


def as_uuid(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        return None


def clean_recording(item: dict, questions: dict) -> dict:
    """The checked recording (outcome, answers, kits, revisit); raises VisitError."""
    outcome = item.get("outcome")
    if outcome not in (o for o in Outcome.values if o):
        raise VisitError("Vælg, hvordan besøget gik.")
    raw = item.get("answers") or {}
    if not isinstance(raw, dict):
        raise VisitError("Svarene skal være en liste af spørgsmål og svar.")
    answers = {}
    if outcome == Outcome.VISITED:
        for key, value in raw.items():
            question = questions.get(key)
            if question is None:
                raise VisitError(f"Spørgsmålet »{key}« findes ikke i tjeklisten.")
            if question.type == PHOTO:
                continue  # photos are sent on their own (visits.photos, decision 0042)
            try:
                cleaned = clean_answer(question, value)
            except AnswerError as e:
                raise VisitError(f"{question.text}: {e}") from None
            if cleaned is None:
                continue
            if question.type == TEXT and CPR.search(cleaned):
                raise VisitError(
                    f"{question.text}: teksten ligner et CPR-nummer. Skriv ingen CPR-numre."
                )
            answers[key] = cleaned
        missing = [q.text for q in questions.values() if q.required and q.key not in answers]
        if missing:
            raise VisitError(f"Besvar: {missing[0]}")
    try:
        kits = int(item.get("kits") or 0)
    except (TypeError, ValueError):
        raise VisitError("Antallet af udleverede net skal være et helt tal.") from None
    if not 0 <= kits <= 20:
        raise VisitError("Antallet af udleverede net skal være mellem 0 og 20.")
    if outcome != Outcome.VISITED and kits:
        raise VisitError("Net kan kun udleveres ved et besøg.")
    revisit = item.get("revisit_on") or None
    if revisit is not None:
        try:
            revisit = date.fromisoformat(str(revisit))
        except ValueError:
            raise VisitError("Datoen for genbesøg er ikke en gyldig dato.") from None
        if outcome != Outcome.NO_ACCESS:
            raise VisitError("Genbesøg planlægges kun, når der ikke var adgang.")
    return {"outcome": outcome, "answers": answers, "kits": kits, "revisit_on": revisit}


def _recorded_at(item: dict, now: datetime) -> datetime:
    value = item.get("recorded_at")
    if not value:
        return now
    try:
        at = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return now
    if timezone.is_naive(at):
        at = timezone.make_aware(at)
    # A phone's clock: never in the future, never before the queue could have been filled.
    return min(max(at, now - timedelta(days=60)), now)


@transaction.atomic
def record_visits(*, actor, items: list[dict]) -> list[dict]:
    """Apply a batch of queued recordings (see the module doc). Each item: `client_id` (UUID),
    `visit` (id), `outcome`, `answers` ({question key: value}), `kits`, `revisit_on`, `base`
    (the client id of the recording the phone saw, or null), `recorded_at`. Returns one result
    per item, in order: {"client_id", "status", "message", "visit"}."""
    from boligsocial.visits.access import recordable_visits

    if not isinstance(items, list) or not items:
        raise VisitError("Der er ingen besøg at gemme.")
    if len(items) > MAX_BATCH:
        raise VisitError(f"Højst {MAX_BATCH} besøg ad gangen.")
    now = timezone.now()
    ids = {i.get("visit") for i in items if isinstance(i, dict) and isinstance(i.get("visit"), int)}
    # actor None: the system (demo data, imports), which checked access itself.
    pool = (
        recordable_visits(actor)
        if actor is not None
        else Visit.objects.filter(campaign__status=CampaignStatus.RUNNING)
    )
    visits = {
        v.pk: v
        for v in pool.filter(pk__in=ids).select_related("campaign").select_for_update(of=("self",))
    }
    submitted = (as_uuid(i.get("client_id")) for i in items if isinstance(i, dict))
    client_ids = {c for c in submitted if c}
    seen = set(Visit.objects.filter(client_id__in=client_ids).values_list("client_id", flat=True))
    seen |= set(
        VisitConflict.objects.filter(client_id__in=client_ids).values_list("client_id", flat=True)
    )
    specs: dict[int, dict] = {}
    results, changed, conflicts, entries = [], {}, [], []
    for item in items:
        if not isinstance(item, dict):
            results.append(
                {"client_id": None, "status": ERROR, "message": "Ugyldig post.", "visit": None}
            )
            continue
        cid = as_uuid(item.get("client_id"))
        result = {"client_id": str(cid) if cid else None, "visit": item.get("visit")}
        results.append(result)
        if cid is None:
            result.update(status=ERROR, message="Posten mangler et gyldigt klient-id.")
            continue
        if cid in seen:
            result.update(status=DUPLICATE, message="Allerede gemt.")
            continue
        visit = visits.get(item.get("visit"))
        if visit is None:
            result.update(
                status=ERROR, message="Lejemålet findes ikke, eller du kan ikke registrere det."
            )
            continue
        version_id = visit.campaign.guide_version_id
        if version_id not in specs:
            spec = GuideVersion.objects.select_related("guide").get(pk=version_id).spec()
            specs[version_id] = {q.key: q for q in spec.questions()}
        try:
            clean = clean_recording(item, specs[version_id])
        except VisitError as e:
            result.update(status=ERROR, message=str(e))
            continue
        seen.add(cid)
        base = as_uuid(item.get("base"))
        if visit.client_id != base or (visit.client_id and visit.outcome != Outcome.NO_ACCESS):
            revisit = clean["revisit_on"]
            payload = {
                **clean,
                "revisit_on": revisit and revisit.isoformat(),
                "recorded_at": _recorded_at(item, now).isoformat(),
            }
            conflicts.append(
                VisitConflict(
                    campaign_id=visit.campaign_id,
                    visit=visit,
                    client_id=cid,
                    payload=payload,
                    submitted_by=actor if getattr(actor, "is_authenticated", False) else None,
                )
            )
            result.update(
                status=CONFLICT,
                message="Lejemålet er allerede registreret af en anden. Din registrering er "
                "gemt som en konflikt, som den boligsociale enhed afgør.",
            )
            continue
        before = visit.outcome
        visit.outcome = clean["outcome"]
        visit.answers = clean["answers"]
        visit.kits = clean["kits"]
        visit.revisit_on = clean["revisit_on"]
        visit.attempts += 1
        visit.client_id = cid
        visit.recorded_by = actor if getattr(actor, "is_authenticated", False) else None
        visit.recorded_at = _recorded_at(item, now)
        changed[visit.pk] = visit
        entries.append(
            (
                visit,
                ChangeAction.UPDATE,
                {"outcome": (before, visit.outcome), "answers": ("", "…"), "kits": (0, visit.kits)},
            )
        )
        result.update(status=SAVED, message="Gemt.")
    if changed:
        Visit.objects.bulk_update(
            changed.values(),
            ["outcome", "answers", "kits", "revisit_on", "attempts", "client_id", "recorded_by",
             "recorded_at"],
        )  # fmt: skip
        guides_freeze({v.campaign.guide_version_id for v in changed.values()}, now)
    if conflicts:
        VisitConflict.objects.bulk_create(conflicts)
        entries.extend((c, ChangeAction.CREATE, {"visit": (None, c.visit_id)}) for c in conflicts)
    by_org: dict[int, list] = {}
    for obj, action, changes in entries:
        by_org.setdefault(visits[obj.visit_id if isinstance(obj, VisitConflict) else obj.pk]
                          .campaign.organisation_id, []).append((obj, action, changes))  # fmt: skip
    for organisation_id, rows in by_org.items():
        record_changes(
            actor=actor, entries=rows, personal=("answers",), organisation_id=organisation_id
        )
    return results


def guides_freeze(version_ids: set[int], now) -> None:
    """A checklist version is frozen once a visit answers it (as guides.record_answer does)."""
    GuideVersion.objects.filter(pk__in=version_ids, frozen_at__isnull=True).update(frozen_at=now)


@transaction.atomic
def resolve_conflict(*, conflict: VisitConflict, actor, apply: bool) -> VisitConflict:
    """The social unit decides: `apply` writes the conflicting recording over the visit (the
    first one is kept in the change log); otherwise it is dismissed. Either way it is resolved."""
    conflict = VisitConflict.objects.select_for_update().select_related("visit").get(pk=conflict.pk)
    if conflict.resolved_at is not None:
        raise VisitError("Konflikten er allerede afgjort.")
    visit = Visit.objects.select_for_update().get(pk=conflict.visit_id)
    if apply:
        p = conflict.payload
        before = {"outcome": visit.outcome, "client_id": str(visit.client_id)}
        if visit.client_id is not None:
            # The replaced recording is kept (resolved) so that its client id stays known: a
            # phone sending it again gets "duplicate", not a new conflict.
            VisitConflict.objects.create(
                campaign_id=visit.campaign_id, visit=visit, client_id=visit.client_id,
                payload={"outcome": visit.outcome, "answers": visit.answers, "kits": visit.kits,
                         "revisit_on": visit.revisit_on and visit.revisit_on.isoformat(),
                         "recorded_at": visit.recorded_at and visit.recorded_at.isoformat()},
                submitted_by=visit.recorded_by, resolved_at=timezone.now(),
            )  # fmt: skip
        visit.outcome = p["outcome"]
        visit.answers = p.get("answers", {})
        visit.kits = p.get("kits", 0)
        visit.revisit_on = p.get("revisit_on") and date.fromisoformat(p["revisit_on"])
        visit.recorded_by = conflict.submitted_by
        visit.recorded_at = datetime.fromisoformat(p["recorded_at"])
        visit.attempts += 1
        # The applied recording is now the lease's current one: a phone that saw the first
        # recording (its base) gets a conflict, and a repeat of either stays a no-op.
        visit.client_id = conflict.client_id
        visit.save()
        record_change(
            actor=actor,
            obj=visit,
            action=ChangeAction.UPDATE,
            changes={"outcome": (before["outcome"], visit.outcome), "answers": ("", "…"),
                     "replaced recording": (before["client_id"], str(conflict.client_id))},
            personal=("answers",),
            organisation_id=conflict.campaign.organisation_id,
        )  # fmt: skip
    conflict.resolved_at = timezone.now()
    conflict.save(update_fields=["resolved_at"])
    record_change(
        actor=actor,
        obj=conflict,
        action=ChangeAction.TRANSITION,
        changes={"resolved": (None, "applied" if apply else "dismissed")},
        organisation_id=conflict.campaign.organisation_id,
    )
    return conflict


@transaction.atomic
def finish_campaign(*, campaign: VisitCampaign, actor) -> VisitCampaign:
    campaign = locked(campaign)
    if campaign.status != CampaignStatus.RUNNING:
        raise VisitError("Kampagnen er allerede afsluttet.")
    campaign.status = CampaignStatus.FINISHED
    campaign.summary = findings.summarise(campaign)
    campaign.save(update_fields=["status", "summary", "updated_at"])
    record_change(
        actor=actor,
        obj=campaign,
        action=ChangeAction.TRANSITION,
        changes={"status": (CampaignStatus.RUNNING, CampaignStatus.FINISHED)},
    )
    return campaign


# --- follow-ups ----------------------------------------------------------------------------


@transaction.atomic
def add_follow_up(
    *, campaign: VisitCampaign, question_key: str, kind: str, title: str, actor,
    due_date: date | None = None, visit: Visit | None = None,
) -> FollowUp:  # fmt: skip
    """A maintenance task, or a house-rule case (opened through cases' own service, for one
    lease when `visit` is given, else for the department)."""
    from boligsocial.cases.services import open_case

    if kind not in FollowUpKind.values:
        raise VisitError("Vælg, hvad opfølgningen er.")
    title = (title or "").strip()
    if not title:
        raise VisitError("Skriv, hvad der skal gøres.")
    if len(title) > 300:
        raise VisitError("Opfølgningen må højst have 300 tegn.")
    if not campaign.guide_version.themes.filter(questions__key=question_key).exists():
        raise VisitError("Punktet findes ikke i tjeklisten.")
    if visit is not None and visit.campaign_id != campaign.pk:
        raise VisitError("Lejemålet hører ikke til kampagnen.")
    case = None
    if kind == FollowUpKind.CASE:
        case = open_case(
            department=campaign.department,
            kind="house_rules",
            track="tag_ansvar",
            category="neglect",
            user=actor,
            description=f"Opfølgning på servicebesøget »{campaign.name}«: {title}",
            lease=visit.lease if visit is not None else None,
            source="staff",
        )
    follow_up = FollowUp.objects.create(
        campaign=campaign,
        question_key=question_key,
        kind=kind,
        title=title,
        due_date=due_date,
        case=case,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    record_change(
        actor=actor,
        obj=follow_up,
        action=ChangeAction.CREATE,
        changes={"title": (None, title), "case": (None, case and case.pk)},
        organisation_id=campaign.organisation_id,
    )
    return follow_up


@transaction.atomic
def set_follow_up_done(*, follow_up: FollowUp, done: bool, actor) -> FollowUp:
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if follow_up.done != done:
        follow_up.done = done
        follow_up.save(update_fields=["done"])
        record_change(
            actor=actor,
            obj=follow_up,
            action=ChangeAction.TRANSITION,
            changes={"done": (not done, done)},
            organisation_id=follow_up.campaign.organisation_id,
        )
    return follow_up
