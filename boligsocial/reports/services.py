"""The styringsdialog's write use cases: one function each, keyword-only, in a transaction,
writing the change log. A finalised report is frozen: its snapshot is never rebuilt, its texts
and key figures are not changed and no more points are added to its agenda (nor to the
department reports of its year, whose points are on its agenda); the meeting (minutes,
agreements) goes on after it is finalised."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from boligsocial.audit.models import ChangeAction
from boligsocial.audit.services import record_change
from boligsocial.reports import builder
from boligsocial.reports.models import (
    AgendaPoint,
    Agreement,
    AgreementStatus,
    KeyFigure,
    Narrative,
    Report,
    ReportStatus,
)
from boligsocial.reports.selectors import agenda_closed


class ReportError(Exception):
    """A refused change; `message` is Danish and tells the user what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _locked(pk: int) -> Report:
    return (
        Report.objects.select_for_update(of=("self",))
        .select_related("organisation", "department")
        .get(pk=pk)
    )


def _require_draft(report: Report) -> None:
    if report.is_finalised:
        raise ReportError(_("The report is finalised and can no longer be changed."))


@transaction.atomic
def create_report(*, by, organisation, year: int, department=None) -> Report:
    if department is not None and department.organisation_id != organisation.pk:
        raise ReportError(_("The department does not belong to the organisation."))
    if Report.objects.filter(organisation=organisation, department=department, year=year).exists():
        raise ReportError(_("There is already a report for %(year)s.") % {"year": year})
    report = Report.objects.create(organisation=organisation, department=department, year=year)
    record_change(actor=by, obj=report, action=ChangeAction.CREATE, organisation_id=organisation.pk)
    return report


@transaction.atomic
def set_narrative(*, report: Report, by, section: str, text: str, internal: bool) -> None:
    report = _locked(report.pk)
    _require_draft(report)
    text = text.strip()
    existing = Narrative.objects.filter(report=report, section=section).first()
    old = (existing.text, existing.internal) if existing else ("", False)
    if old == (text, internal):
        return
    if not text:
        if existing:
            existing.delete()
    elif existing:
        existing.text, existing.internal = text, internal
        existing.save()
    else:
        Narrative.objects.create(report=report, section=section, text=text, internal=internal)
    record_change(
        actor=by,
        obj=report,
        action=ChangeAction.UPDATE,
        changes={f"text:{section}": (old[0], text), f"internal:{section}": (old[1], internal)},
        organisation_id=report.organisation_id,
    )


@transaction.atomic
def add_key_figure(*, report: Report, by, section, label, value, unit, year, source) -> KeyFigure:
    report = _locked(report.pk)
    _require_draft(report)
    if not source.strip():
        raise ReportError(_("A key figure needs its source."))
    figure = KeyFigure.objects.create(
        report=report,
        section=section,
        label=label,
        value=value,
        unit=unit,
        year=year,
        source=source.strip(),
    )
    record_change(
        actor=by,
        obj=figure,
        action=ChangeAction.CREATE,
        changes={"label": (None, label), "value": (None, str(value)), "source": (None, source)},
        organisation_id=report.organisation_id,
    )
    return figure


@transaction.atomic
def add_agenda_point(*, report: Report, by, title: str, text: str, internal: bool, department):
    report = _locked(report.pk)
    if agenda_closed(report):
        raise ReportError(
            _("The organisation has finalised the agenda for %(year)s: no more points.")
            % {"year": report.year}
        )
    if not title.strip():
        raise ReportError(_("Write the point."))
    point = AgendaPoint.objects.create(
        report=report,
        department=department or report.department,
        title=title.strip(),
        text=text.strip(),
        internal=internal,
        added_by=by,
    )
    record_change(
        actor=by,
        obj=point,
        action=ChangeAction.CREATE,
        changes={"title": (None, point.title), "internal": (None, internal)},
        organisation_id=report.organisation_id,
    )
    return point


@transaction.atomic
def finalise(*, report: Report, by, today: date | None = None) -> Report:
    """Freeze the report: its context is built once more and kept as the snapshot."""
    report = _locked(report.pk)
    _require_draft(report)
    report.snapshot = builder.build(report, today or timezone.localdate())
    report.status = ReportStatus.FINALISED
    report.finalised_at = timezone.now()
    report.finalised_by = by
    report.save(update_fields=["snapshot", "status", "finalised_at", "finalised_by"])
    record_change(
        actor=by,
        obj=report,
        action=ChangeAction.TRANSITION,
        changes={"status": (ReportStatus.DRAFT, ReportStatus.FINALISED)},
        organisation_id=report.organisation_id,
    )
    return report


@transaction.atomic
def save_minutes(*, report: Report, by, meeting_date, minutes: str) -> Report:
    report = _locked(report.pk)
    old = (report.meeting_date, report.minutes)
    report.meeting_date, report.minutes = meeting_date, minutes.strip()
    if old == (report.meeting_date, report.minutes):
        return report
    report.save(update_fields=["meeting_date", "minutes"])
    record_change(
        actor=by,
        obj=report,
        action=ChangeAction.UPDATE,
        changes={
            "meeting_date": (
                old[0] and old[0].isoformat(),
                meeting_date and meeting_date.isoformat(),
            ),
            "minutes": (old[1], report.minutes),
        },
        organisation_id=report.organisation_id,
    )
    return report


@transaction.atomic
def add_agreement(*, report: Report, by, what: str, who: str, due_date) -> Agreement:
    report = _locked(report.pk)
    if not what.strip() or not who.strip():
        raise ReportError(_("Write the agreement and who is responsible."))
    agreement = Agreement.objects.create(
        report=report, what=what.strip(), who=who.strip(), due_date=due_date
    )
    record_change(
        actor=by,
        obj=agreement,
        action=ChangeAction.CREATE,
        changes={"what": (None, agreement.what), "who": (None, agreement.who)},
        organisation_id=report.organisation_id,
    )
    return agreement


@transaction.atomic
def update_agreement(*, agreement: Agreement, by, status: str, note: str) -> Agreement:
    agreement = (
        Agreement.objects.select_for_update(of=("self",))
        .select_related("report")
        .get(pk=agreement.pk)
    )
    if status not in AgreementStatus.values:
        raise ReportError(_("Choose a status."))
    old = (agreement.status, agreement.status_note)
    agreement.status, agreement.status_note = status, note.strip()
    if old == (agreement.status, agreement.status_note):
        return agreement
    agreement.save(update_fields=["status", "status_note", "updated_at"])
    record_change(
        actor=by,
        obj=agreement,
        action=ChangeAction.UPDATE,
        changes={"status": (old[0], status), "status_note": (old[1], agreement.status_note)},
        organisation_id=agreement.report.organisation_id,
    )
    return agreement
