"""The styringsdialog's reads: a report's context (its snapshot once finalised, else built
live), whether its agenda is closed, and the agreements to follow up."""

from datetime import date, timedelta

from boligsocial.reports import builder
from boligsocial.reports.models import Agreement, AgreementStatus, Report, ReportStatus

REMINDER_DAYS = 30  # an agreement due within this many days is on the follow-up list


def context_of(report: Report, today: date) -> dict:
    if report.is_finalised and report.snapshot:
        return report.snapshot
    return builder.build(report, today)


def agenda_closed(report: Report) -> bool:
    """Is the agenda this report's points go on finalised (its own, or its organisation's)?"""
    if report.is_finalised:
        return True
    if report.department_id is None:
        return False
    return Report.objects.filter(
        organisation_id=report.organisation_id,
        department__isnull=True,
        year=report.year,
        status=ReportStatus.FINALISED,
    ).exists()


def agreements_to_follow_up(reports, today: date):
    """Open agreements of the given reports that are late or due within REMINDER_DAYS."""
    return (
        Agreement.objects.filter(
            report__in=reports,
            status__in=(AgreementStatus.OPEN, AgreementStatus.IN_PROGRESS),
            due_date__lte=today + timedelta(days=REMINDER_DAYS),
        )
        .select_related("report__organisation", "report__department")
        .order_by("due_date", "pk")
    )
