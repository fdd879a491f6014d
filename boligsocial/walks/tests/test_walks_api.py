"""Recording findings through the API (JSON, or multipart with a photo: the checks of the phone
form) and the photos in the closing report's PDF (decision 0041)."""

import io
from datetime import date, timedelta
from decimal import Decimal

import pypdfium2
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from boligsocial.audit.models import AccessLogEntry, ChangeLogEntry
from boligsocial.walks import services, thumbnails
from boligsocial.walks.models import Finding
from boligsocial.walks.services import Invited, Point

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def walk(world, personas):
    return services.plan_walk(
        organisation=world.org_a, departments=[world.dept_a1], title="Aftenvandring",
        walk_date=date.today() - timedelta(days=3), points=[Point("Pladsen"), Point("Stien")],
        invited=[Invited("resident", 8)], actor=personas["staff_a"],
    )  # fmt: skip


def jpeg(width=1600, height=1200, colour=(200, 40, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "JPEG", quality=85)
    return out.getvalue()


def test_a_finding_is_recorded_through_the_api_with_a_photo_as_the_form_does(
    walk, client_for, settings
):
    url = f"/api/v1/walks/{walk.pk}/findings/"
    staff = client_for("staff_a")
    point = walk.points.first()
    photo = SimpleUploadedFile("lampe.jpg", jpeg(), "image/jpeg")
    made = staff.post(
        url,
        {"category": "lighting", "severity": "high", "description": "Lampen er gået ud",
         "point": point.pk, "place_note": "ved cykelskuret", "photo": photo},
    )  # fmt: skip
    assert made.status_code == 201, made.content
    body = made.json()
    finding = Finding.objects.get(pk=body["id"])
    assert (body["number"], body["category"], body["point"]) == (1, "lighting", point.pk)
    assert body["photo_url"] == reverse("walks:photo", args=[finding.pk])
    assert finding.photo_type == "image/jpeg"
    assert str(settings.PRIVATE_MEDIA_ROOT) in finding.photo.path
    entry = ChangeLogEntry.objects.get(object_id=str(finding.pk), content_type__model="finding")
    assert entry.changes["photo"] == [None, True]
    # JSON without a photo, a position instead of a route point
    plain = staff.post(
        url,
        {"category": "good", "description": "Godt lys", "latitude": "56.15720",
         "longitude": "10.21070"},
        content_type="application/json",
    )  # fmt: skip
    assert plain.status_code == 201 and plain.json()["status"] == "done"
    # refused, with nothing stored: a file that is not a picture, a point of another walk, no
    # severity, a reader, another organisation
    before = Finding.objects.count()
    fake = SimpleUploadedFile("lampe.jpg", b"%PDF-1.4 not a picture", "image/jpeg")
    bad = staff.post(url, {"category": "litter", "severity": "low", "description": "Graffiti",
                           "point": point.pk, "photo": fake})  # fmt: skip
    assert bad.status_code == 400 and "JPEG- eller PNG-billede" in bad.content.decode()
    other = services.plan_walk(
        organisation=walk.organisation, departments=[walk.departments.first()], title="Anden",
        walk_date=walk.walk_date, points=[Point("Andet sted")], invited=[], actor=None,
    )  # fmt: skip
    wrong = staff.post(url, {"category": "litter", "severity": "low", "description": "x",
                             "point": other.points.first().pk})  # fmt: skip
    assert wrong.status_code == 400 and "wrong" not in wrong.content.decode()
    assert staff.post(url, {"category": "litter", "description": "x", "point": point.pk}
                      ).status_code == 400  # fmt: skip
    assert client_for("board_a").post(url, {"category": "good", "description": "x",
                                            "point": point.pk}).status_code == 403  # fmt: skip
    assert client_for("staff_b").post(url, {"category": "good", "description": "x",
                                            "point": point.pk}).status_code == 404  # fmt: skip
    assert Finding.objects.count() == before


def test_the_closing_report_pdf_shows_the_photos_as_thumbnails(walk, client_for, personas):
    for colour, category in (((200, 40, 40), "lighting"), ((40, 40, 200), "litter")):
        services.record_finding(
            walk=walk, point=walk.points.first(), category=category, severity="medium",
            description="Se billedet", actor=personas["staff_a"],
            photo=SimpleUploadedFile("f.jpg", jpeg(colour=colour), "image/jpeg"),
        )  # fmt: skip
    services.record_finding(
        walk=walk, point=walk.points.last(), category="traffic", severity="low",
        description="Uden billede", actor=personas["staff_a"],
    )  # fmt: skip
    response = client_for("board_a").get(reverse("walks:report_pdf", args=[walk.pk]))
    assert response.status_code == 200
    pdf = pypdfium2.PdfDocument(response.content)
    images = [
        obj
        for page in pdf
        for obj in page.get_objects()
        if obj.type == pypdfium2.raw.FPDF_PAGEOBJ_IMAGE
    ]
    assert len(images) == 2
    assert all(max(img.get_px_size()) <= max(thumbnails.SIZE) for img in images)
    assert AccessLogEntry.objects.filter(object_id=str(walk.pk), purpose="foto").count() == 1
    page = client_for("board_a").get(reverse("walks:report", args=[walk.pk])).content.decode()
    assert page.count('src="data:image/jpeg;base64,') == 2
    assert "Foto af fund nr. 1" in page


def test_a_thumbnail_is_upright_small_and_without_exif():
    image = Image.new("RGB", (1200, 800), (10, 10, 10))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated: the picture stands upright when turned 90 degrees
    exif[0x010F] = "Telefon"
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    data, width, height = thumbnails.make(out.getvalue())
    assert (width, height) == (240, 360)
    assert not Image.open(io.BytesIO(data)).getexif()
    assert thumbnails.make(b"\x89PNG\r\n\x1a\n broken") is None
    assert Decimal(width) / height == Decimal(2) / 3
