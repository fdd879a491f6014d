"""Import of activity logs: one row per session of an activity, with its date, the participants
counted by age band and gender (no names) and a note.

Key: (activity, date). A new one is a new session; an existing session on that day gets the
file's counts and note if they differ, and is left alone if they are the same (so a file
imported twice changes nothing). An activity with several sessions on one day cannot be matched
by a row and is refused for that day. Who: the rights of the activity page's "log a session"
(`access.EDIT_ACTIVITY`: the secretariat, or the activity's owner). The session log is not plan
content, so approved plans take it too (decision 0026). Undo deletes the sessions the import
created and gives changed ones their old counts and note, refused if any was changed since."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boligsocial.audit.models import ChangeAction
from boligsocial.audit.services import record_changes
from boligsocial.core import cells
from boligsocial.core.importkinds import Column, ImportContext, ImportKind, UndoOutcome, Written
from boligsocial.core.importreport import ImportResult, IssueCollector
from boligsocial.core.permissions import can
from boligsocial.core.tables import Table
from boligsocial.plans import access
from boligsocial.plans.imports import common
from boligsocial.plans.models import Activity, AgeBand, Gender, Session, SessionCount

MAX_COUNT = 10_000
MAX_NOTE = 1000
GENDER_LETTER = {Gender.FEMALE: "k", Gender.MALE: "m", Gender.OTHER: "x"}


def count_column(band: str, gender: str) -> str:
    """ "k_0_12", "m_65plus", …: the column of an age band and a gender."""
    return f"{GENDER_LETTER[gender]}_{band.replace('-', '_').replace('+', 'plus')}"


GENDER_LABEL = dict(Gender.choices)
BAND_LABEL = dict(AgeBand.choices)
EMPTY_IS_0 = gettext_lazy("Empty: 0.")
COUNT_COLUMNS = {
    count_column(band, gender): (band, gender)
    for band, _b in AgeBand.choices
    for gender, _g in Gender.choices
}
COLUMNS = (
    Column("aktivitet_nr", gettext_lazy("The activity's number (shown on its page)."), 40),
    Column(
        "aktivitet",
        gettext_lazy("The activity's name; if filled in, it must match the number."),
        "Lektiecafé",
        required=False,
    ),
    Column("dato", gettext_lazy("The day of the session, e.g. 31-12-2025."), "14-05-2025"),
    *(
        Column(
            name,
            format_lazy("{}, {}. {}", GENDER_LABEL[gender], BAND_LABEL[band], EMPTY_IS_0),
            3 if name == "k_13_17" else "",
            required=False,
        )
        for name, (band, gender) in COUNT_COLUMNS.items()
    ),
    Column(
        "note",
        gettext_lazy("What happened, without names of participants."),
        "Lektiehjælp i matematik",
        required=False,
    ),
)


@dataclass
class Item:
    line: int
    activity_id: int
    activity_name: str
    held_on: object
    counts: dict  # (band, gender) -> count, zeros left out
    notes: str
    existing: Session | None = None
    old_counts: dict = field(default_factory=dict)
    old_notes: str = ""


def _counts_of(session: Session) -> dict:
    return {(c.age_band, c.gender): c.count for c in session.counts.all() if c.count}


def _count(text: str) -> int:
    if not text:
        return 0
    value = cells.integer(text)
    if value < 0:
        raise ValidationError(_("The number of participants cannot be negative."))
    if value > MAX_COUNT:
        raise ValidationError(_("At most %(max)s participants in one cell.") % {"max": "10.000"})
    return value


def check(table: Table, ctx: ImportContext) -> tuple[list[Item], IssueCollector]:
    issues = IssueCollector()
    label = table.labels
    numbers = {
        int(r.values["aktivitet_nr"])
        for r in table.rows
        if r.values["aktivitet_nr"].isdigit() and len(r.values["aktivitet_nr"]) < 10
    }
    activities = {
        a.pk: a
        for a in Activity.objects.filter(
            pk__in=numbers, plan__in=access.visible_plans(ctx.user)
        ).select_related("plan")
    }
    shared = {}  # one plan object per plan: access caches its rights on it
    for a in activities.values():
        a.plan = shared.setdefault(a.plan_id, a.plan)
    loggable = {pk for pk, a in activities.items() if can(ctx.user, access.EDIT_ACTIVITY, a)}
    today = timezone.localdate()
    items: list[Item] = []
    first: dict[tuple, int] = {}
    for done, row in enumerate(table.rows, 1):
        if done % 500 == 0:
            ctx.report(done)
        v = row.values
        try:
            number = cells.integer(v["aktivitet_nr"])
        except ValidationError as error:
            issues.add(row.line, label["aktivitet_nr"], cells.message_of(error))
            continue
        activity = activities.get(number)
        if activity is None:
            issues.add(
                row.line,
                label["aktivitet_nr"],
                _("There is no activity number %(number)s that you can see.") % {"number": number},
            )
            continue
        if v["aktivitet"] and v["aktivitet"] != activity.name:
            issues.add(
                row.line,
                label["aktivitet"],
                common.name_mismatch(_("Activity"), number, activity.name, v["aktivitet"]),
            )
        if number not in loggable:
            issues.add(
                row.line,
                label["aktivitet_nr"],
                _(
                    "You cannot log sessions of “%(name)s”: it belongs to another owner's part "
                    "of the plan."
                )
                % {"name": activity.name},
            )
            continue
        held_on = None
        try:
            held_on = cells.date(v["dato"])
            plan = activity.plan
            if held_on > today:
                issues.add(row.line, label["dato"], _("The date is in the future."))
                held_on = None
            elif held_on.year not in plan.years:
                issues.add(
                    row.line,
                    label["dato"],
                    _("The date is outside the plan's period %(first)s–%(last)s.")
                    % {"first": plan.first_year, "last": plan.last_year},
                )
                held_on = None
        except ValidationError as error:
            issues.add(row.line, label["dato"], cells.message_of(error))
        counts = {}
        for name, key in COUNT_COLUMNS.items():
            try:
                n = _count(v[name])
            except ValidationError as error:
                issues.add(row.line, label[name], cells.message_of(error))
                continue
            if n:
                counts[key] = n
        notes = v["note"]
        if len(notes) > MAX_NOTE:
            message = _("At most %(max)s characters.") % {"max": MAX_NOTE}
            issues.add(row.line, label["note"], message)
        if held_on is None:
            continue
        key = (number, held_on)
        if key in first:
            issues.add(
                row.line,
                label["dato"],
                _("The same activity and day are already on line %(line)s.") % {"line": first[key]},
            )
            continue
        first[key] = row.line
        items.append(Item(row.line, number, activity.name, held_on, counts, notes))
    if not issues:
        for item, count in _ambiguous(items):
            issues.add(
                item.line,
                label["dato"],
                _(
                    "“%(name)s” has %(count)s sessions on %(day)s already, so the row cannot say "
                    "which one it is. Change them on the activity's page."
                )
                % {
                    "name": item.activity_name,
                    "count": count,
                    "day": date_format(item.held_on, "j. F Y"),
                },
            )
    return items, issues


def _stored(items: list[Item], *, lock: bool) -> dict[tuple, list[Session]]:
    ids = {i.activity_id for i in items}
    days = {i.held_on for i in items}
    qs = (
        Session.objects.filter(activity_id__in=ids, held_on__in=days)
        .select_related("activity")
        .prefetch_related("counts")
    )
    if lock:
        qs = qs.select_for_update(of=("self",))
    out: dict[tuple, list[Session]] = defaultdict(list)
    for s in qs:
        out[(s.activity_id, s.held_on)].append(s)
    return out


def _ambiguous(items: list[Item]):
    stored = _stored(items, lock=False)
    for item in items:
        found = stored.get((item.activity_id, item.held_on), [])
        if len(found) > 1:
            yield item, len(found)


def _counts_text(counts: dict) -> str:
    total = sum(counts.values())
    parts = [f"{count_column(band, gender)}: {n}" for (band, gender), n in sorted(counts.items())]
    return f"{total} ({', '.join(parts)})" if parts else "0"


def _fields(item: Item) -> list[tuple[str, str, str]]:
    old = _counts_text(item.old_counts) if item.existing else ""
    out = [(_("Participants"), old, _counts_text(item.counts))]
    if item.notes != item.old_notes:
        out.append((_("Note"), item.old_notes, item.notes))
    return out


def _subject(item: Item) -> str:
    return f"{item.activity_name} {date_format(item.held_on, 'd-m-Y')}"


def plan(checked: list[Item], ctx: ImportContext) -> common.RowPlan:
    stored = _stored(checked, lock=ctx.lock)
    from boligsocial.plans.models import Plan

    activity_ids = {i.activity_id for i in checked}
    result = common.RowPlan(
        subject=_subject,
        fields=_fields,
        key=lambda i: (
            i.activity_id,
            i.held_on.isoformat(),
            sorted(i.counts.items()),
            i.notes,
            i.existing.pk if i.existing else None,
            sorted(i.old_counts.items()),
            i.old_notes,
        ),
        organisation_ids=frozenset(
            Plan.objects.filter(activities__in=activity_ids, secretariat__isnull=False)
            .values_list("secretariat_id", flat=True)
            .distinct()
        ),
    )
    for item in checked:
        found = stored.get((item.activity_id, item.held_on), [])
        if not found:
            result.create.append((item.line, item))
            continue
        session = found[0]
        old = _counts_of(session)
        if old == item.counts and session.notes == item.notes:
            result.unchanged += 1
            continue
        item.existing, item.old_counts, item.old_notes = session, old, session.notes
        result.update.append((item.line, item))
    return result


def _count_rows(session_id: int, counts: dict) -> list[SessionCount]:
    return [
        SessionCount(session_id=session_id, age_band=band, gender=gender, count=n)
        for (band, gender), n in sorted(counts.items())
    ]


def _plain(counts: dict) -> list:
    return [[band, gender, n] for (band, gender), n in sorted(counts.items())]


def _unplain(rows) -> dict:
    return {(band, gender): n for band, gender, n in rows}


def _organisation_id(plan_: common.RowPlan) -> int | None:
    ids = plan_.organisation_ids
    return next(iter(ids)) if len(ids) == 1 else None


def write(plan_: common.RowPlan, ctx: ImportContext) -> Written:
    user = ctx.user if getattr(ctx.user, "is_authenticated", False) else None
    activities = Activity.objects.in_bulk({i.activity_id for _line, i in plan_.create})
    created = Session.objects.bulk_create(
        Session(
            activity_id=i.activity_id,
            held_on=i.held_on,
            notes=i.notes,
            participants=sum(i.counts.values()),
            logged_by=user,
        )
        for _line, i in plan_.create
    )
    rows = []
    for session, (_line, i) in zip(created, plan_.create, strict=True):
        session.activity = activities[i.activity_id]  # named in the audit entry, no query
        rows += _count_rows(session.pk, i.counts)
    changed = []
    for _line, i in plan_.update:
        session = i.existing
        session.notes, session.participants = i.notes, sum(i.counts.values())
        changed.append(session)
        rows += _count_rows(session.pk, i.counts)
    SessionCount.objects.filter(session__in=changed).delete()
    Session.objects.bulk_update(changed, ["notes", "participants"])
    SessionCount.objects.bulk_create(rows, batch_size=2000)
    record_changes(
        actor=ctx.user,
        organisation_id=_organisation_id(plan_),
        entries=[
            *((s, ChangeAction.CREATE, {"participants": (None, s.participants)}) for s in created),
            *(
                (
                    i.existing,
                    ChangeAction.UPDATE,
                    {
                        "participants": (sum(i.old_counts.values()), sum(i.counts.values())),
                        "notes": (i.old_notes, i.notes),
                    },
                )
                for _line, i in plan_.update
            ),
        ],
    )
    return Written(
        ImportResult(created=plan_.created, updated=plan_.updated, unchanged=plan_.unchanged),
        undo={
            "created": [
                [s.pk, _plain(i.counts), i.notes]
                for s, (_line, i) in zip(created, plan_.create, strict=True)
            ],
            "updated": [
                [i.existing.pk, _plain(i.old_counts), i.old_notes, _plain(i.counts), i.notes]
                for _line, i in plan_.update
            ],
        },
    )


def undo(record: dict, ctx: ImportContext, *, apply: bool) -> UndoOutcome:
    created = {pk: (_unplain(c), notes) for pk, c, notes in record.get("created", [])}
    updated = {
        pk: (_unplain(old), old_notes, _unplain(new), notes)
        for pk, old, old_notes, new, notes in record.get("updated", [])
    }
    qs = (
        Session.objects.filter(pk__in=[*created, *updated])
        .select_related("activity")
        .prefetch_related("counts")
    )
    if apply:
        qs = qs.select_for_update(of=("self",))
    current = {s.pk: s for s in qs}
    problems = []
    for pk, (counts, notes) in created.items():
        s = current.get(pk)
        if s is not None and (_counts_of(s) != counts or s.notes != notes):
            problems.append(_("%(row)s has been changed since the import.") % {"row": s})
    for pk, (_old, _old_notes, counts, notes) in updated.items():
        s = current.get(pk)
        if s is None:
            problems.append(
                _("A session the import changed has been deleted since (id %(id)s).") % {"id": pk}
            )
        elif _counts_of(s) != counts or s.notes != notes:
            problems.append(_("%(row)s has been changed since the import.") % {"row": s})
    if problems:
        return UndoOutcome(problems=problems[:10])
    to_delete = [current[pk] for pk in created if pk in current]
    to_restore = [current[pk] for pk in updated]
    outcome = UndoOutcome(deleted=len(to_delete), restored=len(to_restore))
    if not apply:
        return outcome
    entries = [(s, ChangeAction.DELETE, {}) for s in to_delete]
    rows = []
    for s in to_restore:
        old, old_notes, new, notes = updated[s.pk]
        entries.append(
            (
                s,
                ChangeAction.UNDO,
                {
                    "participants": (sum(new.values()), sum(old.values())),
                    "notes": (notes, old_notes),
                },
            )
        )
        s.notes, s.participants = old_notes, sum(old.values())
        rows += _count_rows(s.pk, old)
    record_changes(actor=ctx.user, entries=entries)
    Session.objects.filter(pk__in=[s.pk for s in to_delete]).delete()
    SessionCount.objects.filter(session__in=to_restore).delete()
    Session.objects.bulk_update(to_restore, ["notes", "participants"])
    SessionCount.objects.bulk_create(rows)
    return outcome


def template_rows(ctx: ImportContext):
    """The sessions logged so far of the organisation's activities the user may log (importing
    the file unchanged changes nothing); none without an organisation."""
    if ctx.organisation is None:
        return []
    activities = [
        a
        for a in Activity.objects.filter(
            plan__in=access.visible_plans(ctx.user).filter(organisations=ctx.organisation)
        )
        .select_related("plan")
        .order_by("pk")
        if can(ctx.user, access.EDIT_ACTIVITY, a)
    ]
    names = {a.pk: a.name for a in activities}
    rows = []
    for s in (
        Session.objects.filter(activity_id__in=names)
        .prefetch_related("counts")
        .order_by("activity_id", "held_on", "pk")
    ):
        counts = _counts_of(s)
        rows.append(
            [
                s.activity_id,
                names[s.activity_id],
                s.held_on.strftime("%d-%m-%Y"),
                *(counts.get(key, "") for key in COUNT_COLUMNS.values()),
                s.notes,
            ]
        )
    return rows


KIND = ImportKind(
    code="plan_sessions",
    slug="aktivitetslog",
    label=gettext_lazy("Activity logs"),
    columns=COLUMNS,
    check=check,
    plan=plan,
    write=write,
    undo=undo,
    may_import=common.may_import,
    organisations=common.organisations,
    template_rows=template_rows,
    undo_by_importer=True,
    description=gettext_lazy(
        "Sessions of the plans' activities: one row per activity and day, with the participants "
        "counted by age band and gender (no names; k: girls/women, m: boys/men, x: other/not "
        "stated) and a note. A session already logged that day gets the file's counts and note; "
        "importing the same file again changes nothing."
    ),
    order=51,
)
