"""The caretaker's quick report (logged in) and the status of the caretaker's own reports.

The caretaker sees the status of the reports they filed (`access.own_reports`): reference, day,
department, category, status — never the parties, the timeline or the social unit's notes. A
photo chosen in a report that failed validation is kept server-side (`storage.save_pending`),
named by a signed token in the form, so it need not be chosen again."""

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from boligsocial.audit.services import log_read
from boligsocial.cases import access, intake_forms, services, storage
from boligsocial.cases.models import CaseKind, Source, Track
from boligsocial.cases.own_reports import last_department, own_reports
from boligsocial.cases.views.common import add_service_errors, route_of
from boligsocial.cases.views.common import files as _files
from boligsocial.cases.views.common import posted as _posted
from boligsocial.cases.views.public import TRACK_FOR_CATEGORY
from boligsocial.core.storage import sniff_content_type
from boligsocial.organisations.models import Department

PHOTO_SALT = "boligsocial.cases.quick_photo"
#: Own reports listed on the quick report page.
OWN_REPORTS_SHOWN = 10


def _quick_departments(user):
    departments = list(
        access.quick_report_departments(user).select_related("organisation").order_by("name")
    )
    if not departments:
        raise PermissionDenied
    return departments


def photo_token(user, name: str, original: str) -> str:
    return signing.dumps({"u": user.pk, "f": name, "n": original}, salt=PHOTO_SALT)


def kept_photo(user, token: str):
    """(storage name, original name) of a kept photo, or None for a bad, old or foreign token."""
    if not token:
        return None
    try:
        data = signing.loads(token, salt=PHOTO_SALT, max_age=storage.PENDING_MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    name = str(data.get("f", ""))
    if data.get("u") != user.pk or not storage.is_pending_of(user.pk, name):
        return None
    if not storage.private_storage().exists(name):
        return None
    return name, str(data.get("n", "foto"))[:255] or "foto"


def _keep(user, uploaded) -> str | None:
    """Keep a chosen photo that is itself acceptable; returns its token."""
    if services.attachment_problem(uploaded):
        return None
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    if sniff_content_type(head, lambda: uploaded.read()) is None:
        return None
    uploaded.seek(0)
    name = storage.save_pending(user.pk, uploaded)
    original = (getattr(uploaded, "name", "") or "foto").replace("\\", "/").rsplit("/", 1)[-1]
    return photo_token(user, name, original)


def _open_report(user, data, photo):
    with transaction.atomic():
        case = services.open_case(
            department=data["department"],
            kind=CaseKind.INQUIRY,
            track=TRACK_FOR_CATEGORY.get(data["category"], Track.TRIVSEL),
            category=data["category"],
            description=data["note"],
            source=Source.CARETAKER,
            user=user,
        )
        if photo is not None:
            services.add_attachment(case, photo, user)
    return case


@require_http_methods(["GET", "POST"])
def quick_report(request):
    user = request.user
    departments = _quick_departments(user)
    by_pk = Department.objects.filter(pk__in=[d.pk for d in departments]).order_by("name")
    form = intake_forms.QuickReportForm(
        _posted(request), _files(request), departments=by_pk, last=last_department(user)
    )
    token, kept = "", None  # the kept photo: its token and (storage name, original name)
    if request.method == "POST":
        token = request.POST.get("kept_photo", "")
        kept = kept_photo(user, token)
        if kept is None:
            token = ""
        if form.is_valid():
            data = form.cleaned_data
            photo, opened = data["photo"], None
            if photo is None and kept is not None:
                opened = storage.private_storage().open(kept[0], "rb")
                photo = File(opened, name=kept[1])
            try:
                _open_report(user, data, photo)
            except ValidationError as error:
                add_service_errors(form, error)
                if "file" in getattr(error, "error_dict", {}):
                    token, kept = "", None  # the photo itself was refused: choose another
            else:
                if kept is not None:
                    storage.private_storage().delete(kept[0])
                return redirect("cases:quick_report_done")
            finally:
                if opened is not None:
                    opened.close()
        elif request.FILES.get("photo") is not None:
            uploaded = request.FILES["photo"]
            token = _keep(user, uploaded) or ""
            kept = kept_photo(user, token)
        form.data = form.data.copy()
        form.data["kept_photo"] = token
    return render(
        request,
        "cases/quick_report.html",
        {
            "form": form,
            "kept_photo_name": kept[1] if kept else "",
            "reports": own_reports(user)[:OWN_REPORTS_SHOWN],
        },
    )


def quick_report_done(request):
    _quick_departments(request.user)
    return render(request, "cases/quick_report_done.html")


def own_report_list(request):
    """All the caretaker's own reports with their status."""
    _quick_departments(request.user)
    return render(request, "cases/own_reports.html", {"reports": own_reports(request.user)})


def own_report(request, pk: int):
    """One own report: its status and the caretaker's own details, nothing else (404 for a
    report someone else filed)."""
    case = get_object_or_404(own_reports(request.user), pk=pk)
    log_read(user=request.user, obj=case, route=route_of(request))
    return render(
        request,
        "cases/own_report.html",
        {"report": case, "photos": case.attachments.filter(uploaded_by=request.user).count()},
    )
