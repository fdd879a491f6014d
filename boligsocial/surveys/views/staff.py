"""The staff pages: the list, a new survey, the survey page (response rates, reminders,
letters, opening and closing), entering a paper or visit answer, and the results."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from boligsocial.audit.services import log_read
from boligsocial.core import permissions
from boligsocial.core.pdf import pdf_response
from boligsocial.guides.answers import AnswerError
from boligsocial.organisations.models import Department, Organisation
from boligsocial.surveys import access, letters, national, services
from boligsocial.surveys.forms import (
    ReissueSearchForm,
    StaffAnswerForm,
    SurveyEditForm,
    SurveyForm,
)
from boligsocial.surveys.index import FORMULA
from boligsocial.surveys.models import Invitation, Survey, SurveyStatus
from boligsocial.surveys.selectors import response_rates
from boligsocial.surveys.views import resultpage

PER_PAGE = 50


def get_survey(request, pk: int, action: str) -> Survey:
    survey = get_object_or_404(
        access.visible_surveys(request.user).select_related("organisation", "guide_version__guide"),
        pk=pk,
    )
    if not permissions.can(request.user, action, survey):
        raise PermissionDenied
    return survey


def survey_list(request):
    if not permissions.can(request.user, access.VIEW_RESULTS, None):
        raise PermissionDenied
    query = request.GET.get("q", "").strip()[:100]
    surveys = access.visible_surveys(request.user).select_related("organisation")
    if query:
        surveys = surveys.filter(name__icontains=query)
    surveys = surveys.annotate(
        invited=Count("invitations", distinct=True),
        answered_count=Count("invitations", filter=Q(invitations__answered=True), distinct=True),
    ).order_by("-opens_on", "name")
    page = Paginator(surveys, PER_PAGE).get_page(request.GET.get("page"))
    rows = [
        {
            "survey": s,
            "percent": round(100 * s.answered_count / s.invited) if s.invited else None,
            "follow": permissions.can(request.user, access.VIEW, s),
        }
        for s in page
    ]
    return render(
        request,
        "surveys/list.html",
        {
            "rows": rows,
            "page_obj": page,
            "query": query,
            "can_create": permissions.can(request.user, access.MANAGE, None),
        },
    )


def survey_create(request):
    if not permissions.can(request.user, access.MANAGE, None):
        raise PermissionDenied
    org_ids = access.manage_org_ids(request.user)
    organisations = (
        Organisation.objects.all()
        if org_ids is None
        else Organisation.objects.filter(id__in=org_ids)
    )
    departments = Department.objects.filter(organisation__in=organisations).order_by("number")
    previous = Survey.objects.filter(organisation__in=organisations).order_by("-opens_on")
    form = SurveyForm(
        request.POST or None,
        organisations=organisations,
        departments=departments,
        previous=previous,
        initial={"organisation": organisations.first()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        index_keys = data["index_keys"] or [
            q.key for q in data["guide_version"].spec().questions() if q.scored
        ]
        try:
            survey = services.create_survey(
                organisation=data["organisation"], name=data["name"],
                guide_version=data["guide_version"], departments=data["departments"],
                opens_on=data["opens_on"], closes_on=data["closes_on"],
                min_count=data["min_count"], languages=data["languages"],
                index_keys=index_keys, previous=data["previous"], actor=request.user,
            )  # fmt: skip
        except services.SurveyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The survey was created as a draft."))
            return redirect("surveys:detail", pk=survey.pk)
    return render(request, "surveys/form.html", {"form": form})


def survey_detail(request, pk: int):
    survey = get_survey(request, pk, access.VIEW)
    guide = survey.guide_version.spec()
    by_key = {q.key: q for q in guide.questions()}
    return render(
        request,
        "surveys/detail.html",
        {
            "survey": survey,
            "rates": response_rates(survey),
            "can_manage": permissions.can(request.user, access.MANAGE, survey),
            "formula": FORMULA,
            "index_questions": [by_key[k].text for k in survey.index_keys if k in by_key],
            "departments": survey.departments.order_by("number"),
            "languages": [services.LANGUAGES.get(c, c) for c in survey.languages],
        },
    )


@require_POST
def survey_transition(request, pk: int, to: str):
    survey = get_survey(request, pk, access.MANAGE)
    try:
        if to == "open":
            services.open_survey(survey=survey, actor=request.user)
            messages.success(request, _("The survey is open for answers."))
        elif to == "close":
            services.close_survey(survey=survey, actor=request.user)
            messages.success(request, _("The survey is closed; the results are final."))
        elif to == "remind":
            sent = services.send_reminders(survey=survey, actor=request.user)
            messages.success(request, _("%(n)s reminders sent.") % {"n": sent.count})
        else:
            raise PermissionDenied
    except services.SurveyError as error:
        messages.error(request, str(error))
    return redirect("surveys:detail", pk=survey.pk)


def confirm_close(request, pk: int):
    survey = get_survey(request, pk, access.MANAGE)
    return render(request, "surveys/confirm_close.html", {"survey": survey})


@require_POST
def survey_letters(request, pk: int, department: int):
    """Create the department's invitations and return their letters as one PDF: the only time
    the links and codes exist outside the households' letters."""
    survey = get_survey(request, pk, access.MANAGE)
    dept = get_object_or_404(survey.departments.all(), pk=department)
    try:
        issued = services.create_invitations(survey=survey, department=dept, actor=request.user)
    except services.SurveyError as error:
        messages.error(request, str(error))
        return redirect("surveys:detail", pk=survey.pk)
    if not issued:
        messages.info(request, _("Every lease of the department already has its letter."))
        return redirect("surveys:detail", pk=survey.pk)
    context = letters.letter_context(request, survey, dept, issued)
    response = pdf_response(
        request, "surveys/pdf/letters.html", context, f"breve-{survey.pk}-{dept.number}",
        inline=False,
    )  # fmt: skip
    response["Cache-Control"] = "no-store"
    return response


def staff_answer(request, pk: int):
    survey = get_survey(request, pk, access.MANAGE)
    if survey.status != SurveyStatus.OPEN:
        messages.error(request, _("Answers can only be entered while the survey is open."))
        return redirect("surveys:detail", pk=survey.pk)
    invitations = (
        Invitation.objects.filter(survey=survey, answered=False)
        .select_related("lease")
        .order_by("lease__address", "lease__unit")
    )
    form = StaffAnswerForm(request.POST or None, invitations=invitations)
    guide = survey.guide_version.spec()
    error = ""
    if request.method == "POST" and form.is_valid():
        raw = {
            q.key: request.POST.getlist(f"q:{q.key}")
            if q.type == "multiple"
            else request.POST.get(f"q:{q.key}", "")
            for q in guide.questions()
        }
        try:
            services.record_staff_answer(
                invitation=form.cleaned_data["invitation"], raw=raw,
                channel=form.cleaned_data["channel"], actor=request.user,
            )  # fmt: skip
        except (services.SurveyError, AnswerError) as problem:
            error = str(problem)
        else:
            messages.success(request, _("The answer was recorded (marked as entered by staff)."))
            return redirect("surveys:detail", pk=survey.pk)
    from boligsocial.surveys.rendering import theme_context

    themes = [theme_context(guide, i, {}) for i in range(len(guide.themes))]
    return render(
        request,
        "surveys/staff_answer.html",
        {"survey": survey, "form": form, "themes": themes, "error": error},
        status=400 if (error or form.errors) else 200,
    )


def survey_results(request, pk: int):
    survey = get_survey(request, pk, access.VIEW_RESULTS)
    texts = permissions.can(request.user, access.VIEW_TEXTS, survey)
    chosen = request.GET.get("afdeling", "")
    department = int(chosen) if chosen.isdigit() and len(chosen) < 10 else None
    context = resultpage.context(survey, texts=texts, department=department)
    if texts and request.method == "GET":
        log_read(user=request.user, obj=survey, route="surveys:results", purpose="free text")
    context["national"] = national.FIGURES
    context["can_follow"] = permissions.can(request.user, access.VIEW, survey)
    context["today"] = timezone.localdate()
    return render(request, "surveys/results.html", context)


def results_export(request, pk: int) -> HttpResponse:
    survey = get_survey(request, pk, access.VIEW_RESULTS)
    return resultpage.export(survey)


def results_url(survey) -> str:
    return reverse("surveys:results", args=[survey.pk])


def survey_edit(request, pk: int):
    """A draft's settings, or an open survey's closing date (services.update_survey)."""
    survey = get_survey(request, pk, access.MANAGE)
    if survey.status == SurveyStatus.CLOSED:
        messages.info(request, _("A closed survey cannot be changed."))
        return redirect("surveys:detail", pk=survey.pk)
    only_closing = survey.status == SurveyStatus.OPEN
    form = SurveyEditForm(
        request.POST or None,
        departments=Department.objects.filter(organisation=survey.organisation).order_by("number"),
        only_closing=only_closing,
        initial={
            "name": survey.name,
            "departments": list(survey.departments.all()),
            "opens_on": survey.opens_on,
            "closes_on": survey.closes_on,
            "min_count": survey.min_count,
            "languages": survey.languages,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = (
            {"closes_on": data["closes_on"]}
            if only_closing
            else {
                "name": data["name"], "opens_on": data["opens_on"],
                "closes_on": data["closes_on"], "min_count": data["min_count"],
                "languages": data["languages"], "departments": data["departments"],
            }
        )  # fmt: skip
        try:
            services.update_survey(survey=survey, actor=request.user, **fields)
        except services.SurveyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The survey is saved."))
            return redirect("surveys:detail", pk=survey.pk)
    return render(
        request,
        "surveys/edit.html",
        {"survey": survey, "form": form, "only_closing": only_closing},
        status=400 if form.errors else 200,
    )


REISSUE_PER_PAGE = 25


def reissue_list(request, pk: int):
    """Find the lease whose letter is lost (by address), to make it a new letter."""
    survey = get_survey(request, pk, access.MANAGE)
    form = ReissueSearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    invitations = (
        Invitation.objects.filter(survey=survey)
        .select_related("lease", "department")
        .order_by("department__number", "lease__address", "lease__unit", "pk")
    )
    if query:
        invitations = invitations.filter(lease__address__icontains=query)
    page = Paginator(invitations, REISSUE_PER_PAGE).get_page(request.GET.get("page"))
    if page.object_list:  # the leases' addresses are shown
        log_read(user=request.user, obj=survey, route="surveys:reissue_list", purpose="nyt brev")
    return render(
        request,
        "surveys/reissue_list.html",
        {"survey": survey, "form": form, "page_obj": page, "query": query,
         "closed": survey.status == SurveyStatus.CLOSED},
    )  # fmt: skip


def reissue(request, pk: int, invitation: int):
    """GET: the confirmation (the old letter stops working); POST: the new letter as a
    one-page PDF, the only time its link and code exist outside the letter."""
    survey = get_survey(request, pk, access.MANAGE)
    item = get_object_or_404(
        Invitation.objects.select_related("lease", "department"), pk=invitation, survey=survey
    )
    if request.method == "POST":
        try:
            issued = services.reissue_invitation(invitation=item, actor=request.user)
        except services.SurveyError as error:
            messages.error(request, str(error))
            return redirect("surveys:reissue_list", pk=survey.pk)
        context = letters.letter_context(request, survey, item.department, [issued])
        response = pdf_response(
            request, "surveys/pdf/letters.html", context,
            f"nyt-brev-{survey.pk}-{item.department.number}", inline=False,
        )  # fmt: skip
        response["Cache-Control"] = "no-store"
        return response
    return render(request, "surveys/reissue_confirm.html", {"survey": survey, "item": item})
