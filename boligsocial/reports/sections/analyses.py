"""Vulnerability analyses of the year and their follow-up actions (counts by status; the
actions' titles are internal text, left out of the public summary)."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boligsocial.analyses.models import ActionStatus, Analysis, AnalysisStatus, FollowUpAction
from boligsocial.core.formatting import format_date, format_number
from boligsocial.reports.sections import cell, items, table, text

KEY = "analyses"
TITLE = gettext_lazy("Vulnerability analyses and follow-up")


def build(scope) -> dict | None:
    analyses = list(
        Analysis.objects.filter(department_id__in=scope.department_ids, year=scope.year)
        .exclude(status=AnalysisStatus.CANCELLED)
        .select_related("department")
        .annotate(
            open_actions=Count(
                "actions",
                filter=Q(actions__status__in=(ActionStatus.OPEN, ActionStatus.IN_PROGRESS)),
            ),
            done_actions=Count("actions", filter=Q(actions__status=ActionStatus.DONE)),
        )
        .order_by("department__number")
    )
    if not analyses:
        return None
    rows = [
        [
            cell(f"{a.department.number} {a.department.name}"),
            cell(a.get_status_display()),
            cell(format_date(a.held_on) if a.held_on else "–"),
            cell("–" if a.score is None else format_number(a.score, 1), a.score),
            cell(a.open_actions, a.open_actions),
            cell(a.done_actions, a.done_actions),
        ]
        for a in analyses
    ]
    blocks = [
        table(
            "analyses",
            _("Vulnerability analyses %(year)s") % {"year": scope.year},
            [
                _("Department"),
                _("Status"),
                _("Held on"),
                _("Score"),
                _("Open actions"),
                _("Done actions"),
            ],
            rows,
            [False, False, False, True, True, True],
        )
    ]
    open_titles = list(
        FollowUpAction.objects.filter(
            analysis__in=[a.pk for a in analyses],
            status__in=(ActionStatus.OPEN, ActionStatus.IN_PROGRESS),
        )
        .select_related("analysis__department")
        .order_by("analysis__department__number", "due_date", "pk")
    )
    if open_titles:
        blocks.append(text(_("Open follow-up actions (internal):"), internal=True))
        blocks.append(
            {
                **items(
                    f"{x.analysis.department.name}: {x.title}"
                    + (f" ({_('due')} {format_date(x.due_date)})" if x.due_date else "")
                    for x in open_titles
                ),
                "internal": True,
            }
        )
    return {"blocks": blocks}
