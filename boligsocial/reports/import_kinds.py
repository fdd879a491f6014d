"""The styringsdialog's import kind (the imports app finds it, decision 0018): the key figures the
system does not compute (accounts, letting, maintenance, efficiency scores, ...) from an XLSX or
CSV file, for one housing organisation, each with its year and source (decision 0035: never a
made-up number).

One row per key figure: the report's year, the department number (empty: the organisation's
report), the section (its key, e.g. ``economy``, or its Danish title), the key figure's name,
value, unit, the figure's own year and its source. The report must exist and be a draft. A key
figure is identified by (report, section, name): one already there is updated from the file, a
new one is added, and key figures not in the file are kept. A file with any bad row changes
nothing (each bad row gets a Danish message naming its line and column). Undo deletes the
figures the import added and restores those it changed, unless they were changed since or the
report has been finalised."""

import hashlib
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
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
from boligsocial.core.importreport import ImportIssue, ImportResult, IssueCollector
from boligsocial.core.tables import Table
from boligsocial.organisations.models import Organisation
from boligsocial.reports import access
from boligsocial.reports.models import KeyFigure, Report, ReportStatus
from boligsocial.reports.sections import modules

FIELDS = ("value", "unit", "year", "source")

COLUMNS = (
    Column("aar", gettext_lazy("The styringsdialog's year (the report's year)."), 2025),
    Column(
        "afdelingsnummer",
        gettext_lazy(
            "The department's number for a department's report; empty: the organisation's."
        ),
        "",
        required=False,
    ),
    Column(
        "afsnit",
        gettext_lazy("The report's section: its key (e.g. economy) or its title."),
        "economy",
    ),
    Column("noegletal", gettext_lazy("The key figure's name."), "Henlæggelser pr. m²"),
    Column("vaerdi", gettext_lazy("The value, a number (e.g. 1.283 or 72,5)."), "152,5"),
    Column("enhed", gettext_lazy("The unit (optional), e.g. kr./m² or %."), "kr./m²", False),
    Column("tal_aar", gettext_lazy("The year the figure is for."), 2024),
    Column(
        "kilde",
        gettext_lazy(
            "Where the figure comes from, e.g. the accounts 2024 or almeneffektivitet.dk."
        ),
        "Regnskab 2024",
    ),
)


def _sections() -> dict[str, str]:
    """Section key and lower-cased Danish title -> key."""
    from django.utils import translation

    found = {}
    with translation.override("da"):
        for m in modules():
            found[m.KEY] = m.KEY
            found[str(m.TITLE).lower()] = m.KEY
    return found


def _reports(organisation) -> dict[tuple[int, int | None], Report]:
    return {
        (r.year, r.department.number if r.department_id else None): r
        for r in Report.objects.filter(organisation=organisation).select_related("department")
    }


def check(table: Table, ctx: ImportContext):
    issues = IssueCollector()
    sections = _sections()
    reports = _reports(ctx.organisation)
    label = table.labels
    seen: dict[tuple, int] = {}
    rows = []
    for row in table.rows:
        errors: list[tuple[str, str]] = []

        def parse(column, fn, row=row, errors=errors):
            try:
                return fn(row.values[column])
            except ValidationError as error:
                errors.append((column, cells.message_of(error)))
                return None

        year = parse("aar", cells.integer)
        number = parse("afdelingsnummer", lambda t: cells.integer(t) if t else None)
        section_text = row.values["afsnit"].strip()
        section = sections.get(section_text) or sections.get(section_text.lower())
        if section is None:
            errors.append(
                (
                    "afsnit",
                    _("Unknown section “%(value)s” (expected one of: %(keys)s).")
                    % {"value": section_text, "keys": ", ".join(m.KEY for m in modules())},
                )
            )
        name = parse(
            "noegletal", lambda t: cells.field_value(KeyFigure, "label", cells.required(t))
        )
        value = parse(
            "vaerdi", lambda t: cells.field_value(KeyFigure, "value", cells.decimal(t, 2))
        )
        unit = parse("enhed", lambda t: cells.field_value(KeyFigure, "unit", t))
        figure_year = parse("tal_aar", cells.integer)
        if figure_year is not None and not 2000 <= figure_year <= 2100:
            errors.append(("tal_aar", _("The year must be from 2000 to 2100.")))
        source = parse("kilde", lambda t: cells.field_value(KeyFigure, "source", cells.required(t)))
        for column, message in errors:
            issues.add(row.line, label[column], message)
        if errors:
            continue
        report = reports.get((year, number))
        if report is None:
            message = (
                _("There is no styringsdialog report for %(year)s for department %(number)s.")
                if number is not None
                else _("There is no styringsdialog report for %(year)s for the organisation.")
            )
            issues.add(row.line, label["aar"], message % {"year": year, "number": number})
            continue
        if report.status == ReportStatus.FINALISED:
            issues.add(
                row.line,
                label["aar"],
                _("The report %(report)s is finalised and can no longer be changed.")
                % {"report": report},
            )
            continue
        key = (report.pk, section, name)
        if key in seen:
            issues.add(
                row.line,
                label["noegletal"],
                _("The key figure “%(name)s” of this section is already on line %(line)s.")
                % {"name": name, "line": seen[key]},
            )
            continue
        seen[key] = row.line
        rows.append(
            (
                row.line,
                report.pk,
                section,
                name,
                {"value": value, "unit": unit, "year": figure_year, "source": source},
            )
        )
    return (dict(label), rows), issues


@dataclass
class KeyFigurePlan:
    labels: dict
    organisation_id: int
    create: list = field(default_factory=list)  # (line, report id, section, name, values)
    update: list = field(default_factory=list)  # (line, KeyFigure, {field: (old, new)})
    unchanged: int = 0
    names: dict = field(default_factory=dict)  # report id -> str(report)

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
        for line, report_id, section, name, values in self.create:
            digest.update(repr((line, report_id, section, name, _plain(values))).encode())
        digest.update(b"|")
        for line, figure, changed in self.update:
            digest.update(repr((line, figure.pk, sorted(_pairs(changed)))).encode())
        return digest.hexdigest()

    def changes(self, limit: int) -> list[Change]:
        column = {"value": "vaerdi", "unit": "enhed", "year": "tal_aar", "source": "kilde"}
        out = []
        for line, report_id, section, name, values in self.create[:limit]:
            fields = tuple(
                FieldChange(self.labels[column[k]], "", _shown(v)) for k, v in values.items()
            )
            out.append(Change(line, _subject(self.names[report_id], section, name), CREATE, fields))
        for line, figure, changed in self.update[: max(0, limit - len(out))]:
            fields = tuple(
                FieldChange(self.labels[column[k]], _shown(old), _shown(new))
                for k, (old, new) in changed.items()
            )
            out.append(
                Change(
                    line,
                    _subject(self.names[figure.report_id], figure.section, figure.label),
                    UPDATE,
                    fields,
                )
            )
        return sorted(out, key=lambda c: c.line)


def _shown(value) -> str:
    from boligsocial.organisations.imports.upsert import shown

    return shown(value)


def _plain(values: dict) -> list:
    return sorted((k, str(v)) for k, v in values.items())


def _pairs(changed: dict) -> list:
    return [(k, str(old), str(new)) for k, (old, new) in changed.items()]


def _subject(report: str, section: str, name: str) -> str:
    return _("%(report)s, %(section)s: %(name)s") % {
        "report": report,
        "section": section,
        "name": name,
    }


def plan(checked, ctx: ImportContext) -> KeyFigurePlan:
    labels, rows = checked
    report_ids = sorted({r[1] for r in rows})
    reports = Report.objects.filter(pk__in=report_ids)
    if ctx.lock:
        reports = reports.select_for_update(of=("self",))
    names = {r.pk: str(r) for r in reports}
    qs = KeyFigure.objects.filter(report_id__in=report_ids)
    if ctx.lock:
        qs = qs.select_for_update(of=("self",))
    existing = {(f.report_id, f.section, f.label): f for f in qs.order_by("pk")}
    result = KeyFigurePlan(labels, ctx.organisation.pk, names=names)
    for line, report_id, section, name, values in rows:
        figure = existing.get((report_id, section, name))
        if figure is None:
            result.create.append((line, report_id, section, name, values))
            continue
        changed = {k: (getattr(figure, k), v) for k, v in values.items() if getattr(figure, k) != v}
        if changed:
            result.update.append((line, figure, changed))
        else:
            result.unchanged += 1
    return result


def write(plan: KeyFigurePlan, ctx: ImportContext) -> Written:
    if Report.objects.filter(pk__in=list(plan.names), status=ReportStatus.FINALISED).exists():
        message = _("A report was finalised meanwhile. Nothing was imported.")
        return Written(result=ImportResult(issues=[ImportIssue(0, "", message)], issue_count=1))
    created = KeyFigure.objects.bulk_create(
        [
            KeyFigure(report_id=report_id, section=section, label=name, **values)
            for _line, report_id, section, name, values in plan.create
        ]
    )
    for _line, figure, changed in plan.update:
        for k, (_old, new) in changed.items():
            setattr(figure, k, new)
    if plan.update:
        KeyFigure.objects.bulk_update([f for _l, f, _c in plan.update], list(FIELDS))
    record_changes(
        actor=ctx.user,
        organisation_id=plan.organisation_id,
        entries=[
            *(
                (
                    figure,
                    ChangeAction.CREATE,
                    {
                        "label": (None, figure.label),
                        **{k: (None, str(v)) for k, v in values.items()},
                    },
                )
                for figure, (_l, _r, _s, _n, values) in zip(created, plan.create, strict=True)
            ),
            *(
                (
                    figure,
                    ChangeAction.UPDATE,
                    {k: (str(o), str(n)) for k, (o, n) in changed.items()},
                )
                for _l, figure, changed in plan.update
            ),
        ],
    )
    record = {
        "created": [
            [f.pk, _plain(values)]
            for f, (_l, _r, _s, _n, values) in zip(created, plan.create, strict=True)
        ],
        "updated": [[f.pk, _pairs(changed)] for _l, f, changed in plan.update],
    }
    result = ImportResult(created=plan.created, updated=plan.updated, unchanged=plan.unchanged)
    return Written(result=result, undo=record)


def undo(record: dict, ctx: ImportContext, *, apply: bool) -> UndoOutcome:
    created = {pk: dict(values) for pk, values in record.get("created", [])}
    updated = dict(record.get("updated", []))
    qs = KeyFigure.objects.filter(pk__in=[*created, *updated]).select_related("report")
    if apply:
        qs = qs.select_for_update(of=("self",))
    current = {f.pk: f for f in qs}
    problems = []

    def now(figure) -> dict:
        return {k: str(getattr(figure, k)) for k in FIELDS}

    for pk, values in created.items():
        figure = current.get(pk)
        if figure is None:
            continue  # deleted since: nothing to undo
        if figure.report.status == ReportStatus.FINALISED:
            problems.append(_("The report %(report)s is finalised.") % {"report": figure.report})
        elif now(figure) != values:
            problems.append(_("“%(name)s” was changed since the import.") % {"name": figure.label})
    for pk, pairs in updated.items():
        figure = current.get(pk)
        if figure is None:
            problems.append(_("A key figure the import changed was deleted since."))
            continue
        if figure.report.status == ReportStatus.FINALISED:
            problems.append(_("The report %(report)s is finalised.") % {"report": figure.report})
        elif any(str(getattr(figure, k)) != new for k, _old, new in pairs):
            problems.append(_("“%(name)s” was changed since the import.") % {"name": figure.label})
    outcome = UndoOutcome(problems=sorted(set(problems))[:10])
    if not outcome.ok or not apply:
        return outcome
    with transaction.atomic():
        doomed = [current[pk] for pk in created if pk in current]
        entries = [(f, ChangeAction.DELETE, {"label": (f.label, None)}) for f in doomed]
        KeyFigure.objects.filter(pk__in=[f.pk for f in doomed]).delete()
        restored = []
        for pk, pairs in updated.items():
            figure = current[pk]
            for k, old, _new in pairs:
                setattr(figure, k, KeyFigure._meta.get_field(k).to_python(old))
            restored.append(figure)
            entries.append((figure, ChangeAction.UPDATE, {k: (new, old) for k, old, new in pairs}))
        if restored:
            KeyFigure.objects.bulk_update(restored, list(FIELDS))
        record_changes(actor=ctx.user, organisation_id=ctx.organisation.pk, entries=entries)
    outcome.deleted, outcome.restored = len(doomed), len(restored)
    return outcome


def may_import(user) -> bool:
    return access.may_create(user)


def organisations(user):
    ids = access.builder_org_ids(user)
    if access.scope(user).is_admin:
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=ids)


def template_rows(ctx: ImportContext):
    """The key figures of the organisation's draft reports, as they are stored."""
    if ctx.organisation is None:
        return []
    return [
        [
            f.report.year,
            f.report.department.number if f.report.department_id else "",
            f.section,
            f.label,
            f.value,
            f.unit,
            f.year,
            f.source,
        ]
        for f in KeyFigure.objects.filter(
            report__organisation=ctx.organisation, report__status=ReportStatus.DRAFT
        )
        .select_related("report__department")
        .order_by("report__year", "report__department__number", "section", "pk")
    ]


KIND = ImportKind(
    code="report_key_figures",
    slug="noegletal",
    label=gettext_lazy("Key figures for the styringsdialog"),
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
        "One row per key figure the system does not compute (accounts, letting, maintenance, "
        "efficiency), each with its year and source, for a draft report of the organisation. "
        "A key figure already in the report's section is updated from the file; others are kept."
    ),
    done_note=gettext_lazy("The key figures are in the draft reports."),
    order=80,
)

KINDS = (KIND,)
