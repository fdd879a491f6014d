"""The plan's write pages: each parses a form, calls one service, and answers a refused change
(services.PlanError, Danish) on the form with nothing changed."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from boligsocial.catalogue.access import visible_interventions
from boligsocial.core.confirm import confirm_page, confirmed
from boligsocial.core.permissions import can
from boligsocial.organisations.access import visible_departments, visible_municipalities
from boligsocial.plans import access, forms, reporting, services
from boligsocial.plans.models import Milestone, Partner, PartnerKind, ReportType, Status
from boligsocial.plans.views.common import get_activity, get_plan, plan_context, plan_crumbs
from boligsocial.screening.models import Indicator


def create(request):
    if not can(request.user, access.CREATE, None):
        raise PermissionDenied
    from boligsocial.catalogue.access import local_organisations

    organisations = local_organisations(request.user)
    form = forms.PlanForm(
        request.POST or None,
        organisations=organisations,
        departments=visible_departments(request.user).filter(organisation__in=organisations),
        municipalities=visible_municipalities(request.user),
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            plan = services.create_plan(
                by=request.user,
                name=d["name"],
                municipality=d["municipality"],
                organisations=list(d["organisations"]),
                departments=list(d["departments"]),
                period=d["period"],
                first_year=d["first_year"],
                years=d["years"],
                secretariat=d["secretariat"],
            )
        except services.PlanError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, _("The plan has been created as a draft."))
            return redirect("plans:plan", plan.pk)
    return render(request, "plans/form.html", {"form": form, "title": _("New comprehensive plan")})


def _edit_page(request, plan, form, title, tab, on_valid):
    if request.method == "POST" and form.is_valid():
        try:
            on_valid(form.cleaned_data)
        except services.PlanError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, _("Saved."))
            return redirect(f"plans:{tab}", plan.pk)
    context = plan_context(request, plan, tab)
    context.update({"form": form, "title": title})
    return render(request, "plans/form.html", context)


def edit_agreement(request, pk: int):
    plan = get_plan(request, pk, access.EDIT)
    initial = {
        name: getattr(plan, name) for name in forms.AgreementForm.base_fields if name != "reason"
    }
    form = forms.AgreementForm(request.POST or None, initial=initial)

    def save(d):
        reason = d.pop("reason", "")
        services.update_agreement(plan=plan, by=request.user, values=d, reason=reason)

    return _edit_page(request, plan, form, _("Strategic agreement"), "plan", save)


def add_sub_agreement(request, pk: int):
    plan = get_plan(request, pk, access.EDIT)
    areas = plan.period.areas.exclude(pk__in=plan.sub_agreements.values("area_id"))
    form = forms.SubAgreementForm(request.POST or None, areas=areas)

    def save(d):
        services.add_sub_agreement(
            plan=plan, by=request.user, area=d["area"], text=d["text"], reason=d["reason"]
        )

    return _edit_page(request, plan, form, _("New sub-agreement"), "sub_agreements", save)


def add_goal(request, pk: int):
    plan = get_plan(request, pk, access.EDIT)
    form = forms.GoalForm(
        request.POST or None,
        plan=plan,
        indicators=Indicator.objects.filter(is_active=True).order_by("position", "code"),
    )

    def save(d):
        services.add_goal(
            sub_agreement=d["sub_agreement"],
            by=request.user,
            title=d["title"],
            indicator=d["indicator"],
            department=d["department"],
            own_measure=d["own_measure"],
            targets={y: d[f"target_{y}"] for y in plan.years if d.get(f"target_{y}") is not None},
            reason=d["reason"],
        )

    return _edit_page(request, plan, form, _("New goal"), "goals", save)


def add_activity(request, pk: int):
    """The secretariat adds shared activities or any owner's; another owner adds to its own part
    (decision 0033)."""
    plan = get_plan(request, pk, access.EDIT_PART)
    secretariat = can(request.user, access.EDIT, plan)
    owners = plan.partners.filter(kind__in=(PartnerKind.HOUSING, PartnerKind.MUNICIPALITY))
    if not secretariat:
        owners = owners.filter(pk__in=access.own_partner_ids(request.user, plan))
    form = forms.ActivityForm(
        request.POST or None,
        plan=plan,
        interventions=visible_interventions(request.user).order_by("number", "name"),
        owners=owners,
        shared_allowed=secretariat,
    )

    def save(d):
        services.add_activity(
            sub_agreement=d["sub_agreement"],
            by=request.user,
            name=d["name"],
            intervention=d["intervention"],
            target_group=d["target_group"],
            staff=d["staff"],
            hours_per_week=d["hours_per_week"],
            first_year=d["first_year"],
            description=d["description"],
            partners=list(d["partners"]),
            owner=d["owner"],
            reason=d["reason"],
        )

    return _edit_page(request, plan, form, _("New activity"), "activities", save)


def approve(request, pk: int):
    plan = get_plan(request, pk, access.APPROVE)  # any owner records its approval
    form = forms.ApprovalForm(request.POST or None, plan=plan)

    def save(d):
        services.record_approval(
            plan=plan,
            by=request.user,
            party=d["party"],
            organisation=d["organisation"],
            approved_on=d["approved_on"],
            approver=d["approver"],
        )

    return _edit_page(request, plan, form, _("Record an approval"), "plan", save)


STEPS = {
    "indsend": (services.submit_plan, gettext_lazy("The plan has been submitted to the partners.")),
    "start": (services.start_plan, gettext_lazy("The plan is running.")),
    "afslut": (services.end_plan, gettext_lazy("The plan has ended.")),
}
# Steps that cannot be undone ask first, on a page of their own (works without JavaScript).
CONFIRM = {
    "afslut": (
        gettext_lazy("End the plan?"),
        gettext_lazy("Yes, end the plan"),
        gettext_lazy(
            "An ended plan cannot be started again. Its activities are closed for new sessions "
            "in the plan's overview, and the final evaluation is written on the reports tab."
        ),
    ),
}


@require_POST
def transition(request, pk: int, step: str):
    plan = get_plan(request, pk, access.EDIT)
    if step not in STEPS:
        raise PermissionDenied
    if step in CONFIRM and not confirmed(request):
        title, button, consequence = CONFIRM[step]
        return confirm_page(
            request,
            title=title,
            consequence=consequence,
            button=button,
            cancel=reverse("plans:plan", args=[plan.pk]),
            lead=plan.name,
            crumbs=plan_crumbs(plan),
            extra_head="plans/plans.css",
        )
    service, done = STEPS[step]
    try:
        service(plan=plan, by=request.user)
    except services.PlanError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, str(done))
    return redirect("plans:plan", plan.pk)


def log_session(request, pk: int):
    activity = get_activity(request, pk)
    if not can(request.user, access.EDIT_ACTIVITY, activity):
        raise PermissionDenied
    form = forms.SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.log_session(
                activity=activity,
                by=request.user,
                held_on=form.cleaned_data["held_on"],
                counts=form.counts(),
                notes=form.cleaned_data["notes"],
            )
        except services.PlanError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, _("The session has been logged."))
            return redirect("plans:activity", activity.pk)
    return render(
        request,
        "plans/log_session.html",
        {
            "form": form,
            "activity": activity,
            "plan": activity.plan,
            "status_running": Status.RUNNING,
        },
    )


def _report_target(request, pk: int, code: str, year: int, action: str):
    plan = get_plan(request, pk)
    report_type = get_object_or_404(ReportType, code=code)
    if year not in report_type.years_of(plan):
        raise Http404  # like a forged id
    if not can(request.user, action, plan):
        raise PermissionDenied
    return plan, report_type


def _report_url(plan, report_type, year) -> str:
    return reverse("plans:status_report", args=[plan.pk]) + f"?type={report_type.code}&aar={year}"


def edit_report(request, pk: int, code: str, year: int):
    """The narrative of one report: one text per section of its type."""
    plan, report_type = _report_target(request, pk, code, year, access.EDIT)
    saved = reporting.report_of(plan, report_type, year)
    form = forms.ReportForm(
        request.POST or None,
        sections=report_type.sections,
        initial=saved.narrative if saved else {},
    )
    if request.method == "POST" and form.is_valid():
        try:
            reporting.save_report(
                plan=plan,
                by=request.user,
                report_type=report_type,
                year=year,
                narrative=form.narrative(),
            )
        except services.PlanError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, _("Saved."))
            return redirect(_report_url(plan, report_type, year))
    context = plan_context(request, plan, "reports")
    context.update({"form": form, "title": f"{report_type.name} {year}"})
    return render(request, "plans/form.html", context)


@require_POST
def comment_report(request, pk: int, code: str, year: int):
    plan, report_type = _report_target(request, pk, code, year, access.COMMENT)
    try:
        reporting.add_board_comment(
            plan=plan,
            by=request.user,
            report_type=report_type,
            year=year,
            text=request.POST.get("text", "")[:4000],
        )
    except services.PlanError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, _("Your comment has been added."))
    return redirect(_report_url(plan, report_type, year))


def send_report(request, pk: int, code: str, year: int):
    """Asks first (a sent mail cannot be called back), naming who will get it."""
    plan, report_type = _report_target(request, pk, code, year, access.EDIT)
    recipients = list(plan.partners.exclude(email="").order_by("name"))
    if confirmed(request):
        try:
            reporting.send_report(
                plan=plan,
                by=request.user,
                report_type=report_type,
                year=year,
                url=request.build_absolute_uri(_report_url(plan, report_type, year)),
            )
        except services.PlanError as e:
            messages.error(request, e.message)
        else:
            messages.success(request, _("The report has been sent to the partners."))
        return redirect(_report_url(plan, report_type, year))
    return confirm_page(
        request,
        title=_("Send %(report)s %(year)s to the partners?")
        % {"report": report_type.name, "year": year},
        button=_("Yes, send the report"),
        consequence=_("The partners get the narrative and a link to the report.")
        if recipients
        else _("None of the plan's partners has an e-mail address. Add them on the agreement tab."),
        items=[f"{r.name} <{r.email}>" for r in recipients],
        cancel=_report_url(plan, report_type, year),
        lead=plan.name,
        crumbs=plan_crumbs(plan),
        extra_head="plans/plans.css",
    )


def edit_partner(request, pk: int):
    """A partner's role and its e-mail address for the reports (the secretariat)."""
    partner = get_object_or_404(
        Partner.objects.select_related("plan").filter(plan__in=access.visible_plans(request.user)),
        pk=pk,
    )
    plan = get_plan(request, partner.plan_id, access.EDIT)
    form = forms.PartnerForm(
        request.POST or None, initial={"role": partner.role, "email": partner.email}
    )

    def save(d):
        services.update_partner(partner=partner, by=request.user, role=d["role"], email=d["email"])

    return _edit_page(request, plan, form, partner.name, "plan", save)


def add_milestone(request, pk: int):
    plan = get_plan(request, pk, access.EDIT)
    form = forms.MilestoneForm(request.POST or None)

    def save(d):
        services.add_milestone(plan=plan, by=request.user, title=d["title"], due_on=d["due_on"])

    return _edit_page(request, plan, form, _("New milestone"), "plan", save)


@require_POST
def complete_milestone(request, pk: int):
    milestone = get_object_or_404(
        Milestone.objects.filter(plan__in=access.visible_plans(request.user)), pk=pk
    )
    plan = get_plan(request, milestone.plan_id, access.EDIT)
    try:
        services.complete_milestone(
            milestone=milestone, by=request.user, done_on=timezone.localdate()
        )
    except services.PlanError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, _("The milestone is marked as reached."))
    return redirect("plans:plan", plan.pk)


def add_group(request, pk: int):
    """The local board, a follow-up group or the secretariat, with its members (the
    secretariat)."""
    plan = get_plan(request, pk, access.EDIT)
    form = forms.GroupForm(request.POST or None)

    def save(d):
        services.add_group(
            plan=plan, by=request.user, kind=d["kind"], name=d["name"], members=d["members"]
        )

    return _edit_page(request, plan, form, _("New group"), "plan", save)


def add_spending(request, pk: int):
    """Spending against the budget, by each owner for its own funder rows (the secretariat for
    all)."""
    plan = get_plan(request, pk, access.EDIT_PART)
    funders = plan.funders.filter(pk__in=access.own_funder_ids(request.user, plan)).order_by("pk")
    form = forms.SpendingForm(request.POST or None, funders=funders, years=plan.years)

    def save(d):
        services.record_spending(
            plan=plan,
            by=request.user,
            funder=d["funder"],
            year=d["year"],
            amount=d["amount"],
            note=d["note"],
        )

    return _edit_page(request, plan, form, _("Record spending"), "budget", save)
