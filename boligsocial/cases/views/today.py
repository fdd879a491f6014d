"""The social unit's today view and the head's bulk reassignment (decision 0029)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from boligsocial.audit.services import log_reads
from boligsocial.cases import access, today
from boligsocial.cases.models import OPEN_STATUSES
from boligsocial.cases.services.team import reassign_cases
from boligsocial.cases.views.common import route_of
from boligsocial.core import permissions

#: Cases listed on the reassignment page at most (narrow by the current case worker).
REASSIGN_LIMIT = 200


def _social_unit(user):
    departments = access.case_create_departments(user)
    if not departments.exists():
        raise PermissionDenied
    return departments


def today_view(request):
    user = request.user
    departments = _social_unit(user)
    cases = access.visible_cases(user)
    organisation_ids = sorted(set(departments.values_list("organisation_id", flat=True)))
    context = today.overview(cases, departments, organisation_ids, timezone.localdate())
    shown = {
        row.case.pk: row.case
        for key in ("unassigned", "without_deadline", "overdue", "due_soon", "crises")
        for row in context[key].rows
    }
    shown.update((w.case.pk, w.case) for w in context["court_windows"])
    log_reads(user=user, objs=shown.values(), route=route_of(request))
    context["can_reassign"] = access.reassign_organisations(user).exists()
    return render(request, "cases/today.html", context)


def _reassignable(user):
    organisations = access.reassign_organisations(user)
    if not organisations.exists():
        raise PermissionDenied
    return access.editable_cases(user).filter(
        organisation_id__in=organisations.values("pk"), status__in=OPEN_STATUSES
    )


def _chosen_cases(request, cases):
    """The cases ticked in the form, each checked: visible (404 otherwise) and reassignable by
    this user (403 otherwise)."""
    ids = []
    for raw in request.POST.getlist("case"):
        if not raw.isdigit() or len(raw) > 12:
            raise Http404
        ids.append(int(raw))
    found = {c.pk: c for c in access.visible_cases(request.user).filter(pk__in=ids)}
    chosen = []
    for pk in dict.fromkeys(ids):
        case = found.get(pk)
        if case is None:
            raise Http404
        if not permissions.can(request.user, access.REASSIGN_CASES, case) or not (
            cases.filter(pk=pk).exists()
        ):
            raise PermissionDenied
        chosen.append(case)
    return chosen


def _worker(request, workers):
    raw = request.POST.get("assignee", "")
    if raw == "none":
        return None, True
    if raw.isdigit() and len(raw) <= 12:
        worker = workers.filter(pk=int(raw)).first()
        if worker is not None:
            return worker, True
    return None, False


@require_http_methods(["GET", "POST"])
def reassign(request):
    """Choose cases (optionally of one case worker: ?from=<id>|none), choose the new case
    worker, confirm. The service locks the cases and writes the change log."""
    user = request.user
    cases = _reassignable(user)
    organisation_ids = access.reassign_organisations(user).values("pk")
    workers = today.case_workers(organisation_ids)
    source = request.GET.get("from", "")
    # cases without a next deadline first (they must get one), the same on SQLite and PostgreSQL
    listed = cases.select_related("department", "assignee").order_by(
        F("next_due").asc(nulls_first=True), "received_at", "pk"
    )
    if source == "none":
        listed = listed.filter(assignee__isnull=True)
    elif source.isdigit() and len(source) <= 12:
        listed = listed.filter(assignee_id=int(source))
    else:
        source = ""
    errors, chosen, worker, confirm = [], [], None, False
    if request.method == "POST":
        chosen = _chosen_cases(request, cases)
        worker, known = _worker(request, workers)
        if not chosen:
            errors.append(_("Choose at least one case."))
        if not known:
            errors.append(_("Choose the case worker who takes over the cases."))
        if not errors and request.POST.get("confirmed") == "yes":
            try:
                changed = reassign_cases(cases=chosen, assignee=worker, actor=user)
            except ValidationError as error:
                errors.extend(error.messages)
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(n)d case has been reassigned.",
                        "%(n)d cases have been reassigned.",
                        len(changed),
                    )
                    % {"n": len(changed)},
                )
                return redirect("cases:today")
        confirm = not errors
    count = listed.count()
    shown = list(listed[:REASSIGN_LIMIT])
    log_reads(user=user, objs=shown, route=route_of(request))
    return render(
        request,
        "cases/reassign.html",
        {
            "cases": shown,
            "count": count,
            "limit": REASSIGN_LIMIT,
            "workers": workers,
            "source": source,
            "errors": errors,
            "chosen": chosen,
            "chosen_ids": {c.pk for c in chosen},
            "worker": worker,
            "worker_value": request.POST.get("assignee", ""),
            "confirm": confirm,
        },
        status=400 if errors else 200,
    )
