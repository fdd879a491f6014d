"""The plan pages: the overview and the plan's tabs, the activity, the status report."""

import io

import django_filters
from django import forms
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boligsocial.core.listing import SortColumn, build_listing
from boligsocial.core.permissions import can
from boligsocial.core.reports import Report, page_response, pdf_response
from boligsocial.organisations.access import visible_municipalities, visible_organisations
from boligsocial.plans import access, counts, selectors, services
from boligsocial.plans.models import AgeBand, Gender, Plan, ReportType, Status
from boligsocial.plans.views.common import get_activity, get_plan, plan_context

COLUMNS = (
    SortColumn("name", gettext_lazy("Plan"), ("name",)),
    SortColumn("years", gettext_lazy("Period"), ("first_year", "name")),
    SortColumn("status", gettext_lazy("Status"), ("status", "name")),
)


class PlanFilter(django_filters.FilterSet):
    municipality = django_filters.ModelChoiceFilter(
        queryset=None,
        label=gettext_lazy("Municipality"),
        empty_label=gettext_lazy("All"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    organisation = django_filters.ModelChoiceFilter(
        field_name="organisations",
        queryset=None,
        label=gettext_lazy("Housing organisation"),
        empty_label=gettext_lazy("All"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    status = django_filters.ChoiceFilter(
        choices=Status.choices,
        label=gettext_lazy("Status"),
        empty_label=gettext_lazy("All"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    class Meta:
        model = Plan
        fields = ["municipality", "organisation", "status"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = request.user
        self.filters["municipality"].queryset = (
            visible_municipalities(user).filter(plans__isnull=False).distinct()
        )
        self.filters["organisation"].queryset = (
            visible_organisations(user).filter(plans__isnull=False).distinct()
        )


def index(request):
    listing = build_listing(
        request,
        selectors.overview(access.visible_plans(request.user)),
        filterset_class=PlanFilter,
        search_fields=("name",),
        columns=COLUMNS,
        default_sort="-years",
    )
    return render(
        request,
        "plans/index.html",
        {"listing": listing, "may_create": can(request.user, access.CREATE, None)},
    )


def agreement(request, pk: int):
    plan = get_plan(request, pk)
    context = plan_context(request, plan, "plan")
    context.update(
        {
            "organisations": plan.organisations.order_by("name"),
            "departments": plan.departments.select_related("organisation").order_by("name"),
            "partners": plan.partners.select_related("organisation"),
            "groups": plan.groups.all(),
            "approvals": plan.approvals.select_related("organisation"),
            "missing": services.missing_approvals(plan),
            "milestones": plan.milestones.all(),
            "agreement": [(label, getattr(plan, name)) for name, label in AGREEMENT_SECTIONS],
        }
    )
    return render(request, "plans/agreement.html", context)


AGREEMENT_SECTIONS = (
    ("purpose", gettext_lazy("Purpose and frame")),
    ("organisation_text", gettext_lazy("Organisation")),
    ("interplay", gettext_lazy("Interplay with other efforts")),
    ("measurements", gettext_lazy("Cross-cutting measurements")),
    ("local_evaluation", gettext_lazy("Local evaluation and follow-up")),
    ("revision_text", gettext_lazy("Revision of the agreements")),
)


def sub_agreements(request, pk: int):
    plan = get_plan(request, pk)
    context = plan_context(request, plan, "sub_agreements")
    context["subs"] = plan.sub_agreements.select_related("area").prefetch_related("goals")
    return render(request, "plans/sub_agreements.html", context)


def goals(request, pk: int):
    plan = get_plan(request, pk)
    context = plan_context(request, plan, "goals")
    context["rows"] = selectors.goal_rows(plan)
    context["years"] = plan.years
    return render(request, "plans/goals.html", context)


def protected_activities(request, plan) -> tuple[list, object]:
    """The plan's activities, each with `participants` as the viewer may see it, and the total."""
    acts = list(selectors.activities(plan))
    figures = counts.activity_totals(
        {a.pk: a.participant_total or 0 for a in acts},
        exact=access.sees_exact_participants(request.user, plan),
    )
    for a in acts:
        a.participants = figures[a.pk]
    return acts, figures["total"]


def activities(request, pk: int):
    plan = get_plan(request, pk)
    context = plan_context(request, plan, "activities")
    context["activities"], context["participant_total"] = protected_activities(request, plan)
    return render(request, "plans/activities.html", context)


def budget(request, pk: int):
    plan = get_plan(request, pk)
    context = plan_context(request, plan, "budget")
    activities = plan.activities.select_related("sub_agreement__area").order_by(
        "sub_agreement__area__position", "name"
    )
    context["check"], context["per_activity"] = selectors.budget_page(plan, activities)
    context["years"] = plan.years
    context["activity_years"] = list(context["check"].year_totals)
    return render(request, "plans/budget.html", context)


def neutral(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def budget_export(request, pk: int):
    from openpyxl import Workbook

    plan = get_plan(request, pk)
    check = selectors.budget_check(plan)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Budget"))
    sheet.append([_("Funder"), _("Pledged"), *plan.years, _("Budgeted"), _("Spent"), _("Left")])
    for row in check.rows:
        sheet.append(
            [
                neutral(row.name),
                row.pledged,
                *(row.by_year[y] for y in plan.years),
                row.budgeted,
                row.spent,
                row.left,
            ]
        )
    sheet.append([_("Total"), None, *(check.year_totals.get(y) for y in plan.years), check.total])
    activities_sheet = workbook.create_sheet(_("Activities"))
    activities_sheet.append(
        [
            _("Activity"),
            _("Area of work"),
            _("Intervention"),
            _("First year"),
            _("Sessions"),
            _("Participants"),
        ]
    )
    acts, _total = protected_activities(request, plan)
    for a in acts:
        activities_sheet.append(
            [
                neutral(a.name),
                a.sub_agreement.area.name,
                neutral(a.intervention.name) if a.intervention else _("Local activity"),
                a.first_year,
                a.session_count,
                a.participants.value if a.participants.shown else a.participants.mark,
            ]
        )
    out = io.BytesIO()
    workbook.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="budget-plan-{plan.pk}.xlsx"'
    return response


def reports(request, pk: int):
    plan = get_plan(request, pk)
    context = plan_context(request, plan, "reports")
    done = {
        (r.report_type_id, r.year): r
        for r in plan.reports.all().only("report_type_id", "year", "sent_at", "narrative")
    }
    context["kinds"] = [
        {
            "type": t,
            "years": [{"year": y, "report": done.get((t.pk, y))} for y in t.years_of(plan)],
        }
        for t in ReportType.objects.all()
    ]
    return render(request, "plans/reports.html", context)


def revisions(request, pk: int):
    plan = get_plan(request, pk)
    context = plan_context(request, plan, "revisions")
    context["revisions"] = plan.revisions.select_related("created_by").prefetch_related("approvals")
    return render(request, "plans/revisions.html", context)


def activity(request, pk: int):
    item = get_activity(request, pk)
    exact = access.sees_exact_participants(request.user, item.plan)
    bands, genders = AgeBand.values, Gender.values
    raw = selectors.participants_by_band([item.pk])
    table = counts.band_table(raw, bands, genders, exact=exact)
    sessions = list(selectors.recent_sessions(item))
    total = sum(raw.values())
    shown = counts.sessions({s.pk: s.participants for s in sessions}, total=total, exact=exact)
    for s in sessions:
        s.figure = shown[s.pk]
    return render(
        request,
        "plans/activity.html",
        {
            "activity": item,
            "plan": item.plan,
            "budget": selectors.activity_budget(item),
            "sessions": sessions,
            "may_log": can(request.user, access.EDIT_ACTIVITY, item),
            "bands": [
                (label, [table[("cell", band, g)] for g in genders], table[("row", band)])
                for band, label in AgeBand.choices
            ],
            "genders": [label for _g, label in Gender.choices],
            "gender_totals": [table[("column", g)] for g in genders],
            "band_total": table[("total",)],
            "crumbs": [
                (_("Comprehensive plans"), reverse("plans:index")),
                (item.plan.name, reverse("plans:activities", args=[item.plan_id])),
            ],
        },
    )


def report_type_and_year(request, plan) -> tuple[ReportType, int]:
    """The report asked for by ?type= (default the yearly status) and ?aar= (default its first
    year); an unknown type or a year outside it is the default (a page, never an error)."""
    code = request.GET.get("type", "status")
    report_type = ReportType.objects.filter(code=code).first() or get_object_or_404(
        ReportType, code="status"
    )
    years = report_type.years_of(plan)
    year = request.GET.get("aar", "")
    return report_type, int(year) if year.isdigit() and int(year) in years else years[0]


def _status_report(request, pk: int) -> Report:
    plan = get_plan(request, pk)
    report_type, year = report_type_and_year(request, plan)
    acts, participant_total = protected_activities(request, plan)
    saved = (
        plan.reports.filter(report_type=report_type, year=year).prefetch_related("comments").first()
    )
    query = f"?type={report_type.code}&aar={year}"
    return Report(
        title=_("%(report)s %(year)s – %(name)s")
        % {"report": report_type.name, "year": year, "name": plan.name},
        template="plans/report/_status_body.html",
        head_template="plans/report/_status_head.html",
        stylesheets=("plans/plans.css",),
        context={
            "plan": plan,
            "year": year,
            "rows": selectors.goal_rows(plan),
            "activities": acts,
            "participant_total": participant_total,
            "check": selectors.budget_check(plan),
            "years": plan.years,
            "report_type": report_type,
            "narrative": [
                (title, (saved.narrative if saved else {}).get(title, ""))
                for title in report_type.sections
            ],
            "saved": saved,
            "comments": list(saved.comments.all()) if saved else [],
            "may_comment": can(request.user, access.COMMENT, plan),
            "may_edit": can(request.user, access.EDIT, plan),
            "query": query,
        },
        filename=f"{report_type.code}-{plan.pk}-{year}",
        actions_template="plans/report/_actions.html",
        pdf_url=reverse("plans:status_report_pdf", args=[plan.pk]) + query,
        crumbs=[
            (_("Comprehensive plans"), reverse("plans:index")),
            (plan.name, reverse("plans:reports", args=[plan.pk])),
        ],
        current=report_type.name,
    )


def status_report(request, pk: int):
    return page_response(request, _status_report(request, pk))


def status_report_pdf(request, pk: int):
    return pdf_response(request, _status_report(request, pk))
