"""The plans' report use cases (decision 0033): the narrative of a report of a type, the
board's comments, sending to the partners. Same conventions as `services`."""

from django.db import transaction
from django.utils import timezone

from boligsocial.audit.models import ChangeAction
from boligsocial.audit.services import record_change
from boligsocial.plans.models import BoardComment, Plan, PlanReport, ReportType
from boligsocial.plans.services import PlanError


def report_of(plan: Plan, report_type: ReportType, year: int) -> PlanReport | None:
    return PlanReport.objects.filter(plan=plan, report_type=report_type, year=year).first()


def _check_report_year(plan: Plan, report_type: ReportType, year: int) -> None:
    if year not in report_type.years_of(plan):
        raise PlanError(f"{report_type.name} hører ikke til året {year} i denne plan.")


@transaction.atomic
def save_report(
    *, plan: Plan, by, report_type: ReportType, year: int, narrative: dict[str, str]
) -> PlanReport:
    """The narrative of a report, by its type's sections (unknown sections are refused)."""
    _check_report_year(plan, report_type, year)
    unknown = set(narrative) - set(report_type.sections)
    if unknown:
        raise PlanError("Rapporten har ikke afsnittet »" + sorted(unknown)[0] + "«.")
    report, created = PlanReport.objects.select_for_update().get_or_create(
        plan=plan, report_type=report_type, year=year
    )
    before = dict(report.narrative)
    report.narrative = {k: v for k, v in narrative.items() if v.strip()}
    report.save()
    record_change(
        actor=by,
        obj=report,
        action=ChangeAction.CREATE if created else ChangeAction.UPDATE,
        changes={
            k: (before.get(k, ""), report.narrative.get(k, ""))
            for k in report_type.sections
            if before.get(k, "") != report.narrative.get(k, "")
        },
    )
    return report


@transaction.atomic
def add_board_comment(
    *, plan: Plan, by, report_type: ReportType, year: int, text: str
) -> BoardComment:
    _check_report_year(plan, report_type, year)
    if not text.strip():
        raise PlanError("Skriv en kommentar.")
    report, _created = PlanReport.objects.get_or_create(
        plan=plan, report_type=report_type, year=year
    )
    comment = BoardComment.objects.create(
        report=report,
        author=by,
        author_name=(by.get_full_name() or by.username) if by is not None else "",
        text=text.strip(),
    )
    record_change(actor=by, obj=comment, action=ChangeAction.CREATE)
    return comment


@transaction.atomic
def send_report(*, plan: Plan, by, report_type: ReportType, year: int, url: str) -> PlanReport:
    """Send the report to the plan's partners with an e-mail address, through the configured
    e-mail backend (console in the demo; SMTP or an organisation's own backend in production:
    EMAIL_BACKEND). The mail carries the narrative and a link; the figures stay behind the
    login. Who it went to and when is recorded."""
    from django.conf import settings
    from django.core.mail import send_mail

    _check_report_year(plan, report_type, year)
    recipients = [(p.name, p.email) for p in plan.partners.exclude(email="").order_by("name")]
    if not recipients:
        raise PlanError(
            "Ingen af planens partnere har en e-mailadresse. Tilføj adresserne under Aftale."
        )
    report, _created = PlanReport.objects.select_for_update().get_or_create(
        plan=plan, report_type=report_type, year=year
    )
    subject = f"{report_type.name} {year}: {plan.name}"
    body = "\n\n".join(
        [subject]
        + [
            f"{title}\n{report.narrative[title]}"
            for title in report_type.sections
            if title in report.narrative
        ]
        + [f"Rapporten med mål, aktiviteter og budget: {url}"]
    )
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email for _n, email in recipients])
    report.sent_at = timezone.now()
    report.sent_to = [f"{name} <{email}>" for name, email in recipients]
    report.save(update_fields=["sent_at", "sent_to"])
    record_change(
        actor=by,
        obj=report,
        action=ChangeAction.OTHER,
        changes={"sent_to": (None, len(recipients))},
    )
    return report
