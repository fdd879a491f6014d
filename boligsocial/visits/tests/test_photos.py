"""Photos of a visit (decision 0042): checked by size and first bytes, stored privately,
idempotent on the client id, served only through access (the assigned caretaker and the social
unit; the board and another organisation get 404), deleted with the lease data by retention."""

import uuid
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from boligsocial.visits import retention, services
from boligsocial.visits.models import VisitCampaign, VisitPhoto

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
OK = {"bad_stand": "3", "koekken_stand": "2", "ventiler_blokeret": "yes"}


@pytest.fixture
def recorded(world, personas, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    staff, caretaker = personas["staff_a"], personas["caretaker_a"]
    c = services.create_campaign(
        department=world.dept_a1, name="Foto", purpose="Tjek", starts_on=date.today(),
        ends_on=date.today() + timedelta(days=7), actor=staff,
    )  # fmt: skip
    services.assign(campaign=c, user=caretaker, actor=staff)
    visit = c.visits.get()
    rec = str(uuid.uuid4())
    services.record_visits(
        actor=caretaker,
        items=[{"client_id": rec, "visit": visit.pk, "outcome": "visited", "answers": OK}],
    )
    return c, visit, rec


def _post(client, c, visit, rec, content=PNG, question="foto", cid=None):
    return client.post(
        reverse("visits:photo_upload", args=[c.pk, visit.pk]),
        {"client_id": cid or str(uuid.uuid4()), "recording": rec, "question": question,
         "photo": SimpleUploadedFile("x.png", content)},
    )  # fmt: skip


def test_a_photo_is_checked_stored_privately_once_and_served_only_through_access(
    recorded, client_for, settings
):
    c, visit, rec = recorded
    caretaker = client_for("caretaker_a")
    refused = [
        _post(caretaker, c, visit, rec, content=b"GIF89a" + b"\0" * 20),
        _post(caretaker, c, visit, rec, content=b""),
        _post(caretaker, c, visit, rec, question="ventiler_blokeret"),
        _post(caretaker, c, visit, str(uuid.uuid4())),  # a recording the server never got
    ]
    assert [r.status_code for r in refused] == [400] * 4
    assert [r.json()["message"] for r in refused] == [
        "Fotoet skal være et JPEG- eller PNG-billede.",
        "Fotoet er tomt.",
        "Tjeklisten har ikke det fotospørgsmål.",
        "Gem besøget, før fotoet sendes.",
    ]
    assert not VisitPhoto.objects.exists()
    cid = str(uuid.uuid4())
    first = _post(caretaker, c, visit, rec, cid=cid)
    again = _post(caretaker, c, visit, rec, cid=cid)
    assert (first.json()["status"], again.json()["status"]) == ("saved", "duplicate")
    photo = VisitPhoto.objects.get()
    assert photo.photo_type == "image/png" and photo.size == len(PNG)
    stored = Path(settings.PRIVATE_MEDIA_ROOT) / photo.photo.name
    assert stored.read_bytes() == PNG and photo.photo.name.startswith(f"visits/{c.pk}/")
    url = reverse("visits:photo", args=[photo.pk])
    for who in ("caretaker_a", "staff_a"):
        response = client_for(who).get(url)
        assert response.status_code == 200, who
        assert response["Content-Type"] == "image/png"
        assert response["Cache-Control"] == "private, no-store"
        assert b"".join(response.streaming_content) == PNG
    others = ("board_a", "dept_board_a1", "staff_b")
    assert [client_for(w).get(url).status_code for w in others] == [404, 404, 404]
    findings = client_for("staff_a").get(reverse("visits:findings", args=[c.pk])).content.decode()
    assert f'href="{url}"' in findings


def test_retention_deletes_the_photos_and_their_files(recorded, client_for, settings):
    c, visit, rec = recorded
    _post(client_for("caretaker_a"), c, visit, rec)
    name = VisitPhoto.objects.get().photo.name
    stored = Path(settings.PRIVATE_MEDIA_ROOT) / name
    assert stored.exists()
    VisitCampaign.objects.filter(pk=c.pk).update(ends_on=date.today() - timedelta(days=4 * 366))
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        assert retention.purge_due() == 1
    assert not VisitPhoto.objects.exists() and not stored.exists()
    c.refresh_from_db()
    assert c.summary["photos"] == {"foto": 1}
