"""The social unit as a team: the head reassigns cases in bulk, and the team hears at once when a
resident or a caretaker reports (decision 0029)."""

from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from boligsocial.cases.models import Case, Source
from boligsocial.cases.services._common import bump
from boligsocial.organisations.roles import Role

#: Who hears of a new report: the organisation's social unit.
NOTIFIED_ROLES = (Role.SOCIAL_STAFF, Role.SOCIAL_HEAD)
#: The sources that notify the team (a case the staff open themselves does not).
NOTIFYING_SOURCES = (Source.INTAKE, Source.CARETAKER)


def _is_case_worker(user, organisation_id: int) -> bool:
    return (
        user.is_active
        and user.memberships.filter(
            organisation_id=organisation_id, role__in=NOTIFIED_ROLES
        ).exists()
    )


@transaction.atomic
def reassign_cases(*, cases, assignee, actor) -> list[Case]:
    """Give the cases (ids or Case rows the caller has checked access to, one by one) to
    `assignee` (None: unassign). Every case is locked, the new case worker must work in the
    case's organisation, and each change goes to the change log. All or nothing: one refused
    case refuses the whole batch (a Danish ValidationError naming it). Returns the cases that
    changed."""
    ids = [getattr(c, "pk", c) for c in cases]
    if not ids:
        raise ValidationError(_("Choose at least one case."), code="empty")
    locked = list(Case.objects.select_for_update().filter(pk__in=ids).order_by("id"))
    if len(locked) != len(set(ids)):
        raise ValidationError(_("One of the cases no longer exists."), code="missing")
    changed = []
    for case in locked:
        if case.anonymised_at is not None:  # as services.assign refuses
            raise ValidationError(
                _("%(ref)s has been anonymised and can no longer be changed.")
                % {"ref": case.reference},
                code="anonymised",
            )
        if assignee is not None and not _is_case_worker(assignee, case.organisation_id):
            raise ValidationError(
                _("%(name)s does not work on the cases of %(ref)s's housing organisation.")
                % {"name": assignee.get_full_name() or assignee.username, "ref": case.reference},
                code="assignee",
            )
        if case.assignee_id != getattr(assignee, "pk", None):
            bump(case, actor=actor, assignee=assignee)
            changed.append(case)
    return changed


def team_addresses(organisation_id: int) -> list[str]:
    from django.contrib.auth import get_user_model

    return sorted(
        set(
            get_user_model()
            .objects.filter(
                is_active=True,
                memberships__organisation_id=organisation_id,
                memberships__role__in=NOTIFIED_ROLES,
            )
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )


def notify_team(case_id: int) -> int:
    """E-mail the case's social unit that a report came in (reference, department, category and
    source: no names, no description). Returns the number of e-mails sent (0 or 1)."""
    case = Case.objects.select_related("department").filter(pk=case_id).first()
    if case is None:
        return 0
    addresses = team_addresses(case.organisation_id)
    if not addresses:
        return 0
    with translation.override("da"):
        subject = _("New report: %(ref)s, %(department)s") % {
            "ref": case.reference,
            "department": case.department.name,
        }
        body = "\n".join(
            [
                _("A new report has come in."),
                "",
                _("Case: %(ref)s") % {"ref": case.reference},
                _("Department: %(number)s %(name)s")
                % {"number": case.department.number, "name": case.department.name},
                _("Category: %(category)s") % {"category": case.get_category_display()},
                _("From: %(source)s") % {"source": case.get_source_display()},
                "",
                _(
                    "Open the today view in Boligsocial to assign it. This e-mail deliberately "
                    "contains no case details."
                ),
            ]
        )
    return send_mail(subject, body, django_settings.DEFAULT_FROM_EMAIL, addresses)


def schedule_team_notice(case: Case) -> None:
    """After the surrounding transaction commits, tell the team of a resident's or caretaker's
    report (nothing is sent if the transaction rolls back)."""
    if case.source in NOTIFYING_SOURCES:
        case_id = case.pk
        transaction.on_commit(lambda: notify_team(case_id))
