"""10. Last year's agreements and their status ("opfølgning på sidste års aftaler"): the
agreements of last year's meeting of the same organisation (or department), with their status
now (frozen with the report when it is finalised)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boligsocial.core.formatting import format_date
from boligsocial.reports.sections import cell, table, text

KEY = "agreements"
TITLE = gettext_lazy("Follow-up on last year's agreements")


def status_label(agreement, today) -> tuple[str, str]:
    """(label, colour) of an agreement's status; late when not done by its date."""
    if agreement.is_late(today):
        return _("Late"), "red"
    colour = {"done": "green", "in_progress": "yellow"}.get(agreement.status, "")
    return agreement.get_status_display(), colour


def build(scope) -> dict | None:
    from boligsocial.reports.models import Agreement

    agreements = list(
        Agreement.objects.filter(
            report__organisation=scope.organisation,
            report__department=scope.department,
            report__year=scope.year - 1,
        ).order_by("due_date", "pk")
    )
    if not agreements:
        return None
    rows = []
    done = late = 0
    for a in agreements:
        label, colour = status_label(a, scope.today)
        done += a.status == "done"
        late += a.is_late(scope.today)
        rows.append(
            [
                cell(a.what),
                cell(a.who),
                cell(format_date(a.due_date)),
                cell(label, colour=colour),
                cell(a.status_note),
            ]
        )
    return {
        "blocks": [
            text(
                _("Agreements from %(year)s: %(n)s in all, %(done)s done, %(late)s late.")
                % {"n": len(agreements), "year": scope.year - 1, "done": done, "late": late}
            ),
            table(
                "agreements",
                _("Agreements %(year)s") % {"year": scope.year - 1},
                [_("Agreement"), _("Responsible"), _("By when"), _("Status"), _("Note")],
                rows,
            ),
        ]
    }
