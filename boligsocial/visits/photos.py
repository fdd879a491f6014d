"""Photos of a service visit: a photo answers the checklist's photo question of a recorded
visit (decision 0042). Checked and stored through `core.storage`; refused input raises
`VisitError` with a Danish message and changes nothing."""

from django.db import transaction

from boligsocial.audit.models import ChangeAction
from boligsocial.audit.services import record_change
from boligsocial.core.storage import private_storage, upload_problem
from boligsocial.guides.spec import PHOTO
from boligsocial.visits import findings
from boligsocial.visits.models import CampaignStatus, Visit, VisitConflict, VisitPhoto
from boligsocial.visits.services import MAX_PHOTOS_PER_VISIT, VisitError, as_uuid


@transaction.atomic
def add_photo(*, visit: Visit, question_key: str, uploaded, client_id, recording, actor):
    """Store a photo answering the checklist's photo question `question_key` for a recorded
    visit (`recording`: the client id of the recording, applied or kept as a conflict). Checked
    by size and by its first bytes (JPEG, PNG), stored privately. Idempotent on `client_id`:
    the same upload sent again returns (photo, False) and stores nothing."""
    cid, rec = as_uuid(client_id), as_uuid(recording)
    if cid is None:
        raise VisitError("Fotoet mangler et gyldigt klient-id.")
    existing = VisitPhoto.objects.filter(client_id=cid).first()
    if existing is not None:
        if existing.visit_id != visit.pk:
            raise VisitError("Fotoet hører til et andet lejemål.")
        return existing, False
    visit = Visit.objects.select_for_update().select_related("campaign").get(pk=visit.pk)
    campaign = visit.campaign
    if campaign.status != CampaignStatus.RUNNING:
        raise VisitError("Kampagnen er afsluttet.")
    questions = {q.key: q for q in findings.checklist(campaign).questions()}
    if questions.get(question_key) is None or questions[question_key].type != PHOTO:
        raise VisitError("Tjeklisten har ikke det fotospørgsmål.")
    known = rec is not None and (
        visit.client_id == rec or VisitConflict.objects.filter(visit=visit, client_id=rec).exists()
    )
    if not known:
        raise VisitError("Gem besøget, før fotoet sendes.")
    if visit.photos.count() >= MAX_PHOTOS_PER_VISIT:
        raise VisitError(f"Højst {MAX_PHOTOS_PER_VISIT} fotos pr. lejemål.")
    problem, content_type = upload_problem(uploaded)
    if problem:
        raise VisitError(problem)
    photo = VisitPhoto(
        campaign=campaign, visit=visit, question_key=question_key, photo_type=content_type,
        size=uploaded.size, client_id=cid, recording=rec,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )  # fmt: skip
    photo.photo.save("foto", uploaded, save=False)
    name = photo.photo.name
    try:
        photo.save()
        record_change(
            actor=actor,
            obj=photo,
            action=ChangeAction.CREATE,
            changes={"question": (None, question_key), "size": (None, photo.size)},
            organisation_id=campaign.organisation_id,
        )
    except Exception:
        private_storage().delete(name)
        raise
    return photo, True
