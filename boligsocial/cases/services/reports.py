"""Statistics (counts only: safe for counts-only users), the screening indicator, the person
data export (right of access), retention (anonymisation) and reminder e-mails."""

import statistics as pystats
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings as django_settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from boligsocial.audit.models import ChangeAction
from boligsocial.audit.services import record_change
from boligsocial.cases import workdays
from boligsocial.cases.models import (
    OPEN_STATUSES,
    Attachment,
    Case,
    CaseKind,
    CaseSettings,
    CaseShare,
    CrisisTask,
    Deadline,
    Event,
    IntakeSubmission,
    LegalProceeding,
    Letter,
    Party,
    PresenceDay,
    Status,
    refresh_search_text,
)
from boligsocial.cases.services._common import local_date, now
from boligsocial.core.formatting import format_long_date
from boligsocial.organisations.models import Department

# --- statistics ------------------------------------------------------------------------------


def year_bounds(year: int) -> tuple[datetime, datetime]:
    start = datetime.combine(date(year, 1, 1), time.min, tzinfo=workdays.COPENHAGEN)
    end = datetime.combine(date(year + 1, 1, 1), time.min, tzinfo=workdays.COPENHAGEN)
    return start, end


def _round(x, digits=1):
    return None if x is None else round(x, digits)


def first_contact_figures(rows, today: date) -> dict:
    """rows: (received_at, first_contact_at, first_contact_due). Median working days and hours
    to first contact (contacted cases), and the share contacted within the deadline among the
    cases whose outcome is known (contacted, or not contacted and the deadline has passed)."""
    days, hours, decided, within = [], [], 0, 0
    for received, contacted, due in rows:
        if contacted is not None:
            days.append(workdays.working_days_between(received, contacted))
            hours.append((contacted - received).total_seconds() / 3600)
            decided += 1
            within += local_date(contacted) <= due
        elif due < today:
            decided += 1
    return {
        "contacted": len(days),
        "median_working_days_to_first_contact": _round(pystats.median(days)) if days else None,
        "median_hours_to_first_contact": _round(pystats.median(hours)) if hours else None,
        "first_contact_decided": decided,
        "first_contact_within_deadline": within,
        "share_within_deadline": _round(within / decided, 3) if decided else None,
    }


def statistics(qs: QuerySet[Case], year: int | None = None, *, today: date | None = None) -> dict:
    """Counts for the cases in `qs` (received in `year` if given): total, open, per department,
    track, category, kind, status and outcome; first-contact figures; repeat addresses (the
    number of addresses/leases with two or more cases — never which). No personal data."""
    today = today or local_date(now())
    if year is not None:
        start, end = year_bounds(year)
        qs = qs.filter(received_at__gte=start, received_at__lt=end)
    qs = qs.order_by()

    def by(field_name):
        return {
            row[field_name]: row["n"]
            for row in qs.values(field_name).annotate(n=Count("id")).order_by(field_name)
        }

    per_department = list(
        qs.values(
            "department_id", "department__number", "department__name", "department__organisation_id"
        )
        .annotate(n=Count("id"), open=Count("id", filter=Q(status__in=OPEN_STATUSES)))
        .order_by("department__number", "department_id")
    )
    repeat_keys = (
        qs.exclude(address_key="")
        .values("address_key")
        .annotate(n=Count("id"))
        .filter(n__gte=2)
        .count()
    )
    repeat_leases = (
        qs.exclude(lease=None).values("lease_id").annotate(n=Count("id")).filter(n__gte=2).count()
    )
    totals = qs.aggregate(
        total=Count("id"),
        open=Count("id", filter=Q(status__in=OPEN_STATUSES)),
        overdue=Count("id", filter=Q(status__in=OPEN_STATUSES, next_due__lt=today)),
    )
    return {
        "year": year,
        **totals,
        "by_department": [
            {
                "department_id": r["department_id"],
                "organisation_id": r["department__organisation_id"],
                "number": r["department__number"],
                "name": r["department__name"],
                "count": r["n"],
                "open": r["open"],
            }
            for r in per_department
        ],
        "by_track": by("track"),
        "by_category": by("category"),
        "by_kind": by("kind"),
        "by_status": by("status"),
        "by_outcome": {k: v for k, v in by("outcome").items() if k},
        "repeat_addresses": repeat_keys,
        "repeat_leases": repeat_leases,
        **first_contact_figures(
            qs.values_list("received_at", "first_contact_at", "first_contact_due").iterator(),
            today,
        ),
    }


def house_rule_cases_per_100(year: int, departments=None) -> dict[int, Decimal]:
    """House-rule cases received in `year` per 100 leases, per department, to one decimal.

    Only departments of organisations that use the case module (at least one case ever) are
    included: for the others the figure is unknown, not 0. Departments with no leases are left
    out. `departments` (a queryset) narrows the result."""
    start, end = year_bounds(year)
    using = Case.objects.values("organisation_id").distinct()
    depts = Department.objects.filter(organisation_id__in=using, lease_count__gt=0)
    if departments is not None:
        depts = depts.filter(pk__in=departments.values("pk"))
    counts = dict(
        Case.objects.filter(kind=CaseKind.HOUSE_RULES, received_at__gte=start, received_at__lt=end)
        .order_by()
        .values("department_id")
        .annotate(n=Count("id"))
        .values_list("department_id", "n")
    )
    return {
        d_id: (Decimal(counts.get(d_id, 0) * 100) / Decimal(leases)).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )
        for d_id, leases in depts.values_list("id", "lease_count")
    }


# --- person data export (right of access) ----------------------------------------------------


def _digits(phone: str) -> str:
    d = "".join(ch for ch in phone if ch.isdigit())
    if len(d) == 10 and d.startswith("45"):
        d = d[2:]
    if len(d) == 12 and d.startswith("0045"):
        d = d[4:]
    return d


@dataclass
class PersonExport:
    query: dict
    parties: list = field(default_factory=list)  # the matching Party rows
    cases: list = field(default_factory=list)  # the cases they appear in (prefetched)

    @property
    def case_ids(self) -> list[int]:
        return [c.pk for c in self.cases]


def person_export(qs: QuerySet[Case], *, name: str = "", email: str = "", phone: str = ""):
    """Everything about one person across the cases in `qs` (pass `access.visible_cases(user)`):
    the party rows matching the name (whole name, case-insensitive), e-mail or phone (digits
    compared), and each of those cases with its parties, events, letters, attachments (names),
    deadlines, shares. The caller logs one access-log read per case (`export.case_ids`)."""
    name = " ".join(name.split())
    email, digits = email.strip(), _digits(phone)
    if not (name or email or digits):
        return PersonExport(query={})
    parties = Party.objects.filter(case__in=qs.order_by().values("pk"))
    q = Q()
    if name:
        q |= Q(name__iexact=name)
    if email:
        q |= Q(email__iexact=email)
    matched = list(parties.filter(q)) if q else []
    if digits:
        seen = {p.pk for p in matched}
        for p in parties.exclude(phone="").only("id", "phone"):
            if p.pk not in seen and _digits(p.phone) == digits:
                matched.append(p)
        matched = list(Party.objects.filter(pk__in=[p.pk for p in matched]))
    matched.sort(key=lambda p: (p.case_id, p.pk))
    cases = list(
        Case.objects.filter(pk__in={p.case_id for p in matched})
        .select_related("department", "organisation", "lease", "assignee")
        .prefetch_related(
            "parties", "events", "letters", "attachments", "deadlines", "shares__user"
        )
        .order_by("received_at", "id")
    )
    return PersonExport(
        query={"name": name, "email": email, "phone": phone.strip()},
        parties=matched,
        cases=cases,
    )


# --- retention -------------------------------------------------------------------------------


def _years_before(moment: datetime, years: int) -> datetime:
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year - years, day=28)


def due_for_anonymisation(at: datetime | None = None) -> QuerySet[Case]:
    """Closed, not yet anonymised cases closed longer ago than their organisation's retention
    period (default 3 years)."""
    at = at or now()
    custom = dict(
        CaseSettings.objects.exclude(retention_years_after_closing=3).values_list(
            "organisation_id", "retention_years_after_closing"
        )
    )
    q = Q(closed_at__lte=_years_before(at, 3)) & ~Q(organisation_id__in=list(custom))
    for org_id, years in custom.items():
        q |= Q(organisation_id=org_id, closed_at__lte=_years_before(at, years))
    return (
        Case.objects.filter(status=Status.CLOSED, anonymised_at__isnull=True)
        .filter(q)
        .order_by("closed_at", "id")
    )


#: Rate-limit bookkeeping of the public form is kept this long.
INTAKE_BOOKKEEPING = timedelta(days=30)


def anonymise_due(at: datetime | None = None, *, dry_run: bool = True) -> list[dict]:
    """Anonymise the cases `due_for_anonymisation` (docs/decisions/0006-case-retention.md).

    Removed: parties, description, address and lease, mediator name, event texts, letters,
    attachments (files deleted), deadline, crisis and board/court notes, share explanations.
    Kept for statistics: organisation, department, type, track, category, priority, status, outcome,
    legal step, dates, deadlines, event kinds/times/minutes, presence hours.
    Returns [{"id", "reference", "organisation_id", "closed_at", "attachments"}] of the cases
    (that would be) anonymised; with `dry_run` nothing changes."""
    at = at or now()
    due = list(
        due_for_anonymisation(at)
        .annotate(n_attachments=Count("attachments"))
        .values("id", "reference", "organisation_id", "closed_at", "n_attachments")
    )
    result = [
        {
            "id": r["id"],
            "reference": r["reference"],
            "organisation_id": r["organisation_id"],
            "closed_at": r["closed_at"],
            "attachments": r["n_attachments"],
        }
        for r in due
    ]
    if dry_run:
        return result
    ids = [r["id"] for r in result]
    for chunk_start in range(0, len(ids), 500):
        _anonymise(ids[chunk_start : chunk_start + 500], at)
    IntakeSubmission.objects.filter(created_at__lt=at - INTAKE_BOOKKEEPING).delete()
    return result


def _anonymise(ids: list[int], at: datetime) -> None:
    files = []
    with transaction.atomic():
        for att in Attachment.objects.filter(case_id__in=ids):
            files.append((att.file.storage, att.file.name))
        Attachment.objects.filter(case_id__in=ids).delete()
        Party.objects.filter(case_id__in=ids).delete()
        Letter.objects.filter(case_id__in=ids).delete()
        Event.objects.filter(case_id__in=ids).update(text="")
        Deadline.objects.filter(case_id__in=ids).update(note="")
        CrisisTask.objects.filter(case_id__in=ids).update(note="")
        PresenceDay.objects.filter(case_id__in=ids).update(note="")
        LegalProceeding.objects.filter(case_id__in=ids).update(note="")
        CaseShare.objects.filter(case_id__in=ids).update(explanation="")
        CaseShare.objects.filter(case_id__in=ids, revoked_at=None).update(revoked_at=at)
        from django.db.models import F

        Case.objects.filter(pk__in=ids).update(
            description="",
            address="",
            address_key="",
            lease=None,
            mediator="",
            anonymised_at=at,
            version=F("version") + 1,
            updated_at=at,
        )
        refresh_search_text(ids)  # the reference only: no address, no parties
        for case in Case.objects.filter(pk__in=ids).only("id", "reference", "organisation_id"):
            record_change(actor=None, obj=case, action=ChangeAction.ANONYMISE)
    for storage, name in files:  # after commit: a failed transaction keeps its files
        storage.delete(name)


# --- reminders -------------------------------------------------------------------------------


def _reminder_orgs_off() -> list[int]:
    return list(
        CaseSettings.objects.filter(reminders_enabled=False).values_list(
            "organisation_id", flat=True
        )
    )


def send_reminders(today: date | None = None, *, soon_working_days: int = 1) -> int:
    """One Danish e-mail per assignee listing their overdue and due-soon cases (reference,
    department and due date only — no case content). Returns the number of e-mails sent."""
    today = today or local_date(now())
    until = workdays.add_working_days(today, soon_working_days)
    rows = (
        Case.objects.filter(
            status__in=OPEN_STATUSES,
            next_due__lte=until,
            assignee__isnull=False,
            assignee__is_active=True,
            anonymised_at__isnull=True,
        )
        .exclude(assignee__email="")
        .exclude(organisation_id__in=_reminder_orgs_off())
        .select_related("assignee", "department")
        .order_by("assignee_id", "next_due", "reference")
    )
    per_user: dict[int, list[Case]] = defaultdict(list)
    users = {}
    for case in rows:
        per_user[case.assignee_id].append(case)
        users[case.assignee_id] = case.assignee
    sent = 0
    for user_id, cases in per_user.items():
        with translation.override("da"):
            subject, body = _reminder_text(cases, today)
        sent += send_mail(
            subject,
            body,
            django_settings.DEFAULT_FROM_EMAIL,
            [users[user_id].email],
        )
    return sent


def _reminder_text(cases: list[Case], today: date) -> tuple[str, str]:
    overdue = [c for c in cases if c.next_due < today]
    soon = [c for c in cases if c.next_due >= today]
    parts = []
    if overdue:
        parts.append(
            ngettext("%(n)d overdue case", "%(n)d overdue cases", len(overdue))
            % {"n": len(overdue)}
        )
    if soon:
        parts.append(
            ngettext("%(n)d case due soon", "%(n)d cases due soon", len(soon)) % {"n": len(soon)}
        )
    subject = _("Case deadlines: %(summary)s") % {"summary": _(" and ").join(parts)}

    def lines(items):
        return [
            f"- {c.reference}, {c.department.number} {c.department.name}, "
            + _("due %(date)s") % {"date": format_long_date(c.next_due)}
            for c in items
        ]

    body = [_("Hello"), ""]
    if overdue:
        body += [_("Overdue:"), *lines(overdue), ""]
    if soon:
        body += [_("Due soon:"), *lines(soon), ""]
    body += [
        _(
            "Open the cases in Boligsocial to see them. This e-mail deliberately contains no "
            "case details."
        ),
        "",
        _("You receive this e-mail because you are the case worker. It is sent once a day."),
    ]
    return subject, "\n".join(body)
