"""One analysis: plan it, conduct the interview (autosave), complete it, read its results and
the board's one-page PDF."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from boligsocial.analyses import access, selectors, services
from boligsocial.analyses.forms import ActionForm, CompleteForm, PlanForm
from boligsocial.analyses.models import ActionStatus, AnalysisStatus
from boligsocial.analyses.views.common import get_analysis
from boligsocial.core import permissions
from boligsocial.core.reports import Report, page_response, pdf_response
from boligsocial.guides.models import Question
from boligsocial.guides.rendering import form_context
from boligsocial.organisations.access import visible_departments


def _plan_initial(analysis=None):
    if analysis is None:
        return {}
    initial = {
        "planned_date": analysis.planned_date,
        "interviewers": list(analysis.interviewers.all()),
    }
    for i, p in enumerate(analysis.participants.all()):
        initial[f"role_{i}"], initial[f"name_{i}"] = p.role, p.name
    return initial


def plan_new(request, department):
    if not permissions.can(request.user, access.CONDUCT, None):
        raise PermissionDenied
    department = get_object_or_404(visible_departments(request.user), pk=department)
    if not permissions.can(request.user, access.CONDUCT, department):
        raise PermissionDenied
    form = PlanForm(request.POST or None, organisation_id=department.organisation_id)
    if request.method == "POST" and form.is_valid():
        day = form.cleaned_data["planned_date"]
        try:
            analysis = services.plan_analysis(
                department=department,
                year=day.year,
                planned_date=day,
                actor=request.user,
                interviewers=form.cleaned_data["interviewers"],
                participants=form.participants(),
            )
        except services.AnalysisError as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, _("The analysis is planned."))
            return redirect(reverse("analyses:detail", args=[analysis.pk]))
    return render(
        request,
        "analyses/plan_form.html",
        {"form": form, "department": department, "analysis": None},
    )


def plan_edit(request, pk):
    analysis = get_analysis(request, pk, action=access.CONDUCT)
    form = PlanForm(
        request.POST or None,
        organisation_id=analysis.organisation_id,
        initial=_plan_initial(analysis),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_plan(
                analysis=analysis,
                actor=request.user,
                planned_date=form.cleaned_data["planned_date"],
                interviewers=form.cleaned_data["interviewers"],
                participants=form.participants(),
            )
        except services.AnalysisError as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, _("The plan is saved."))
            return redirect(reverse("analyses:detail", args=[analysis.pk]))
    return render(
        request,
        "analyses/plan_form.html",
        {"form": form, "department": analysis.department, "analysis": analysis},
    )


def conduct(request, pk):
    analysis = get_analysis(request, pk, action=access.CONDUCT, log=True)
    if analysis.status not in services.OPEN_STATUSES:
        return redirect(reverse("analyses:detail", args=[analysis.pk]))
    answers = analysis.response.values() if analysis.response_id else {}
    guide = analysis.guide_version.spec()
    return render(
        request,
        "analyses/conduct.html",
        {
            "analysis": analysis,
            "guide": guide,
            "themes": form_context(guide, answers, analysis.notes),
            "answered": len(answers),
            "total": len(guide.questions()),
        },
    )


@require_POST
def autosave(request, pk):
    """One field of the interview: `field` = "q:<question key>" or "note:<theme key>",
    `value` (repeated for multiple choice). 200 {"saved": true}, 400 {"error": Danish}."""
    analysis = get_analysis(request, pk, action=access.CONDUCT)
    field = request.POST.get("field", "")
    kind, _sep, key = field.partition(":")
    values = request.POST.getlist("value")
    try:
        if kind == "q":
            kind_of = (
                Question.objects.filter(theme__version_id=analysis.guide_version_id, key=key)
                .values_list("type", flat=True)
                .first()
            )
            if kind_of == "multiple":
                raw = [v for v in values if v]
            else:
                raw = values[0] if len(values) == 1 else values
            services.save_answer(analysis=analysis, question_key=key, raw=raw, actor=request.user)
        elif kind == "note":
            services.save_note(
                analysis=analysis,
                theme_key=key,
                text=values[0] if values else "",
                actor=request.user,
            )
        else:
            return JsonResponse({"error": "Ukendt felt."}, status=400)
    except services.AnalysisError as e:
        return JsonResponse({"error": str(e)}, status=400)
    return JsonResponse({"saved": True})


def complete(request, pk):
    analysis = get_analysis(request, pk, action=access.CONDUCT)
    if analysis.status not in services.OPEN_STATUSES:
        return redirect(reverse("analyses:detail", args=[analysis.pk]))
    form = CompleteForm(
        request.POST or None, initial={"held_on": min(analysis.planned_date, timezone.localdate())}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.complete_analysis(
                analysis=analysis, actor=request.user, held_on=form.cleaned_data["held_on"]
            )
        except services.AnalysisError as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, _("The analysis is completed and scored."))
            return redirect(reverse("analyses:detail", args=[analysis.pk]))
    preview = services.scores_of(analysis)
    return render(
        request, "analyses/complete.html", {"analysis": analysis, "form": form, "preview": preview}
    )


def _results_context(request, analysis):
    content = permissions.can(request.user, access.VIEW_CONTENT, analysis)
    data = selectors.results(analysis)
    return {
        "analysis": analysis,
        "results": data,
        "recommendations": selectors.recommendations(analysis, data["themes"], user=request.user),
        "content": content,
        "conduct": permissions.can(request.user, access.CONDUCT, analysis),
        "participants": list(analysis.participants.all()) if content else [],
        "interviewers": list(analysis.interviewers.all()) if content else [],
        "actions": list(analysis.actions.select_related("owner", "case")),
        "done": analysis.status == AnalysisStatus.DONE,
        "action_statuses": ActionStatus.choices,
        "open": analysis.status in services.OPEN_STATUSES,
        "notes": [
            (t.title, analysis.notes[t.key])
            for t in analysis.guide_version.themes.all()
            if t.key in analysis.notes
        ]
        if content
        else [],
    }


def detail(request, pk):
    analysis = get_analysis(request, pk, action=access.VIEW_RESULTS, log=True)
    context = _results_context(request, analysis)
    if context["conduct"]:
        from boligsocial.analyses.views.actions import may_start_campaign

        context["may_campaign"] = may_start_campaign(request.user, analysis.department)
        context["action_form"] = ActionForm(
            organisation_id=analysis.organisation_id,
            themes=[(t.key, t.title) for t in analysis.guide_version.themes.all()],
        )
    return render(request, "analyses/detail.html", context)


def board_pdf(request, pk):
    """One page for the department board: scores, changes, the summary, the actions (never the
    notes or answers' free text)."""
    analysis = get_analysis(request, pk, action=access.VIEW_RESULTS, log=True)
    context = _results_context(request, analysis)
    context.update(content=False, notes=[], participants=[], interviewers=[])
    report = Report(
        title=_("Vulnerability analysis %(year)s: %(department)s")
        % {"year": analysis.year, "department": analysis.department.name},
        template="analyses/report/_board_body.html",
        context=context,
        filename=f"saarbarhedsanalyse-{analysis.department.number}-{analysis.year}",
        stylesheets=("guides/css/guides.css",),
        pdf_url=reverse("analyses:pdf", args=[analysis.pk]),
        crumbs=[(_("Vulnerability analyses"), reverse("analyses:coverage"))],
    )
    if request.GET.get("format") == "html":
        return page_response(request, report)
    return pdf_response(request, report)
