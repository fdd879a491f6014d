"""7. House-rule cases, rent arrears and evictions: counts only, never a person, and every count
through core.disclosure (primary and secondary suppression over the departments and their
total), since the report goes to the boards and the municipality.

* House-rule cases: the Beredskab cases of type house rules received in the year.
* Evictions: house-rule cases whose housing court or complaints board decided loss of the
  tenancy (ubetinget fortabelse) in the year.
* Rent arrears: the leases in arrears behind the screening's share (its numerator where it was
  imported, else the count behind the share and the department's leases)."""

from django.conf import settings
from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boligsocial.cases.models import Case, CaseKind, DecisionOutcome, LegalProceeding
from boligsocial.core import disclosure
from boligsocial.reports.sections import cell, count_cell, table, text
from boligsocial.screening.models import IndicatorValue

KEY = "housing_counts"
TITLE = gettext_lazy("House-rule cases, arrears and evictions")
KINDS = ("house_rules", "evictions", "arrears")


def _arrears(scope) -> dict[int, int]:
    leases = {d.pk: d.lease_count for d in scope.departments}
    out = {}
    for dept_id, value, numerator in IndicatorValue.objects.filter(
        indicator__code="rent_arrears", department_id__in=scope.department_ids, year=scope.year
    ).values_list("department_id", "value", "numerator"):
        count = (
            numerator
            if numerator is not None
            else disclosure.implied_count(value, leases.get(dept_id), 100)
        )
        if count is not None:
            out[dept_id] = int(count)
    return out


def counts(scope) -> dict[str, dict[int, int]]:
    ids = scope.department_ids
    house_rules = dict(
        Case.objects.filter(
            department_id__in=ids, kind=CaseKind.HOUSE_RULES, received_at__year=scope.year
        )
        .order_by()
        .values("department_id")
        .annotate(n=Count("id"))
        .values_list("department_id", "n")
    )
    evictions = dict(
        LegalProceeding.objects.filter(
            case__department_id__in=ids,
            outcome=DecisionOutcome.UNCONDITIONAL_LOSS,
            decided_on__year=scope.year,
        )
        .order_by()
        .values("case__department_id")
        .annotate(n=Count("case_id", distinct=True))
        .values_list("case__department_id", "n")
    )
    return {"house_rules": house_rules, "evictions": evictions, "arrears": _arrears(scope)}


def build(scope) -> dict | None:
    data = counts(scope)
    if not any(data.values()):
        return None
    layout = disclosure.Layout()
    for kind in KINDS:
        part = disclosure.one_way(
            {(kind, d.pk): data[kind].get(d.pk, 0) for d in scope.departments},
            total=(kind, "total"),
        )
        layout.merge(part)
    figures = disclosure.protect(layout.values, layout.relations, k=settings.DISCLOSURE_MIN_COUNT)
    rows = [
        [cell(f"{d.number} {d.name}"), *(count_cell(figures[(kind, d.pk)]) for kind in KINDS)]
        for d in scope.departments
    ]
    if scope.department is None:
        rows.append([cell(_("Total")), *(count_cell(figures[(kind, "total")]) for kind in KINDS)])
    return {
        "blocks": [
            {
                **text(
                    _(
                        'Counts of %(year)s. Counts from 1 to %(k)s are shown as "<%(n)s" '
                        'and further counts as "x" where they would give one away.'
                    )
                    % {
                        "year": scope.year,
                        "k": settings.DISCLOSURE_MIN_COUNT - 1,
                        "n": settings.DISCLOSURE_MIN_COUNT,
                    }
                ),
                "full_only": True,
            },
            {
                **text(
                    _(
                        "Counts of %(year)s. Departments with a count below %(n)s, or whose "
                        "count would give one away, are left out."
                    )
                    % {"year": scope.year, "n": settings.DISCLOSURE_MIN_COUNT}
                ),
                "public_only": True,
            },
            table(
                "housing-counts",
                TITLE,
                [
                    _("Department"),
                    _("House-rule cases"),
                    _("Evictions"),
                    _("Leases in rent arrears"),
                ],
                rows,
                [False, True, True, True],
            ),
        ]
    }
