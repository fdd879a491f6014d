"""The coverage page: every department's status (done, planned, due, overdue), and the yearly
plan for all departments of an organisation at once."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from boligsocial.analyses import access, selectors, services
from boligsocial.analyses.coverage import STATUSES
from boligsocial.analyses.forms import IntervalForm, YearForm
from boligsocial.analyses.models import CoverageSettings
from boligsocial.core import permissions
from boligsocial.core.listing import Listing
from boligsocial.organisations.access import visible_departments

PER_PAGE = 50


def _status_labels():
    return {
        "planned": _("Planned"),
        "done": _("Done"),
        "due": _("Due"),
        "overdue": _("Overdue"),
    }


def coverage_page(request):
    if not permissions.can(request.user, access.VIEW_COVERAGE, None):
        raise PermissionDenied
    today = timezone.localdate()
    labels = _status_labels()
    if access.is_municipal_only(request.user):
        departments = visible_departments(request.user)
        by_org: dict[str, dict] = {}
        result = selectors.coverage(departments, today)
        for row in result.rows:
            entry = by_org.setdefault(
                row.organisation, {"name": row.organisation, **dict.fromkeys(STATUSES, 0)}
            )
            entry[row.status] += 1
        return render(
            request,
            "analyses/coverage_aggregate.html",
            {"organisations": list(by_org.values()), "counts": result.counts, "labels": labels},
        )
    organisations = access.coverage_organisations(request.user)
    departments = visible_departments(request.user).filter(organisation__in=organisations)
    status = request.GET.get("status", "")
    query = request.GET.get("q", "").strip()[:100]
    if query:
        departments = departments.filter(name__icontains=query)
    result = selectors.coverage(departments, today)
    rows = [r for r in result.rows if r.status == status] if status in STATUSES else result.rows
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    params = {k: v for k, v in (("status", status), ("q", query)) if v}
    open_ids = dict(
        access.visible_analyses(request.user)
        .filter(department_id__in=[r.department_id for r in page], year=today.year)
        .exclude(status__in=("cancelled", "done"))
        .values_list("department_id", "id")
    )
    visible = access.visible_analyses(request.user).filter(
        department_id__in=[r.department_id for r in page]
    )
    latest_done = dict(
        visible.filter(status="done")
        .order_by("department_id", "held_on")
        .values_list("department_id", "id")
    )
    return render(
        request,
        "analyses/coverage.html",
        {
            "listing": Listing(page=page, query=query, sort="", base_params=params),
            "rows": [
                {
                    "row": r,
                    "label": labels[r.status],
                    "analysis_id": open_ids.get(r.department_id),
                    "last_id": latest_done.get(r.department_id),
                }
                for r in page
            ],
            "counts": [
                {
                    "key": k,
                    "label": labels[k],
                    "count": result.counts[k],
                    "url": "?status=" + k,
                    "current": k == status,
                }
                for k in STATUSES
            ],
            "status": status,
            "query": query,
            "total": len(result.rows),
            "year": today.year,
            "can_plan": permissions.can(request.user, access.CONDUCT, None),
            "can_configure": permissions.can(request.user, access.CONFIGURE, None),
            "intervals": _intervals(organisations),
            "organisation_count": organisations.aggregate(n=Count("id"))["n"],
        },
    )


def generate_plan(request):
    if not permissions.can(request.user, access.CONDUCT, None):
        raise PermissionDenied
    organisations = access.coverage_organisations(request.user).filter(
        id__in=access.conduct_departments(request.user).values("organisation_id")
    )
    form = YearForm(
        request.POST or None,
        organisations=organisations,
        initial={"year": timezone.localdate().year, "organisation": organisations.first()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            count = services.generate_yearly_plan(
                organisation=form.cleaned_data["organisation"],
                year=form.cleaned_data["year"],
                actor=request.user,
            )
        except services.AnalysisError as e:
            form.add_error(None, str(e))
        else:
            messages.success(
                request,
                _("%(count)s analyses were planned.") % {"count": count}
                if count
                else _("Every department already has an analysis that year."),
            )
            return redirect(reverse("analyses:coverage"))
    return render(request, "analyses/generate_plan.html", {"form": form})


def _intervals(organisations) -> list[dict]:
    """Each shown organisation's interval (months), for the coverage page's note."""
    stored = dict(
        CoverageSettings.objects.filter(organisation__in=organisations).values_list(
            "organisation_id", "interval_months"
        )
    )
    return [
        {"name": name, "months": stored.get(pk, 12)}
        for pk, name in organisations.order_by("name").values_list("pk", "name")[:10]
    ]


def interval(request):
    """Set how often each department of an organisation is due an analysis."""
    if not permissions.can(request.user, access.CONFIGURE, None):
        raise PermissionDenied
    organisations = access.configure_organisations(request.user).order_by("name")
    first = organisations.first()
    form = IntervalForm(
        request.POST or None,
        organisations=organisations,
        initial={
            "organisation": first,
            "interval_months": services.interval_months(first.pk) if first else 12,
        },
    )
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        try:
            services.set_interval(
                organisation=organisation,
                months=form.cleaned_data["interval_months"],
                actor=request.user,
            )
        except services.AnalysisError as e:
            form.add_error(None, str(e))
        else:
            messages.success(
                request,
                _("%(organisation)s: every department is now due every %(months)s months.")
                % {
                    "organisation": organisation.name,
                    "months": form.cleaned_data["interval_months"],
                },
            )
            return redirect(reverse("analyses:coverage"))
    current = dict(
        CoverageSettings.objects.filter(organisation__in=organisations).values_list(
            "organisation_id", "interval_months"
        )
    )
    return render(
        request,
        "analyses/interval.html",
        {
            "form": form,
            "current": [(o.name, current.get(o.pk, 12)) for o in organisations[:50]],
        },
    )
