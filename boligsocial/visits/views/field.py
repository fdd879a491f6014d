"""The phone pages of a campaign (issue 14, part 4; decision 0031): the assigned leases
(`field`) and the checklist of one lease (`visit`), both cached by the service worker
(`service_worker`, served from /servicebesoeg/ so that its scope covers these pages) so that
they open offline; answers are queued in the browser (IndexedDB, visits/js/field.js) and sent
to `sync`, a bulk idempotent POST keyed on client ids. Without JavaScript the checklist is a
plain form posted to `visit`, through the same service."""

import json
import uuid

from django.contrib import messages
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from boligsocial.audit.services import log_read, log_reads
from boligsocial.core.storage import PHOTO_TYPES
from boligsocial.guides.rendering import form_context
from boligsocial.guides.spec import PHOTO
from boligsocial.visits import access, photos, selectors, services
from boligsocial.visits.findings import checklist
from boligsocial.visits.models import CampaignStatus, Outcome
from boligsocial.visits.views.common import get_campaign, get_visit, route

MAX_BODY = 2 * 1024 * 1024


def field(request, pk):
    campaign = get_campaign(request, pk, action=access.VIEW_CAMPAIGN, log=True)
    visits = list(selectors.field_visits(request.user, campaign))
    log_reads(user=request.user, objs=visits, route=route(request))
    return render(
        request,
        "visits/field.html",
        {
            "campaign": campaign,
            "visits": visits,
            "progress": selectors.progress(selectors.field_visits(request.user, campaign)),
            "running": campaign.status == CampaignStatus.RUNNING,
        },
    )


def _form_answers(post, questions) -> dict:
    answers = {}
    for q in questions:
        values = post.getlist(f"q:{q.key}")
        if q.type == "multiple":
            answers[q.key] = [v for v in values if v]
        elif values:
            answers[q.key] = values[0]
    return answers


def _form_photos(request, item, spec, recording: str) -> None:
    """The plain form's photos, after its recording: each gets a client id derived from the
    recording's, so that the same form sent twice stores each photo once."""
    for q in spec.questions():
        if q.type != PHOTO:
            continue
        for n, uploaded in enumerate(request.FILES.getlist(f"photo:{q.key}")):
            try:
                photos.add_photo(
                    visit=item, question_key=q.key, uploaded=uploaded, recording=recording,
                    client_id=uuid.uuid5(uuid.UUID(recording), f"{q.key}:{n}"), actor=request.user,
                )  # fmt: skip
            except services.VisitError as e:
                messages.error(request, f"{q.text}: {e}")


def _without_photo_placeholders(themes: list[dict]) -> list[dict]:
    """The guide form's photo questions only say where photos are taken: here, the file
    inputs below the checklist take them, so the placeholders are hidden."""
    for theme in themes:
        for q in theme["questions"]:
            if q["type"] == PHOTO:
                q["shown"] = False
    return themes


def visit(request, pk, visit_pk):
    campaign = get_campaign(request, pk, action=access.VIEW_CAMPAIGN)
    item = get_visit(request, campaign, visit_pk)
    spec = checklist(campaign)
    error = ""
    answers = item.answers
    if request.method == "POST":
        answers = _form_answers(request.POST, spec.questions())
        result = services.record_visits(
            actor=request.user,
            items=[
                {
                    "client_id": request.POST.get("client_id"),
                    "visit": item.pk,
                    "base": request.POST.get("base") or None,
                    "outcome": request.POST.get("outcome"),
                    "answers": answers,
                    "kits": request.POST.get("kits") or 0,
                    "revisit_on": request.POST.get("revisit_on") or None,
                }
            ],
        )[0]
        if result["status"] in (services.SAVED, services.DUPLICATE, services.CONFLICT):
            _form_photos(request, item, spec, result["client_id"])
            if result["status"] == services.CONFLICT:
                messages.warning(request, result["message"])
            else:
                messages.success(request, _("The visit is saved."))
            return redirect(reverse("visits:field", args=[campaign.pk]))
        error = result["message"]
    else:
        log_read(user=request.user, obj=item, route=route(request))
    return render(
        request,
        "visits/visit.html",
        {
            "campaign": campaign,
            "visit": item,
            "themes": _without_photo_placeholders(form_context(spec, answers)),
            "outcomes": [(v, label) for v, label in Outcome.choices if v],
            "chosen": request.POST.get("outcome", item.outcome)
            if request.method == "POST"
            else item.outcome,
            "client_id": uuid.uuid4(),
            "photo_questions": [q for q in spec.questions() if q.type == PHOTO],
            "photos": list(item.photos.all()),
            "photo_types": ",".join(PHOTO_TYPES),
            "error": error,
            "running": campaign.status == CampaignStatus.RUNNING,
            # The survey app (a higher layer) records a resident's answer given during a visit
            # for its social unit; the assigned caretaker has no access there.
            "survey_link": access.sees_all_leases(request.user, campaign),
        },
        status=400 if error else 200,
    )


@require_POST
def sync(request):
    """The phone's queue: {"items": [...]} (see services.record_visits) -> {"results": [...]}."""
    if len(request.body) > MAX_BODY:
        return JsonResponse({"error": "For mange data på én gang."}, status=413)
    try:
        body = json.loads(request.body or b"{}")
        items = body.get("items") if isinstance(body, dict) else None
        results = services.record_visits(actor=request.user, items=items)
    except (ValueError, UnicodeDecodeError) as e:
        message = str(e) if isinstance(e, services.VisitError) else "Ugyldige data."
        return JsonResponse({"error": message}, status=400)
    return JsonResponse({"results": results})


@require_GET
@never_cache
def service_worker(request):
    """The service worker, served from /servicebesoeg/ (its scope is this path and below)."""
    body = render_to_string("visits/sw.js", {"version": "v1"})
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = reverse("visits:list")
    return response
