"""XLSX import of visit results through the shared imports app (decision 0042): a preview that
writes nothing, Danish per-row messages, confirm, idempotent with the phone's recordings (a
repeat is unchanged; a lease recorded with another result is refused on its row), undo."""

import uuid
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from boligsocial.imports.models import ImportBatch
from boligsocial.organisations.models import Lease
from boligsocial.organisations.tests.test_imports import xlsx_bytes
from boligsocial.visits import services
from boligsocial.visits.import_kinds import COLUMNS
from boligsocial.visits.models import Visit

pytestmark = pytest.mark.django_db
HEADER = [c.name for c in COLUMNS]
DAY = date.today() - timedelta(days=3)
SVAR = "bad_stand=3; koekken_stand=God; ventiler_blokeret=ja"


@pytest.fixture
def campaign(world, personas):
    for unit in ("1. th.", "1. tv.", "2. th."):
        Lease.objects.create(
            department=world.dept_a1, address="Betavej 2", unit=unit, area_m2=60, rooms=2
        )
    return services.create_campaign(
        department=world.dept_a1, name="Import", purpose="Tjek", starts_on=date.today(),
        ends_on=date.today() + timedelta(days=7), actor=personas["staff_a"],
        addresses=["Betavej 2"],
    )  # fmt: skip


def _upload(client, world, *rows):
    content = xlsx_bytes(HEADER, *rows).getvalue()
    response = client.post(
        reverse("imports:upload", args=["besoegsresultater"]),
        {"organisation": world.org_a.pk, "file": SimpleUploadedFile("besoeg.xlsx", content)},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    batch = ImportBatch.objects.latest("pk")
    return batch, client.get(response["Location"]).content.decode()


def _state():
    return sorted(
        Visit.objects.filter(lease__address="Betavej 2").values_list(
            "lease__unit", "outcome", "kits"
        )
    )


def test_visit_results_are_previewed_imported_once_refused_per_row_and_undone(
    campaign, world, personas, client_for
):
    th, tv = (campaign.visits.get(lease__unit=u) for u in ("1. th.", "1. tv."))
    answers = {"bad_stand": "3", "koekken_stand": "2", "ventiler_blokeret": "yes"}
    phone = {"client_id": str(uuid.uuid4()), "visit": th.pk, "outcome": "visited", "kits": 1,
             "answers": answers}  # fmt: skip
    services.record_visits(actor=personas["staff_a"], items=[phone])
    client = client_for("head_a")
    bad, html = _upload(
        client, world,
        (campaign.pk, "Betavej 2", "1. th.", "ingen adgang", "", "", "", ""),
        (campaign.pk, "Betavej 2", "9. mf.", "besøgt", "", "", "", SVAR),
        (campaign.pk, "Betavej 2", "1. tv.", "besøgt", "", "", "", "bad_stand=9"),
        (999999, "Betavej 2", "2. th.", "besøgt", "", "", "", SVAR),
    )  # fmt: skip
    assert bad.status != "preview"
    for message in (
        "Lejemålet er allerede registreret (Besøgt) med et andet resultat",
        "Kampagnen har ikke det lejemål.",
        "»9« er ikke et af svarene på spørgsmålet.",
        f"Boligorganisationen har ingen igangværende kampagne nr. {999999}.",
    ):
        assert message in html, message
    before = _state()
    rows = (
        (campaign.pk, "Betavej 2", "1. th.", "Besøgt", "", 1, "",
         "bad_stand=3; koekken_stand=2; ventiler_blokeret=yes"),  # equal to the phone's
        (campaign.pk, "Betavej 2", "1. tv.", "besøgt", f"{DAY:%d-%m-%Y}", 2, "", SVAR),
        (campaign.pk, "Betavej 2", "2. th.", "ingen adgang", "", "", "", ""),
    )  # fmt: skip
    batch, html = _upload(client, world, *rows)
    assert batch.status == "preview" and _state() == before  # the preview writes nothing
    assert "Oprettes: 2. Ændres: 0. Uændret: 1." in html
    client.post(reverse("imports:confirm", args=[batch.pk]))
    assert _state() == [
        ("1. th.", "visited", 1),
        ("1. tv.", "visited", 2),
        ("2. th.", "no_access", 0),
    ]
    tv.refresh_from_db()
    assert tv.answers == answers
    assert timezone.localdate(tv.recorded_at) == DAY
    th.refresh_from_db()
    assert str(th.client_id) == phone["client_id"]  # the phone's recording is kept
    again, _html = _upload(client, world, *rows)  # the same file again changes nothing
    client.post(reverse("imports:confirm", args=[again.pk]))
    again.refresh_from_db()
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    after = _state()
    client.post(reverse("imports:undo", args=[batch.pk]))
    assert _state() == [("1. th.", "visited", 1), ("1. tv.", "", 0), ("2. th.", "", 0)]
    assert after != _state()
