"""The analyses' import kinds, found by the imports app (`boligsocial.imports.registry`):
planned vulnerability analyses from XLSX or CSV, for one housing organisation at a time
(issue 14 part 7; decision 0043). Upload → preview → confirm → undo, as every kind.

One row per analysis: department number, year, planned date and, optionally, the interviewers
(usernames or e-mail addresses of the organisation's social unit, separated by commas). A
department without an analysis that year gets a planned one with the interview guide's
published version; a *planned* one of that year gets the file's date and interviewers; one
already under way, held or with answers is refused on its row (it cannot be re-planned by a
file). Participants are not imported: they are named by role when the interview is held.

Who imports: the head of social services (for their organisation) and administrators; staff
plan in the UI. Undo deletes the analyses the import created and gives the ones it changed
their old date and interviewers, refused when one has been started or changed since."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boligsocial.analyses.models import Analysis, AnalysisStatus, FollowUpAction, Participant
from boligsocial.analyses.services import AnalysisError, default_guide_version
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
from boligsocial.organisations.access import org_ids_with_role, scope
from boligsocial.organisations.models import Department, Membership, Organisation
from boligsocial.organisations.roles import Role

COLUMNS = (
    Column("afdelingsnummer", gettext_lazy("The department's number in the organisation."), 1),
    Column("aar", gettext_lazy("The year of the analysis, e.g. 2027."), 2027),
    Column(
        "dato",
        gettext_lazy("The planned date of the interview, in that year (e.g. 15-03-2027)."),
        "15-03-2027",
    ),
    Column(
        "interviewere",
        gettext_lazy(
            "Optional: usernames or e-mail addresses of the social unit's staff, separated by "
            "commas."
        ),
        "staff-a",
        required=False,
    ),
)
LABELS = {"planned_date": "dato", "interviewers": "interviewere"}


def may_import(user) -> bool:
    s = scope(user)
    return s.is_admin or bool(org_ids_with_role(s, Role.SOCIAL_HEAD))


def organisations(user):
    s = scope(user)
    qs = Organisation.objects.order_by("name")
    return qs if s.is_admin else qs.filter(pk__in=org_ids_with_role(s, Role.SOCIAL_HEAD))


def _interviewer_lookup(organisation) -> dict[str, int]:
    """username and e-mail (lower case) -> user id, for the organisation's social unit."""
    out: dict[str, int] = {}
    rows = (
        Membership.objects.filter(
            organisation=organisation, role__in=(Role.SOCIAL_STAFF, Role.SOCIAL_HEAD)
        )
        .values_list("user_id", "user__username", "user__email")
        .distinct()
    )
    for user_id, username, email in rows:
        out[username.lower()] = user_id
        if email:
            out[email.lower()] = user_id
    return out


def check(table: Table, ctx: ImportContext):
    organisation = ctx.organisation
    departments = dict(
        Department.objects.filter(organisation=organisation).values_list("number", "id")
    )
    people = _interviewer_lookup(organisation)
    issues = IssueCollector()
    rows: list[tuple[int, dict]] = []
    first_line: dict[tuple[int, int], int] = {}
    for row in table.rows:
        line, label = row.line, table.labels
        values: dict = {}
        try:
            number = cells.integer(row.values["afdelingsnummer"])
            if number not in departments:
                raise ValidationError(
                    _("The organisation has no department %(number)s.") % {"number": number}
                )
            values["department_id"] = departments[number]
            values["number"] = number
        except ValidationError as error:
            issues.add(line, label["afdelingsnummer"], cells.message_of(error))
        try:
            year = cells.integer(row.values["aar"])
            if not 1990 <= year <= 2100:
                raise ValidationError(_("The year must be from 1990 to 2100."))
            values["year"] = year
        except ValidationError as error:
            issues.add(line, label["aar"], cells.message_of(error))
        try:
            day = cells.date(row.values["dato"])
            if "year" in values and day.year != values["year"]:
                raise ValidationError(_("The date must be in %(year)s.") % {"year": values["year"]})
            values["planned_date"] = day
        except ValidationError as error:
            issues.add(line, label["dato"], cells.message_of(error))
        names = [n.strip() for n in row.values.get("interviewere", "").replace(";", ",").split(",")]
        ids = []
        for name in filter(None, names):
            user_id = people.get(name.lower())
            if user_id is None:
                issues.add(
                    line,
                    label["interviewere"],
                    _("»%(name)s« is not in the organisation's social unit.") % {"name": name},
                )
            elif user_id not in ids:
                ids.append(user_id)
        values["interviewers"] = sorted(ids)
        if "number" in values and "year" in values:
            key = (values["number"], values["year"])
            if key in first_line:
                issues.add(
                    line,
                    label["afdelingsnummer"],
                    _("Department %(number)s and %(year)s are already on line %(line)s.")
                    % {"number": key[0], "year": key[1], "line": first_line[key]},
                )
                continue
            first_line[key] = line
        if not issues:
            rows.append((line, values))
    if not issues:
        _check_existing(rows, organisation, issues)
        try:
            default_guide_version()
        except AnalysisError as error:
            issues.add(0, "", str(error))
    return rows, issues


def _existing(organisation, rows, lock=False) -> dict[tuple[int, int], Analysis]:
    """The organisation's analyses (not cancelled) of the file's departments and years."""
    wanted = {(v["department_id"], v["year"]) for _line, v in rows}
    qs = (
        Analysis.objects.filter(
            organisation=organisation,
            department_id__in={d for d, _y in wanted},
            year__in={y for _d, y in wanted},
        )
        .exclude(status=AnalysisStatus.CANCELLED)
        .select_related("department")
        .prefetch_related("interviewers")
    )
    if lock:
        qs = qs.select_for_update(of=("self",))
    return {(a.department_id, a.year): a for a in qs if (a.department_id, a.year) in wanted}


def _check_existing(rows, organisation, issues: IssueCollector) -> None:
    found = _existing(organisation, rows)
    for line, v in rows:
        a = found.get((v["department_id"], v["year"]))
        if a is not None and (a.status != AnalysisStatus.PLANNED or a.response_id is not None):
            issues.add(
                line,
                "",
                _(
                    "Department %(number)s already has an analysis for %(year)s that is "
                    "under way or held; a file cannot plan it again."
                )
                % {"number": v["number"], "year": v["year"]},
            )


def _ids(analysis: Analysis) -> list[int]:
    return sorted(u.pk for u in analysis.interviewers.all())


@dataclass
class AnalysesPlan:
    """What a checked file would do (core.importkinds.Plan)."""

    organisation_id: int
    create: list[tuple[int, dict]] = field(default_factory=list)
    update: list[tuple[int, Analysis, dict]] = field(default_factory=list)  # name: (old, new)
    unchanged: int = 0
    usernames: dict[int, str] = field(default_factory=dict)

    @property
    def created(self) -> int:
        return len(self.create)

    @property
    def updated(self) -> int:
        return len(self.update)

    @property
    def organisation_ids(self) -> frozenset[int]:
        return frozenset({self.organisation_id})

    @property
    def fingerprint(self) -> str:
        digest = hashlib.sha256()
        for line, v in self.create:
            digest.update(repr((line, sorted((k, str(x)) for k, x in v.items()))).encode())
        digest.update(b"|")
        for line, a, changed in self.update:
            digest.update(
                repr((line, a.pk, sorted((k, str(x)) for k, x in changed.items()))).encode()
            )
        return digest.hexdigest()

    def _shown(self, name: str, value) -> str:
        if name == "interviewers":
            return ", ".join(self.usernames.get(i, str(i)) for i in value)
        return value.strftime("%d-%m-%Y") if value else ""

    def changes(self, limit: int) -> list[Change]:
        out = []
        for line, v in self.create[:limit]:
            fields = tuple(FieldChange(LABELS[k], "", self._shown(k, v[k])) for k in LABELS if v[k])
            out.append(Change(line, _subject(v["number"], v["year"]), CREATE, fields))
        for line, a, changed in self.update[: max(0, limit - len(out))]:
            fields = tuple(
                FieldChange(LABELS[k], self._shown(k, old), self._shown(k, new))
                for k, (old, new) in changed.items()
            )
            out.append(Change(line, _subject(a.department.number, a.year), UPDATE, fields))
        return sorted(out, key=lambda c: c.line)


def _subject(number: int, year: int) -> str:
    return _("Department %(number)s, analysis %(year)s") % {"number": number, "year": year}


def plan(rows, ctx: ImportContext) -> AnalysesPlan:
    organisation = ctx.organisation
    found = _existing(organisation, rows, lock=ctx.lock)
    result = AnalysesPlan(organisation_id=organisation.pk)
    user_ids = {i for _line, v in rows for i in v["interviewers"]}
    result.usernames = dict(
        get_user_model().objects.filter(pk__in=user_ids).values_list("pk", "username")
    )
    for line, v in rows:
        a = found.get((v["department_id"], v["year"]))
        if a is None:
            result.create.append((line, v))
            continue
        changed = {}
        if a.planned_date != v["planned_date"]:
            changed["planned_date"] = (a.planned_date, v["planned_date"])
        if _ids(a) != v["interviewers"]:
            changed["interviewers"] = (_ids(a), v["interviewers"])
        if changed:
            result.update.append((line, a, changed))
        else:
            result.unchanged += 1
    return result


def _plain(name: str, value):
    return value.isoformat() if name == "planned_date" else list(value)


def write(plan_: AnalysesPlan, ctx: ImportContext) -> Written:
    version = default_guide_version()
    created = Analysis.objects.bulk_create(
        [
            Analysis(
                department_id=v["department_id"],
                organisation_id=plan_.organisation_id,
                year=v["year"],
                planned_date=v["planned_date"],
                guide_version=version,
            )
            for _line, v in plan_.create
        ]
    )
    through = Analysis.interviewers.through
    through.objects.bulk_create(
        [
            through(analysis_id=a.pk, user_id=user_id)
            for a, (_line, v) in zip(created, plan_.create, strict=True)
            for user_id in v["interviewers"]
        ]
    )
    for _line, a, changed in plan_.update:
        if "planned_date" in changed:
            a.planned_date = changed["planned_date"][1]
            a.save(update_fields=["planned_date", "updated_at"])
        if "interviewers" in changed:
            a.interviewers.set(changed["interviewers"][1])
    entries = [
        *(
            (a, ChangeAction.CREATE, {k: (None, _plain(k, v[k])) for k in LABELS})
            for a, (_line, v) in zip(created, plan_.create, strict=True)
        ),
        *(
            (a, ChangeAction.UPDATE, {k: (_plain(k, o), _plain(k, n)) for k, (o, n) in ch.items()})
            for _line, a, ch in plan_.update
        ),
    ]
    record_changes(actor=ctx.user, entries=entries, organisation_id=plan_.organisation_id)
    record = {
        "created": [
            [a.pk, {k: _plain(k, v[k]) for k in LABELS}]
            for a, (_line, v) in zip(created, plan_.create, strict=True)
        ],
        "updated": [
            [a.pk, {k: [_plain(k, o), _plain(k, n)] for k, (o, n) in ch.items()}]
            for _line, a, ch in plan_.update
        ],
    }
    result = ImportResult(created=plan_.created, updated=plan_.updated, unchanged=plan_.unchanged)
    return Written(result=result, undo=record)


def _now(a: Analysis, name: str):
    return a.planned_date.isoformat() if name == "planned_date" else _ids(a)


def undo(record: dict, ctx: ImportContext, *, apply: bool) -> UndoOutcome:
    created = dict(record.get("created", []))
    updated = dict(record.get("updated", []))
    qs = Analysis.objects.filter(pk__in=[*created, *updated]).select_related("department")
    qs = qs.prefetch_related("interviewers")
    current = {a.pk: a for a in (qs.select_for_update(of=("self",)) if apply else qs)}
    problems: list[str] = []
    added_to = set(
        FollowUpAction.objects.filter(analysis_id__in=created).values_list("analysis_id", flat=True)
    ) | set(
        Participant.objects.filter(analysis_id__in=created).values_list("analysis_id", flat=True)
    )

    def untouched(a: Analysis, values: dict) -> bool:
        return (
            a.status == AnalysisStatus.PLANNED
            and a.response_id is None
            and a.pk not in added_to
            and all(_now(a, k) == v for k, v in values.items())
        )

    to_delete = []
    for pk, values in created.items():
        a = current.get(pk)
        if a is None:
            continue  # deleted since: nothing to undo
        if not untouched(a, values):
            problems.append(_("%(row)s has been changed or started since the import.") % {"row": a})
            continue
        to_delete.append(a)
    to_restore = []
    for pk, changed in updated.items():
        a = current.get(pk)
        if a is None or not untouched(a, {k: new for k, (_old, new) in changed.items()}):
            problems.append(
                _("%(row)s has been changed or started since the import.")
                % {"row": a or f"id {pk}"}
            )
            continue
        to_restore.append((a, changed))
    if problems:
        return UndoOutcome(problems=problems[:10])
    outcome = UndoOutcome(deleted=len(to_delete), restored=len(to_restore))
    if not apply:
        return outcome
    entries = [(a, ChangeAction.DELETE, {}) for a in to_delete]
    Analysis.objects.filter(pk__in=[a.pk for a in to_delete]).delete()
    for a, changed in to_restore:
        if "planned_date" in changed:
            a.planned_date = date.fromisoformat(changed["planned_date"][0])
            a.save(update_fields=["planned_date", "updated_at"])
        if "interviewers" in changed:
            a.interviewers.set(changed["interviewers"][0])
        entries.append((a, ChangeAction.UNDO, {k: (new, old) for k, (old, new) in changed.items()}))
    record_changes(
        actor=ctx.user,
        entries=entries,
        organisation_id=ctx.organisation.pk if ctx.organisation else None,
    )
    return outcome


def template_rows(ctx: ImportContext):
    """The organisation's planned analyses of this and next year, as stored."""
    if ctx.organisation is None:
        return []
    from django.utils import timezone

    year = timezone.localdate().year
    rows = (
        Analysis.objects.filter(
            organisation=ctx.organisation,
            status=AnalysisStatus.PLANNED,
            year__in=(year, year + 1),
        )
        .select_related("department")
        .prefetch_related("interviewers")
        .order_by("year", "department__number")
    )
    return [
        [
            a.department.number,
            a.year,
            a.planned_date.strftime("%d-%m-%Y"),
            ", ".join(sorted(u.username for u in a.interviewers.all())),
        ]
        for a in rows
    ]


PLANNED_ANALYSES = ImportKind(
    code="planned_analyses",
    slug="planlagte-analyser",
    label=gettext_lazy("Planned vulnerability analyses"),
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
        "One row per analysis: department, year, planned date and the interviewers. A "
        "department without an analysis that year gets a planned one; a planned one gets the "
        "file's date and interviewers; one under way or held is left alone and its row refused."
    ),
    order=60,
)

KINDS = (PLANNED_ANALYSES,)
