"""The styringsdialog pages: the list, the report (page and PDF from one template), the public
summary, the Excel download of each table, and the write pages (texts, points, finalising, the
meeting). Thin: fetch through `access.visible_reports` (404 outside scope), ask `can`, call one
service or selector."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from boligsocial.core import reports as core_reports
from boligsocial.core.downloads import chosen_format, table_response
from boligsocial.core.exports import Sheet
from boligsocial.core.permissions import can
from boligsocial.organisations.access import visible_departments, visible_organisations
from boligsocial.reports import access, builder, forms, selectors, services
from boligsocial.reports.models import Agreement, Report
from boligsocial.reports.sections import modules

STYLES = ("reports/reports.css",)
PDF_CACHE_SECONDS = 7 * 24 * 60 * 60  # by the PDF's HTML: a changed figure is a new entry


def get_report(request, pk: int, action: str = access.VIEW) -> Report:
    report = get_object_or_404(access.visible_reports(request.user), pk=pk)
    if action != access.VIEW and not can(request.user, action, report):
        raise PermissionDenied
    return report


def _crumbs():
    return [(_("Styringsdialog"), reverse("reports:index"))]


def _crumbs_for(report: Report | None) -> list:
    crumbs = _crumbs()
    if report is not None:
        crumbs.append((str(report), reverse("reports:report", args=[report.pk])))
    return crumbs


def index(request):
    reports = list(access.visible_reports(request.user))
    today = timezone.localdate()
    return render(
        request,
        "reports/index.html",
        {
            "reports": reports,
            "may_create": access.may_create(request.user),
            "follow_up": list(selectors.agreements_to_follow_up(reports, today)),
            "today": today,
        },
    )


def create(request):
    if not access.may_create(request.user):
        raise PermissionDenied
    organisations = visible_organisations(request.user)
    if not access.scope(request.user).is_admin:
        organisations = organisations.filter(pk__in=access.builder_org_ids(request.user))
    form = forms.CreateForm(
        request.POST or None,
        organisations=organisations,
        departments=visible_departments(request.user).filter(organisation__in=organisations),
        initial={"year": timezone.localdate().year},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            report = services.create_report(
                by=request.user,
                organisation=d["organisation"],
                department=d["department"],
                year=d["year"],
            )
        except services.ReportError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, _("The report has been created as a draft."))
            return redirect("reports:report", report.pk)
    return render(
        request,
        "reports/form.html",
        {
            "form": form,
            "title": _("New styringsdialog report"),
            "back": reverse("reports:index"),
            "crumbs": _crumbs(),
        },
    )


def _context(request, report: Report, *, public: bool) -> dict:
    context = selectors.context_of(report, timezone.localdate())
    return builder.public(context) if public else context


def _report(request, report: Report, *, public: bool = False) -> core_reports.Report:
    context = _context(request, report, public=public)
    name = context["department"] or context["organisation"]
    title = (
        _("Public summary %(year)s – %(name)s")
        if public
        else _("Styringsdialog %(year)s – %(name)s")
    ) % {
        "year": report.year,
        "name": name,
    }
    pdf_name = "reports:public_pdf" if public else "reports:report_pdf"
    page_context = {
        **context,
        "object": report,
        "public": public,
        "may_build": can(request.user, access.BUILD, report),
        "may_add_point": can(request.user, access.ADD_POINT, report),
        "point_form": forms.PointForm(),
    }
    return core_reports.Report(
        title=title,
        template="reports/_body.html",
        head_template="reports/_head.html",
        context=page_context,
        filename=f"styringsdialog-{'offentlig-' if public else ''}{name}-{report.year}",
        stylesheets=STYLES,
        pdf_url=reverse(pdf_name, args=[report.pk]),
        crumbs=_crumbs(),
        current=title,
        cache_seconds=PDF_CACHE_SECONDS,
    )


def report(request, pk: int):
    return core_reports.page_response(request, _report(request, get_report(request, pk)))


def report_pdf(request, pk: int):
    with translation.override("da"):  # the Danish document for the municipality, as its body
        return core_reports.pdf_response(request, _report(request, get_report(request, pk)))


def _public_report(request, pk: int):
    report = get_report(request, pk)
    if not report.is_finalised and not can(request.user, access.BUILD, report):
        raise Http404
    return _report(request, report, public=True)


def public(request, pk: int):
    return core_reports.page_response(request, _public_report(request, pk))


def public_pdf(request, pk: int):
    with translation.override("da"):
        return core_reports.pdf_response(request, _public_report(request, pk))


def table_export(request, pk: int, key: str):
    report = get_report(request, pk)
    public_only = request.GET.get("offentlig") == "1"
    block = builder.tables(_context(request, report, public=public_only)).get(key)
    if block is None:
        raise Http404
    from decimal import Decimal

    rows = [
        [
            Decimal(c["n"]) if c["n"] is not None and numeric and not c["small"] else c["t"]
            for c, numeric in zip(row, block["numeric"], strict=False)
        ]
        for row in block["rows"]
    ]
    sheet = Sheet(title=block["title"][:31], header=block["header"], rows=rows)
    return table_response([sheet], f"styringsdialog-{report.year}-{key}", chosen_format(request))


def _section_choices():
    return [(m.KEY, str(m.TITLE)) for m in modules()]


def texts(request, pk: int):
    report = get_report(request, pk, access.BUILD)
    if report.is_finalised:
        messages.error(request, _("The report is finalised and can no longer be changed."))
        return redirect("reports:report", report.pk)
    narratives = {n.section: n for n in report.narratives.all()}
    sections = _section_choices()
    narrative_forms = [
        (
            key,
            title,
            forms.NarrativeForm(
                request.POST if request.POST.get("section") == key else None,
                prefix=key,
                initial={
                    "text": narratives[key].text if key in narratives else "",
                    "internal": narratives[key].internal if key in narratives else False,
                },
            ),
        )
        for key, title in sections
    ]
    figure_form = forms.KeyFigureForm(
        request.POST if request.POST.get("section") == "__figure" else None,
        sections=sections,
        prefix="figure",
        initial={"year": report.year - 1},
    )
    if request.method == "POST":
        chosen = request.POST.get("section")
        form = next((f for k, _t, f in narrative_forms if k == chosen), None)
        try:
            if form is not None and form.is_valid():
                services.set_narrative(
                    report=report,
                    by=request.user,
                    section=chosen,
                    text=form.cleaned_data["text"],
                    internal=form.cleaned_data["internal"],
                )
                messages.success(request, _("Saved."))
                return redirect("reports:texts", report.pk)
            if chosen == "__figure" and figure_form.is_valid():
                services.add_key_figure(report=report, by=request.user, **figure_form.cleaned_data)
                messages.success(request, _("The key figure has been added."))
                return redirect("reports:texts", report.pk)
        except services.ReportError as e:
            (form or figure_form).add_error(None, e.message)
    return render(
        request,
        "reports/texts.html",
        {
            "object": report,
            "narrative_forms": narrative_forms,
            "figure_form": figure_form,
            "figures": list(report.key_figures.all()),
            "title": _("Texts and key figures"),
            "crumbs": _crumbs_for(report),
        },
    )


def add_point(request, pk: int):
    report = get_report(request, pk, access.ADD_POINT)
    form = forms.PointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_agenda_point(
                report=report, by=request.user, department=None, **form.cleaned_data
            )
        except services.ReportError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, _("Your point has been added to the agenda."))
            return redirect("reports:report", report.pk)
    return render(
        request,
        "reports/form.html",
        {
            "form": form,
            "object": report,
            "title": _("Add a point for the agenda"),
            "crumbs": _crumbs_for(report),
            "back": reverse("reports:report", args=[report.pk]),
        },
    )


def finalise(request, pk: int):
    report = get_report(request, pk, access.BUILD)
    if request.method == "POST":
        try:
            services.finalise(report=report, by=request.user)
        except services.ReportError as e:
            messages.error(request, e.message)
        else:
            messages.success(request, _("The report is finalised and frozen."))
        return redirect("reports:report", report.pk)
    return render(
        request, "reports/finalise.html", {"object": report, "crumbs": _crumbs_for(report)}
    )


def meeting(request, pk: int):
    report = get_report(request, pk)
    may_build = can(request.user, access.BUILD, report)
    minutes_form = forms.MinutesForm(
        request.POST if request.POST.get("form") == "minutes" else None,
        initial={"meeting_date": report.meeting_date, "minutes": report.minutes},
    )
    agreement_form = forms.AgreementForm(
        request.POST if request.POST.get("form") == "agreement" else None
    )
    if request.method == "POST":
        if not may_build:
            raise PermissionDenied
        try:
            if request.POST.get("form") == "minutes" and minutes_form.is_valid():
                services.save_minutes(report=report, by=request.user, **minutes_form.cleaned_data)
                messages.success(request, _("The minutes have been saved."))
                return redirect("reports:meeting", report.pk)
            if request.POST.get("form") == "agreement" and agreement_form.is_valid():
                services.add_agreement(
                    report=report, by=request.user, **agreement_form.cleaned_data
                )
                messages.success(request, _("The agreement has been recorded."))
                return redirect("reports:meeting", report.pk)
        except services.ReportError as e:
            agreement_form.add_error(None, e.message)
    today = timezone.localdate()
    agreements = [
        {"agreement": a, "late": a.is_late(today)}
        for a in report.agreements.order_by("due_date", "pk")
    ]
    return render(
        request,
        "reports/meeting.html",
        {
            "object": report,
            "minutes_form": minutes_form,
            "agreement_form": agreement_form,
            "agreements": agreements,
            "may_build": may_build,
            "may_update": can(request.user, access.UPDATE_AGREEMENT, report),
            "agenda": selectors.context_of(report, today)["agenda"],
            "points": builder.agenda_points(report),
            "crumbs": _crumbs_for(report),
        },
    )


def agreement(request, pk: int):
    item = get_object_or_404(
        Agreement.objects.select_related("report").filter(
            report__in=access.visible_reports(request.user)
        ),
        pk=pk,
    )
    if not can(request.user, access.UPDATE_AGREEMENT, item.report):
        raise PermissionDenied
    form = forms.AgreementStatusForm(
        request.POST or None, initial={"status": item.status, "note": item.status_note}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_agreement(
                agreement=item,
                by=request.user,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
            )
        except services.ReportError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, _("The agreement's status has been saved."))
            return redirect("reports:meeting", item.report_id)
    return render(
        request,
        "reports/form.html",
        {
            "form": form,
            "object": item.report,
            "title": _("Status of the agreement"),
            "crumbs": _crumbs_for(item.report),
            "lead": item.what,
            "back": reverse("reports:meeting", args=[item.report_id]),
        },
    )
