"""Safety walks: the 25-participant rule, route parsing, services (change log, photo checks,
statuses), access per persona, the municipality selector, the pages, the API and the PDF."""

import subprocess
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from boligsocial.audit.models import AccessLogEntry, ChangeLogEntry
from boligsocial.walks import access, selectors, services
from boligsocial.walks.forms import parse_route
from boligsocial.walks.models import Finding, FindingStatus, Walk, WalkStatus
from boligsocial.walks.services import Invited, Point, WalkError

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\xa0\xe6"
    b"\xcf\xb5\x00\x00\x00\x00IEND\xaeB`\x82"
)
TODAY = date.today()


@pytest.fixture(autouse=True)
def _private(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def _plan(world, actor, *, invited=None, day=None, departments=None):
    return services.plan_walk(
        organisation=world.org_a,
        departments=departments or [world.dept_a1],
        title="Aftenvandring",
        walk_date=day or TODAY - timedelta(days=10),
        points=[Point("Pladsen", Decimal("56.15720"), Decimal("10.21070")), Point("Stien")],
        invited=invited or [Invited("resident", 8), Invited("police", 1, "Betjent Hansen")],
        actor=actor,
    )


@pytest.fixture
def walk(world, personas):
    return _plan(world, personas["staff_a"])


# --- rules -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("counts", "refused"), [((25,), False), ((20, 5), False), ((20, 6), True), ((26,), True)]
)
def test_a_walk_takes_at_most_25_participants(counts, refused):
    problem = services.participants_problem([Invited("resident", n) for n in counts])
    assert (problem is not None) == refused
    if refused:
        assert problem.startswith("En tryghedsvandring har højst 25 deltagere; ")


def test_planning_26_people_is_refused_and_creates_nothing(world, personas):
    with pytest.raises(WalkError, match="højst 25 deltagere; 26 er inviteret"):
        _plan(world, personas["staff_a"], invited=[Invited("resident", 20), Invited("board", 6)])
    assert Walk.objects.count() == 0


@pytest.mark.parametrize(
    ("day", "expected"),
    [(date(2026, 3, 15), date(2026, 9, 15)), (date(2026, 8, 31), date(2027, 2, 28))],
)
def test_the_follow_up_is_suggested_six_months_later(day, expected):
    assert services.suggested_follow_up(day) == expected


def test_the_route_is_read_line_by_line_with_a_danish_message_for_a_bad_line():
    points, problem = parse_route("Pladsen; 56,1572; 10,2107\n\nStien bag blok C\n")
    assert problem is None
    assert points == [
        Point("Pladsen", Decimal("56.15720"), Decimal("10.21070")),
        Point("Stien bag blok C"),
    ]
    assert parse_route("Pladsen\nStien; nord; 10")[1] == (
        "Linje 2: positionen skal være to tal, fx 56,1572; 10,2107."
    )


# --- services ----------------------------------------------------------------------------------


def test_planning_stores_route_and_participants_and_masks_names_in_the_change_log(walk):
    assert [(p.position, p.name) for p in walk.points.all()] == [(1, "Pladsen"), (2, "Stien")]
    assert walk.follow_up_date == services.suggested_follow_up(walk.walk_date)
    assert walk.municipality_id == 751
    entry = ChangeLogEntry.objects.get(object_id=str(walk.pk), content_type__model="walk")
    assert "Betjent Hansen" not in str(entry.changes)
    assert entry.changes["invited"][1] == "resident 8, police 1"


def test_a_finding_needs_a_place_and_a_severity_and_a_bad_photo_stores_nothing(walk, personas):
    staff = personas["staff_a"]
    point = walk.points.first()
    with pytest.raises(WalkError, match="Vælg stedet på ruten"):
        services.record_finding(
            walk=walk, category="lighting", severity="high", description="Mørkt", actor=staff
        )
    with pytest.raises(WalkError, match="Vælg, hvor alvorligt"):
        services.record_finding(
            walk=walk, point=point, category="lighting", description="Mørkt", actor=staff
        )
    fake = SimpleUploadedFile("foto.png", b"<script>alert(1)</script>", "image/png")
    with pytest.raises(WalkError, match="JPEG- eller PNG-billede"):
        services.record_finding(
            walk=walk,
            point=point,
            category="lighting",
            severity="high",
            description="Mørkt",
            actor=staff,
            photo=fake,
        )
    assert Finding.objects.count() == 0


def test_status_changes_set_the_resolution_day_and_a_dropped_one_needs_a_reason(walk, personas):
    staff = personas["staff_a"]
    f = services.record_finding(
        walk=walk,
        point=walk.points.first(),
        category="sightlines",
        severity="medium",
        description="Høje buske",
        actor=staff,
    )
    assert (f.number, f.status) == (1, FindingStatus.OPEN)
    with pytest.raises(WalkError, match="Skriv, hvorfor"):
        services.update_finding(
            finding=f,
            actor=staff,
            owner_kind="housing",
            owner_name="",
            due_date=None,
            status="dropped",
        )
    f = services.update_finding(
        finding=f,
        actor=staff,
        owner_kind="housing",
        owner_name="Driften",
        due_date=TODAY,
        status="done",
    )
    assert (f.resolved_on, f.owner_kind) == (TODAY, "housing")
    good = services.record_finding(
        walk=walk,
        latitude=Decimal("56.1"),
        longitude=Decimal("10.2"),
        category="good",
        description="Godt lys",
        actor=staff,
    )
    assert (good.number, good.status, good.severity) == (2, FindingStatus.DONE, "")
    services.advance_walk(walk=walk, to=WalkStatus.HELD, actor=staff)
    services.advance_walk(walk=walk, to=WalkStatus.CLOSED, actor=staff)
    with pytest.raises(WalkError, match="afsluttet"):
        services.update_finding(
            finding=f, actor=staff, owner_kind="", owner_name="", due_date=None, status="open"
        )
    assert Finding.objects.get(pk=f.pk).status == FindingStatus.DONE


# --- access ------------------------------------------------------------------------------------


def test_who_sees_a_walk(walk, world, personas):
    seeing = {name for name, user in personas.items() if access.visible_walks(user).exists()}
    assert seeing == {
        "admin",
        "staff_a",
        "head_a",
        "board_a",
        "management_a",
        "caretaker_a",
        "dept_board_a1",
        "municipal",
    }
    managing = {name for name, user in personas.items() if access.can(user, access.MANAGE, walk)}
    assert managing == {"admin", "staff_a", "head_a"}


def test_findings_in_municipality_lists_every_organisations_findings(walk, world, personas):
    f = services.record_finding(
        walk=walk,
        point=walk.points.first(),
        category="traffic",
        severity="low",
        description="Biler",
        actor=personas["staff_a"],
    )
    assert list(selectors.findings_in_municipality(751)) == [f]
    assert list(selectors.findings_in_municipality(851)) == []
    board = access.visible_walks(personas["staff_b"])
    assert list(selectors.findings_in_municipality(751, board)) == []


# --- pages, API, PDF ---------------------------------------------------------------------------


def test_recording_on_the_phone_form_with_a_photo_and_serving_it_only_in_scope(
    walk, client_for, personas
):
    url = reverse("walks:record", args=[walk.pk])
    data = {
        "category": "lighting",
        "description": "Lampen er gået ud",
        "severity": "high",
        "point": walk.points.first().pk,
        "latitude": "",
        "longitude": "",
    }
    refused = client_for("board_a").post(url, data)
    assert refused.status_code == 403 and Finding.objects.count() == 0
    data["photo"] = SimpleUploadedFile("lampe.png", PNG, "image/png")
    response = client_for("staff_a").post(url, data)
    assert response.status_code == 302
    f = Finding.objects.get()
    assert (f.photo_type, f.description) == ("image/png", "Lampen er gået ud")
    photo = reverse("walks:photo", args=[f.pk])
    assert client_for("staff_b").get(photo).status_code == 404
    got = client_for("municipal").get(photo)
    assert (got.status_code, got["Content-Type"], b"".join(got.streaming_content)) == (
        200,
        "image/png",
        PNG,
    )
    assert AccessLogEntry.objects.filter(object_id=str(f.pk), purpose="foto").count() == 1


def test_a_bad_coordinate_gets_a_danish_message(walk, client_for):
    response = client_for("staff_a").post(
        reverse("walks:record", args=[walk.pk]),
        {"category": "good", "description": "x", "latitude": "nord", "longitude": "10"},
    )
    assert "Skriv en breddegrad mellem -90 og 90" in response.content.decode()
    assert Finding.objects.count() == 0


def test_the_walk_list_has_a_fixed_query_count(
    world, personas, client_for, django_assert_max_num_queries
):
    _plan(world, personas["staff_a"])
    client = client_for("staff_a")
    client.get(reverse("walks:index"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(reverse("walks:index"))
    for _i in range(3):
        _plan(world, personas["staff_a"], departments=[world.dept_a2])
    with CaptureQueriesContext(connection) as four:
        body = client.get(reverse("walks:index")).content.decode()
    assert len(four) == len(one)
    assert "4 vandringer" in body


def test_the_api_lists_walks_and_findings_within_scope(walk, client_for, personas):
    services.record_finding(
        walk=walk,
        point=walk.points.first(),
        category="crime",
        severity="medium",
        description="Tyverier",
        actor=personas["staff_a"],
    )
    listed = client_for("municipal").get("/api/v1/walks/").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [(w["id"], w["finding_count"], w["participants"][0]) for w in rows] == [
        (walk.pk, 1, {"role": "police", "count": 1, "organisation_name": ""})
    ]
    findings = client_for("board_a").get(f"/api/v1/walks/{walk.pk}/findings/").json()
    assert [(f["number"], f["category"], f["status"]) for f in findings] == [(1, "crime", "open")]
    assert client_for("staff_b").get(f"/api/v1/walks/{walk.pk}/findings/").status_code == 404
    detail = client_for("staff_a").get(f"/api/v1/walks/{walk.pk}/").json()
    assert detail["participants"][0]["name"] == "Betjent Hansen"
    assert AccessLogEntry.objects.filter(object_id=str(walk.pk), purpose="deltagere").count() == 1


def test_the_closing_report_pdf_renders(walk, client_for, personas, tmp_path):
    services.record_finding(
        walk=walk,
        point=walk.points.first(),
        category="lighting",
        severity="high",
        description="Mørk plads",
        actor=personas["staff_a"],
    )
    services.record_finding(
        walk=walk,
        point=walk.points.last(),
        category="good",
        description="Godt oplyst beboerhus",
        actor=personas["staff_a"],
    )
    response = client_for("board_a").get(reverse("walks:report_pdf", args=[walk.pk]))
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    pdf = tmp_path / "rapport.pdf"
    pdf.write_bytes(response.content)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "side")],
        check=True,
    )
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    for expected in (
        "Tryghedsvandring: Aftenvandring",
        "Beboere",
        "Belysning",
        "Mørk plads",
        "Gode steder",
        "Godt oplyst beboerhus",
    ):
        assert expected in text
    assert (tmp_path / "side-1.png").stat().st_size > 5000


def test_the_demo_walk_has_12_findings_half_done_and_a_planned_walk(world):
    import random

    from boligsocial.core.demo import DemoContext
    from boligsocial.walks import demo

    ctx = DemoContext(
        rng=random.Random(1),
        today=TODAY,
        objects={"departments_by_org": {"org_a": [world.dept_a1, world.dept_a2]}},
        log=lambda _line: None,
    )
    demo.seed(ctx)
    held, planned = Walk.objects.order_by("walk_date")
    summary = selectors.summary(held)
    assert (held.status, planned.status) == (WalkStatus.HELD, WalkStatus.PLANNED)
    assert (summary.problem_total, summary.done_total, len(summary.good_places)) == (12, 6, 2)
    assert summary.participant_total == 16
    assert selectors.overdue_findings(held.findings.all(), TODAY).count() == 2
