"""Safety walks (tryghedsvandringer) held in the year in the report's departments: each walk
with its findings and their follow-up now, the findings by category and status, and the open
findings by who is responsible.

Findings are things in the surroundings (a broken lamp, a bush), not people, so their counts
are shown as they are. The findings' descriptions, the participants and the walk's summary are
never read: the report shows counts, dates and the walks' titles only."""

from collections import Counter

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from boligsocial.core.formatting import format_date, format_integer
from boligsocial.reports.sections import cell, table, text
from boligsocial.walks.models import (
    OPEN_STATUSES,
    Category,
    Finding,
    FindingStatus,
    OwnerKind,
    Walk,
    WalkStatus,
)

KEY = "walks"
TITLE = gettext_lazy("Safety walks")


def _n(value: int) -> dict:
    return cell(format_integer(value), value)


def build(scope) -> dict | None:
    problem = ~Q(findings__category=Category.GOOD)
    walks = list(
        Walk.objects.filter(departments__in=scope.department_ids, walk_date__year=scope.year)
        .exclude(status=WalkStatus.PLANNED)
        .distinct()
        .annotate(
            problems=Count("findings", filter=problem, distinct=True),
            done=Count(
                "findings",
                filter=problem & Q(findings__status=FindingStatus.DONE),
                distinct=True,
            ),
            still_open=Count(
                "findings", filter=problem & Q(findings__status__in=OPEN_STATUSES), distinct=True
            ),
            overdue=Count(
                "findings",
                filter=problem
                & Q(findings__status__in=OPEN_STATUSES, findings__due_date__lt=scope.today),
                distinct=True,
            ),
            good=Count("findings", filter=Q(findings__category=Category.GOOD), distinct=True),
        )
        .order_by("walk_date", "pk")
    )
    if not walks:
        return None
    names = {}
    for walk_id, number, name in Walk.departments.through.objects.filter(
        walk_id__in=[w.pk for w in walks]
    ).values_list("walk_id", "department__number", "department__name"):
        names.setdefault(walk_id, []).append((number, name))
    walk_rows = [
        [
            cell(format_date(w.walk_date)),
            cell(w.title),
            cell(", ".join(f"{n} {name}" for n, name in sorted(names.get(w.pk, [])))),
            _n(w.problems),
            _n(w.done),
            _n(w.still_open),
            _n(w.overdue),
            cell(format_date(w.follow_up_date) if w.follow_up_date else "–"),
        ]
        for w in walks
    ]
    findings = list(
        Finding.objects.filter(walk__in=walks)
        .exclude(category=Category.GOOD)
        .values_list("category", "status", "owner_kind", "due_date")
    )
    by_category = Counter((c, s) for c, s, _o, _d in findings)
    statuses = list(FindingStatus.choices)
    category_rows = []
    for category, label in Category.choices:
        if category == Category.GOOD:
            continue
        counts = [by_category[(category, s)] for s, _l in statuses]
        if sum(counts):
            category_rows.append([cell(label), *(_n(c) for c in counts), _n(sum(counts))])
    totals = [sum(by_category[(c, s)] for c, _l in Category.choices) for s, _l in statuses]
    category_rows.append([cell(_("Total")), *(_n(c) for c in totals), _n(sum(totals))])
    owners = [*OwnerKind.choices, ("", _("No one responsible yet"))]
    open_by_owner = Counter(o for _c, s, o, _d in findings if s in OPEN_STATUSES)
    overdue_by_owner = Counter(
        o for _c, s, o, d in findings if s in OPEN_STATUSES and d and d < scope.today
    )
    owner_rows = [
        [cell(label), _n(open_by_owner[kind]), _n(overdue_by_owner[kind])]
        for kind, label in owners
        if open_by_owner[kind]
    ]
    good = sum(w.good for w in walks)
    blocks = [
        text(
            _(
                "The safety walks held in %(year)s and the follow-up on their findings on "
                "%(today)s. Overdue: open past its due date."
            )
            % {"year": scope.year, "today": format_date(scope.today)}
        ),
        table(
            "walks",
            _("Safety walks %(year)s") % {"year": scope.year},
            [
                _("Date"),
                _("Walk"),
                _("Departments"),
                _("Findings"),
                _("Done"),
                _("Open"),
                _("Overdue"),
                _("Follow-up meeting"),
            ],
            walk_rows,
            [False, False, False, True, True, True, True, False],
        ),
        table(
            "walk-findings",
            _("Findings by category and status"),
            [_("Category"), *(str(label) for _s, label in statuses), _("Total")],
            category_rows,
            [False, *(True for _s in statuses), True],
        ),
    ]
    if owner_rows:
        blocks.append(
            table(
                "walk-follow-up",
                _("Open findings by who is responsible"),
                [_("Responsible"), _("Open"), _("Overdue")],
                owner_rows,
                [False, True, True],
            )
        )
    if good:
        blocks.append(
            text(
                ngettext(
                    "%(n)s good place was noted on the walks.",
                    "%(n)s good places were noted on the walks.",
                    good,
                )
                % {"n": format_integer(good)}
            )
        )
    return {"blocks": blocks}
