"""Photos answering the checklist's photo questions (decision 0042): uploaded from the phone
after the recording (JSON answer, idempotent on the photo's client id) or with the plain form,
served only through the access check: the social unit and maintenance (lease-level detail) and
the person assigned to the lease; boards and everyone else get 404."""

from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET, require_POST

from boligsocial.audit.services import log_read
from boligsocial.core import permissions
from boligsocial.visits import access, photos, services
from boligsocial.visits.models import VisitPhoto
from boligsocial.visits.views.common import get_campaign, get_visit, route


@require_POST
def upload(request, pk, visit_pk):
    campaign = get_campaign(request, pk, action=access.VIEW_CAMPAIGN)
    item = get_visit(request, campaign, visit_pk)
    uploaded = request.FILES.get("photo")
    if uploaded is None:
        return JsonResponse({"status": "error", "message": "Vælg et foto."}, status=400)
    try:
        photo, created = photos.add_photo(
            visit=item, question_key=request.POST.get("question", ""), uploaded=uploaded,
            client_id=request.POST.get("client_id"), recording=request.POST.get("recording"),
            actor=request.user,
        )  # fmt: skip
    except services.VisitError as e:
        return JsonResponse({"status": "error", "message": str(e)}, status=400)
    return JsonResponse({"status": "saved" if created else "duplicate", "photo": photo.pk})


def may_see(user, photo: VisitPhoto) -> bool:
    campaign = photo.campaign
    if permissions.can(user, access.VIEW_DETAIL, campaign):
        return True
    return photo.visit.assignee_id == user.pk and permissions.can(user, access.RECORD, photo.visit)


@require_GET
def photo(request, pk):
    photo = get_object_or_404(
        VisitPhoto.objects.filter(campaign__in=access.visible_campaigns(request.user))
        .select_related("campaign", "visit__campaign", "visit__lease"),
        pk=pk,
    )  # fmt: skip
    if not may_see(request.user, photo) or not photo.photo:
        raise Http404
    try:
        handle = photo.photo.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    log_read(user=request.user, obj=photo, route=route(request), purpose="foto")
    response = FileResponse(handle, content_type=photo.photo_type or "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = f'inline; filename="servicebesoeg-foto-{photo.pk}"'
    return response
