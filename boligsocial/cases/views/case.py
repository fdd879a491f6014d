"""One case: detail with timeline, new case, edit (optimistic concurrency), contact, events,
status, close, reopen, parties, attachments."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from boligsocial.audit.services import log_read
from boligsocial.cases import access, forms, services
from boligsocial.cases.models import (
    MANUAL_EVENT_KINDS,
    CrisisTaskKind,
    LetterKind,
    Status,
)
from boligsocial.cases.views import conflict as conflict_page
from boligsocial.cases.views import legal
from boligsocial.cases.views.common import add_service_errors, get_case, route_of
from boligsocial.cases.views.common import files as _files
from boligsocial.cases.views.common import posted as _posted
from boligsocial.core import permissions
from boligsocial.organisations import access as housing

User = get_user_model()


def _form_kwargs(user, organisation_id=None):
    departments = access.case_create_departments(user)
    if organisation_id:
        departments = departments.filter(organisation_id=organisation_id)
    # The lease picker searches these (forms.LeasePicker); it never lists them all.
    leases = housing.visible_leases(user).filter(department__in=departments)
    workers = User.objects.filter(
        is_active=True,
        memberships__organisation__in=departments.values("organisation"),
        memberships__role__in=("social_staff", "social_head"),
    ).distinct()
    return {
        "departments": departments.select_related("organisation").order_by("name"),
        "leases": leases.select_related("department").order_by("address", "unit"),
        "assignees": workers.order_by("first_name", "last_name", "username"),
    }


def _searching_leases(request) -> bool:
    """The lease picker's "Search" button without JavaScript: show the form again with the
    matching leases, save nothing."""
    return request.method == "POST" and "lease_search" in request.POST


def _lease_query(request) -> str:
    return request.POST.get("lease_q", "")


def lease_search(request):
    """htmx: the chosen department's leases matching the search (the picker's results)."""
    user = request.user
    departments = access.case_create_departments(user)
    if not departments.exists():
        raise PermissionDenied
    leases = housing.visible_leases(user)
    raw = request.GET.get("department", "")
    department = (
        departments.filter(pk=int(raw)).first() if raw.isdigit() and len(raw) <= 12 else None
    )
    query = " ".join(request.GET.get("lease_q", "").split())[:100]
    chosen = request.GET.get("lease", "")
    selected = None
    if department is not None and chosen.isdigit() and len(chosen) <= 12:
        selected = leases.filter(pk=int(chosen), department=department).first()
    results = [
        lease
        for lease in forms.search_leases(leases, department, query)
        if selected is None or lease.pk != selected.pk
    ]
    return render(
        request,
        "cases/widgets/lease_results.html",
        {
            "selected": selected,
            "results": results,
            "query": query,
            "searched": bool(query),
            "department_chosen": department is not None,
            "limit": forms.LEASE_RESULTS,
        },
    )


def case_detail(request, pk: int):
    case = get_case(request, pk, log=True)
    user = request.user
    can_edit = permissions.can(user, access.EDIT_CASE, case) and not case.is_anonymised
    events = case.events.select_related("created_by")
    context = {
        "case": case,
        "can_edit": can_edit,
        # A closed case offers no action but reopening (corrections too: reopen first).
        "can_change": can_edit and case.status != Status.CLOSED,
        "correctable_kinds": MANUAL_EVENT_KINDS,
        "parties": case.parties.select_related("lease"),
        "events": events,
        "deadlines": case.deadlines.all(),
        "attachments": case.attachments.select_related("uploaded_by"),
        "letters": case.letters.all(),
        "repeats": services.repeats_of(case, access.visible_cases(user))[:20],
        "shares": case.shares.select_related("user", "created_by", "revoked_by")
        if can_edit
        else (),
        "track": legal.track_rows(case),
        "letter_kinds": LetterKind.choices,
        "can_edit_open": can_edit and not case.is_anonymised and case.is_open,
        "crisis_tasks": case.crisis_tasks.select_related("done_by")
        if case.kind == "crisis"
        else (),
        # the checklist's rows exist from the start: count the ones done (issue 13, item 12)
        "crisis_done": case.crisis_tasks.filter(done_at__isnull=False).count()
        if case.kind == "crisis"
        else 0,
        "presence_days": case.presence_days.all() if case.kind == "crisis" else (),
        "crisis_task_kinds": CrisisTaskKind.choices,
        "total_minutes": sum(e.minutes or 0 for e in events),
        "next_steps": services.TRANSITIONS.get(case.status, ()),
        "attachment_form": forms.AttachmentForm(),
    }
    return render(request, "cases/case_detail.html", context)


@require_http_methods(["GET", "POST"])
def case_create(request):
    user = request.user
    if not access.case_create_departments(user).exists():
        raise PermissionDenied
    kwargs = _form_kwargs(user)
    if _searching_leases(request):
        form = forms.CaseForm(
            initial=request.POST.dict(), lease_query=_lease_query(request), **kwargs
        )
        return render(request, "cases/case_form.html", {"form": form, "case": None})
    form = forms.CaseForm(_posted(request), **kwargs)
    if request.method == "POST" and form.is_valid():
        data = form.changes()
        try:
            case = services.open_case(user=user, source="staff", **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Case %(ref)s has been opened.") % {"ref": case.reference})
            return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/case_form.html", {"form": form, "case": None})


@require_http_methods(["GET", "POST"])
def case_edit(request, pk: int):
    case = get_case(request, pk, action=access.EDIT_CASE, log=True)
    if case.status == Status.CLOSED:
        messages.info(request, _("The case is closed. Reopen it first."))
        return redirect("cases:detail", pk=case.pk)
    kwargs = _form_kwargs(request.user, case.organisation_id)
    initial = {name: getattr(case, name) for name in forms.CaseForm.EDITABLE}
    initial["version"] = case.version
    initial["loaded"] = conflict_page.snapshot(case)
    if _searching_leases(request):
        searched = {**initial, **request.POST.dict()}
        form = forms.CaseForm(initial=searched, lease_query=_lease_query(request), **kwargs)
        return render(request, "cases/case_form.html", {"form": form, "case": case})
    form = forms.CaseForm(_posted(request), initial=initial, **kwargs)
    conflict = taken_over = None
    if request.method == "POST" and form.is_valid():
        expected = form.cleaned_data.get("version") or 0
        try:
            services.update_case(case, form.changes(), request.user, expected_version=expected)
        except services.StaleCase as stale:
            # The page shows what is saved now (content of the case): a read.
            log_read(user=request.user, obj=case, route=route_of(request))
            form, conflict, taken_over = conflict_page.conflict_page(form, stale, kwargs, initial)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The case has been saved."))
            return redirect("cases:detail", pk=case.pk)
    return render(
        request,
        "cases/case_form.html",
        {"form": form, "case": case, "conflict": conflict, "taken_over": taken_over},
    )


def _action_page(request, case, form, template_context, do, success, *, open_only=True):
    """GET: the form; POST: validate, call `do(cleaned_data)`, redirect to the case. A closed
    case offers no action but reopening: back to the case with that message."""
    if open_only and case.status == Status.CLOSED:
        messages.info(request, _("The case is closed. Reopen it first."))
        return redirect("cases:detail", pk=case.pk)
    if request.method == "POST" and form.is_valid():
        try:
            do(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, success)
            return redirect("cases:detail", pk=case.pk)
    return render(
        request, "cases/action_form.html", {"case": case, "form": form, **template_context}
    )


def _not_before_received(case, at):
    """The form has minute precision: a time in the minute the case arrived means "now-ish",
    not before it was received."""
    if case.received_at - timedelta(minutes=1) < at < case.received_at:
        return case.received_at
    return at


@require_http_methods(["GET", "POST"])
def record_contact(request, pk: int):
    case = get_case(request, pk, action=access.EDIT_CASE)
    form = forms.ContactForm(_posted(request))
    return _action_page(
        request,
        case,
        form,
        {
            "title": _("Record contact with the parties"),
            "intro": _(
                "Records the first contact with the parties: the first-contact deadline is met "
                "and the status becomes “Contact established”."
            ),
            "submit": _("Record contact"),
        },
        lambda d: services.record_contact(
            case,
            request.user,
            at=_not_before_received(case, d["occurred_at"]),
            kind=d["kind"],
            text=d["text"],
            minutes=d["minutes"],
        ),
        _("The contact has been recorded."),
    )


@require_http_methods(["GET", "POST"])
def add_event(request, pk: int):
    case = get_case(request, pk, action=access.EDIT_CASE)
    form = forms.EventForm(_posted(request))
    return _action_page(
        request,
        case,
        form,
        {"title": _("Add to the timeline"), "submit": _("Add")},
        lambda d: services.record_event(
            case, d["kind"], request.user, text=d["text"], at=d["occurred_at"], minutes=d["minutes"]
        ),
        _("The event has been added to the timeline."),
    )


@require_http_methods(["GET", "POST"])
def change_status(request, pk: int):
    case = get_case(request, pk, action=access.EDIT_CASE)
    allowed = [s for s in services.TRANSITIONS.get(case.status, ()) if s != Status.CONTACTED]
    if not allowed:
        messages.info(request, _("The status cannot be changed here."))
        return redirect("cases:detail", pk=case.pk)
    form = forms.StatusForm(_posted(request), allowed=allowed)
    return _action_page(
        request,
        case,
        form,
        {"title": _("Change status"), "submit": _("Change status")},
        lambda d: services.change_status(case, d["status"], request.user, text=d["note"]),
        _("The status has been changed."),
    )


@require_http_methods(["GET", "POST"])
def close_case(request, pk: int):
    case = get_case(request, pk, action=access.EDIT_CASE)
    if case.status == Status.CLOSED:
        messages.info(request, _("The case is already closed."))
        return redirect("cases:detail", pk=case.pk)
    form = forms.CloseForm(_posted(request))
    return _action_page(
        request,
        case,
        form,
        {
            "title": _("Close the case"),
            "intro": _("Choose the outcome. A closed case can be reopened."),
            "submit": _("Close the case"),
        },
        lambda d: services.close_case(case, d["outcome"], request.user, text=d["note"]),
        _("The case has been closed."),
    )


@require_http_methods(["GET", "POST"])
def reopen_case(request, pk: int):
    case = get_case(request, pk, action=access.EDIT_CASE)
    if case.status != Status.CLOSED:
        messages.info(request, _("The case is open."))
        return redirect("cases:detail", pk=case.pk)
    form = forms.ReasonForm(_posted(request))
    return _action_page(
        request,
        case,
        form,
        {
            "title": _("Reopen the case"),
            "intro": _("The case gets the status “Reopened” and counts as open again."),
            "submit": _("Reopen"),
        },
        lambda d: services.reopen_case(case, request.user, text=d["note"]),
        _("The case has been reopened."),
        open_only=False,
    )


@require_http_methods(["GET", "POST"])
def add_party(request, pk: int):
    case = get_case(request, pk, action=access.EDIT_CASE)
    leases = housing.visible_leases(request.user).filter(department=case.department)
    form = forms.PartyForm(_posted(request), leases=leases.order_by("address", "unit"))
    return _action_page(
        request,
        case,
        form,
        {
            "title": _("Add a party"),
            "intro": _("Only name, lease or address, phone and e-mail are recorded about a party."),
            "submit": _("Add party"),
        },
        lambda d: services.add_party(case, request.user, **d),
        _("The party has been added."),
    )


@require_http_methods(["GET", "POST"])
def add_attachment(request, pk: int):
    case = get_case(request, pk, action=access.EDIT_CASE)
    form = forms.AttachmentForm(_posted(request), _files(request))
    return _action_page(
        request,
        case,
        form,
        {
            "title": _("Upload an attachment"),
            "intro": _(
                "Allowed: %(types)s, at most %(size)s MB. The file is stored privately and can "
                "only be opened by those who may read the case."
            )
            % {
                "types": ", ".join(services.ALLOWED_ATTACHMENT_TYPES.values()),
                "size": services.MAX_ATTACHMENT_BYTES // 1024 // 1024,
            },
            "submit": _("Upload"),
            "multipart": True,
        },
        lambda d: services.add_attachment(case, d["file"], request.user),
        _("The attachment has been uploaded."),
    )


def download_attachment(request, pk: int, attachment_pk: int):
    case = get_case(request, pk)
    attachment = get_object_or_404(case.attachments, pk=attachment_pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    log_read(user=request.user, obj=case, route=route_of(request))
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
