"""Services, selectors, pages and API of the coordination on the shared world: decisions and
their staleness, plan activities as efforts, gaps from lights, budgets, isolation, bad input."""

from datetime import date
from decimal import Decimal

import pytest

from boligsocial.audit.models import AccessLogEntry, ChangeLogEntry
from boligsocial.coordination import selectors, services
from boligsocial.coordination.models import Effort, OverlapDecision, OwnerKind, PlaceKind, Source
from boligsocial.coordination.models import TargetGroup as TG
from boligsocial.organisations.tests.factories import municipality

pytestmark = pytest.mark.django_db


def _efforts(world):
    youth = TG.objects.get(name="Unge i risiko for kriminalitet")
    common = {"by": None, "target_groups": [youth], "starts_on": date(2025, 1, 1)}
    ssp = services.create_effort(
        municipality=municipality(751),
        name="SSP-indsats",
        owner_kind=OwnerKind.MUNICIPALITY,
        owner_name="Børn og Unge",
        place_kind=PlaceKind.AREA,
        area=world.area_shared,
        budget=Decimal("120000"),
        contact_name="Mette",
        ends_on=date(2026, 12, 31),
        **common,
    )
    street = services.create_effort(
        municipality=municipality(751),
        name="Gadeplansarbejde",
        owner_kind=OwnerKind.HOUSING,
        owner_organisation=world.org_a,
        place_kind=PlaceKind.DEPARTMENT,
        department=world.dept_a1,
        budget=Decimal("80000"),
        **common,
    )
    aalborg = services.create_effort(
        municipality=municipality(851),
        name="Nattevandring",
        owner_kind=OwnerKind.HOUSING,
        owner_organisation=world.org_b,
        place_kind=PlaceKind.DEPARTMENT,
        department=world.dept_b_other,
        **common,
    )
    return ssp, street, aalborg


def _rows(m):
    efforts = list(selectors.efforts_of(Effort.objects.all(), m))
    return selectors.overlap_rows(efforts, selectors.places(m))


def test_decision_stays_until_an_effort_changes(world, personas):
    ssp, street, _aalborg = _efforts(world)
    m = municipality(751)
    [row] = _rows(m)
    assert (row.a, row.b, row.state) == (ssp, street, "open")
    assert row.departments == ["1 Alfaparken"]
    services.decide_overlap(
        a=street, b=ssp, by=personas["municipal"], decision="coordinated", agreed_by="Mette og Ali"
    )
    assert _rows(m)[0].state == "coordinated"
    groups = list(ssp.target_groups.all())
    # A change the rule does not read (the name) keeps the decision ...
    services.update_effort(effort=ssp, by=None, target_groups=groups, name="SSP+")
    assert _rows(m)[0].state == "coordinated"
    # ... a change of the period reopens it.
    services.update_effort(effort=ssp, by=None, target_groups=groups, ends_on=date(2027, 6, 30))
    assert _rows(m)[0].state == "reopened"
    assert ChangeLogEntry.objects.filter(object_repr="SSP+").count() == 2


def test_refused_input_changes_nothing(world, personas):
    youth = TG.objects.get(name="Unge i risiko for kriminalitet")
    before = Effort.objects.count()
    cases = [
        {"ends_on": date(2024, 1, 1)},
        {"place_kind": PlaceKind.AREA, "area": world.area_other},  # Aalborg's area
        {"owner_name": ""},
    ]
    for extra in cases:
        values = {
            "name": "X",
            "owner_kind": OwnerKind.POLICE,
            "owner_name": "Østjyllands Politi",
            "place_kind": PlaceKind.MUNICIPALITY,
            "starts_on": date(2025, 1, 1),
            **extra,
        }
        with pytest.raises(services.CoordinationError):
            services.create_effort(
                by=None, municipality=municipality(751), target_groups=[youth], **values
            )
    assert Effort.objects.count() == before
    ssp, street, _ = _efforts(world)
    with pytest.raises(services.CoordinationError, match="aftalte handling"):
        services.decide_overlap(a=ssp, b=street, by=None, decision="duplicate", agreed_by="A")
    assert not OverlapDecision.objects.exists()


def test_municipal_coordinator_records_on_the_page_and_sees_the_overlap(world, client_for):
    ssp, street, _ = _efforts(world)
    c = client_for("municipal")
    youth = TG.objects.get(name="Unge i risiko for kriminalitet")
    data = {
        "name": "Politiets nærbetjente",
        "owner_kind": "police",
        "owner_name": "Østjyllands Politi",
        "target_groups": [youth.pk],
        "place_kind": "department",
        "department": world.dept_a1.pk,
        "starts_on": "01-01-2026",
        "ends_on": "31-12-2025",
    }
    response = c.post("/koordinering/751/indsatser/ny/", data)
    assert response.status_code == 200
    assert "Slutdatoen ligger før startdatoen" in response.content.decode()
    assert Effort.objects.count() == 3
    data["ends_on"] = ""
    response = c.post("/koordinering/751/indsatser/ny/", data)
    police = Effort.objects.get(name="Politiets nærbetjente")
    assert response.status_code == 302
    page = c.get("/koordinering/751/overlap/").content.decode()
    assert page.count('class="coord-overlap ') == 3  # ssp×street, ssp×police, street×police
    response = c.post(
        f"/koordinering/751/overlap/{police.pk}-{street.pk}/",
        {"decision": "coordinated", "agreed_by": "Nærpolitiet og Ali", "note": ""},
    )
    assert response.status_code == 302
    d = OverlapDecision.objects.get()
    assert (d.effort_a, d.effort_b, d.version_a, d.version_b) == (street, police, 1, 1)
    # The housing organisation B (no owner of either) may not decide.
    denied = client_for("staff_b").post(
        f"/koordinering/751/overlap/{ssp.pk}-{street.pk}/",
        {"decision": "coordinated", "agreed_by": "x"},
    )
    assert denied.status_code == 403
    assert OverlapDecision.objects.count() == 1


def test_budgets_only_for_owners_and_isolation_in_the_api(world, client_for):
    ssp, street, aalborg = _efforts(world)
    url = f"/api/v1/efforts/{street.pk}/"
    assert client_for("staff_a").get(url).json()["budget"] == "80000.00"
    assert client_for("staff_b").get(url).json()["budget"] is None
    assert client_for("municipal").get(url).json()["budget"] is None
    assert client_for("municipal").get(f"/api/v1/efforts/{ssp.pk}/").json()["budget"] == (
        "120000.00"
    )
    listed = client_for("municipal").get("/api/v1/efforts/").json()["results"]
    assert sorted(e["name"] for e in listed) == ["Gadeplansarbejde", "SSP-indsats"]
    assert client_for("municipal").get(f"/api/v1/efforts/{aalborg.pk}/").status_code == 404
    for endpoint in ("overlaps", "gaps", "map"):
        url = f"/api/v1/coordination/{endpoint}/?municipality="
        assert client_for("municipal").get(url + "851").status_code == 404
        assert client_for("staff_b").get(url + "851").status_code == 200
        assert client_for("board_a").get(url + "751").status_code == 404
    overlaps = client_for("municipal").get("/api/v1/coordination/overlaps/?municipality=751")
    assert [(o["effort_a"], o["effort_b"], o["state"]) for o in overlaps.json()] == [
        (ssp.pk, street.pk, "open")
    ]
    bad = client_for("municipal").get("/api/v1/coordination/gaps/?municipality=751&from=x")
    assert bad.status_code == 400


def test_gap_from_a_red_light_until_an_effort_aims_at_its_theme(world):
    from boligsocial.screening.models import Light, WeightSet

    Light.objects.create(
        department=world.dept_a2,
        year=2025,
        colour="red",
        recommendation=["Beskæftigelse"],
        weight_set=WeightSet.objects.first(),
    )
    m = municipality(751)
    p = selectors.places(m)
    [gap] = selectors.gap_rows([], p, m)
    assert (gap.place.pk, str(gap.place), gap.reasons, gap.gap.missing_themes) == (
        world.dept_a2.pk,
        "2 Alfahaven",
        ["Trafiklyset er rødt"],
        ("Beskæftigelse",),
    )
    jobless = TG.objects.get(name="Ledige voksne")
    effort = services.create_effort(
        by=None,
        municipality=m,
        target_groups=[jobless],
        name="Jobcafé",
        owner_kind=OwnerKind.MUNICIPALITY,
        owner_name="Jobcenter",
        place_kind=PlaceKind.AREA,
        area=world.area_a2,
        themes=["Udlejning"],
        starts_on=date(2025, 1, 1),
    )
    efforts = list(selectors.efforts_of(Effort.objects.all(), m))
    assert len(selectors.gap_rows(efforts, p, m)) == 1  # aimed at another theme
    services.update_effort(
        effort=effort, by=None, target_groups=[jobless], themes=["Beskæftigelse"]
    )
    efforts = list(selectors.efforts_of(Effort.objects.all(), m))
    assert selectors.gap_rows(efforts, p, m) == []


def test_plan_activities_are_efforts_that_follow_the_plan(
    world, django_capture_on_commit_callbacks
):
    from boligsocial.catalogue.models import Intervention
    from boligsocial.plans import services as plan_services
    from boligsocial.plans.tests.factories import area, make_plan

    with django_capture_on_commit_callbacks(execute=True):
        plan = make_plan(world)
        sub = plan_services.add_sub_agreement(plan=plan, by=None, area=area("B"))
        activity = plan_services.add_activity(
            sub_agreement=sub,
            by=None,
            name="Fritidsjob",
            intervention=Intervention.objects.get(number=1),
        )
    effort = Effort.objects.get(activity=activity)
    assert (effort.source, effort.owner_organisation, effort.starts_on, effort.ends_on) == (
        Source.PLAN,
        world.org_b,  # the first by name: "Boligforeningen Beta" < "Boligselskabet Alfa"
        date(2024, 1, 1),
        date(2027, 12, 31),
    )
    assert sorted(g.name for g in effort.target_groups.all()) == ["Unge uden job og uddannelse"]
    assert effort.themes[0] == "Beskæftigelse"
    with django_capture_on_commit_callbacks(execute=True):
        activity.name = "Fritidsjob for 13–17-årige"
        activity.save()
    effort.refresh_from_db()
    assert (effort.name, effort.version) == ("Fritidsjob for 13–17-årige", 2)
    with pytest.raises(services.CoordinationError):
        services.update_effort(effort=effort, by=None, target_groups=[], name="x")


def test_contacts_log_the_reads_and_the_picture_pages_render(world, client_for):
    ssp, _street, _ = _efforts(world)
    c = client_for("municipal")
    page = c.get("/koordinering/751/kontakter/").content.decode()
    assert "Mette" in page
    assert AccessLogEntry.objects.filter(object_id=str(ssp.pk), purpose="contacts").count() == 1
    overview = c.get("/koordinering/751/?fra=01-01-2025&til=31-12-2026").content.decode()
    assert "Fællesområdet" in overview and "SSP-indsats" in overview
    pdf = c.get("/koordinering/751/pdf/")
    assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")
    assert client_for("board_a").get("/koordinering/751/pdf/").status_code == 403
    xlsx = c.get("/koordinering/751/eksport/")
    assert xlsx["Content-Disposition"] == 'attachment; filename="koordinering-751.xlsx"'
