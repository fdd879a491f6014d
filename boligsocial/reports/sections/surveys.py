"""Resident surveys: the response rate and the index (0–100, higher is better; the safety
index of a tryghedsundersøgelse) per department of the surveys closed in the year.

Every figure comes from `surveys.selectors.results`, the survey's own protection (core.disclosure,
primary and secondary over the organisation, its municipalities, departments and buildings, with
the survey's k): a department whose respondents are hidden shows its mark and neither a rate nor
an index (either would give the count away). The invited households are leases, not answers, and
are shown as they are. Free-text answers are never read."""

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boligsocial.core.formatting import format_date, format_integer, format_number
from boligsocial.reports.sections import cell, count_cell, table, text
from boligsocial.surveys import results as survey_results
from boligsocial.surveys import selectors as survey_selectors
from boligsocial.surveys.models import Invitation, Survey, SurveyStatus

KEY = "surveys"
TITLE = gettext_lazy("Resident surveys")


def _rate(answered: int, invited: int) -> dict:
    if not invited:
        return cell("–")
    percent = (Decimal(100 * answered) / invited).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return cell(format_number(percent, 1), percent)


def _invited(survey) -> dict[int, int]:
    return dict(
        Invitation.objects.filter(survey=survey)
        .order_by()
        .values("department_id")
        .annotate(n=Count("id"))
        .values_list("department_id", "n")
    )


def _row(label: str, group, invited: int | None) -> list[dict]:
    shown = group is not None and group.respondents.shown
    answered = group.respondents.value if shown else None
    return [
        cell(label),
        cell("–") if invited is None else cell(format_integer(invited), invited),
        count_cell(group.respondents) if group is not None else cell("–"),
        _rate(answered, invited) if shown and invited else cell("–"),
        cell(format_number(group.index, 1), group.index)
        if shown and group.index is not None
        else cell("–"),
    ]


def _survey_table(scope, survey) -> dict:
    groups = survey_selectors.results(survey, texts=False).by_key()
    invited = _invited(survey)
    rows = [
        _row(f"{d.number} {d.name}", groups.get(("dept", d.pk)), invited.get(d.pk))
        for d in scope.departments
        if d.pk in invited or ("dept", d.pk) in groups
    ]
    if scope.department is None:
        rows.append(
            _row(_("The whole survey"), groups.get(survey_results.ORG), sum(invited.values()))
        )
    return table(
        f"survey-{survey.pk}",
        _("%(name)s (%(first)s–%(last)s)")
        % {
            "name": survey.name,
            "first": format_date(survey.opens_on),
            "last": format_date(survey.closes_on),
        },
        [
            _("Department"),
            _("Invited households"),
            _("Answers"),
            _("Response rate, %"),
            _("Index (0–100)"),
        ],
        rows,
        [False, True, True, True, True],
    )


def build(scope) -> dict | None:
    surveys = list(
        Survey.objects.filter(
            departments__in=scope.department_ids,
            status=SurveyStatus.CLOSED,
            closes_on__year=scope.year,
        )
        .select_related("organisation", "guide_version")
        .distinct()
        .order_by("closes_on", "pk")
    )
    if not surveys:
        return None
    blocks = [
        text(
            _(
                "The surveys closed in %(year)s. The index is the mean of the households' points "
                "on the index questions (100 = best, 0 = worst). A department with fewer answers "
                "than the survey's minimum, or whose count would give one away, shows only its "
                "mark, and neither a response rate nor an index."
            )
            % {"year": scope.year}
        )
    ]
    blocks += [_survey_table(scope, s) for s in surveys]
    return {"blocks": blocks}
