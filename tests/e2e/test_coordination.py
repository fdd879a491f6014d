"""The coordination in the browser (issue 17 part 11): the municipal coordinator opens the
municipality's picture, the map renders offline (every request to another host is refused) with
axe 0 violations and its table alternative, records the police's effort, sees the new overlap
and marks it coordinated."""

from datetime import date
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import check_axe, menu_link, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _world(world):
    from boligsocial.coordination import services
    from boligsocial.coordination.models import OwnerKind, PlaceKind, TargetGroup
    from boligsocial.organisations.models import Department, Municipality
    from boligsocial.screening.models import Light, WeightSet

    for d, (lat, lon) in zip(
        (world.dept_a1, world.dept_a2, world.dept_b1),
        ((56.152, 10.108), (56.164, 10.145), (56.187, 10.188)),
        strict=True,
    ):
        Department.objects.filter(pk=d.pk).update(latitude=Decimal(lat), longitude=Decimal(lon))
    weights = WeightSet.objects.first()
    Light.objects.create(department=world.dept_a1, year=2025, colour="green", weight_set=weights)
    Light.objects.create(
        department=world.dept_a2,
        year=2025,
        colour="red",
        recommendation=["Kriminalitetsforebyggelse"],
        weight_set=weights,
    )
    youth = TargetGroup.objects.get(name="Unge i risiko for kriminalitet")
    return services.create_effort(
        by=None,
        municipality=Municipality.objects.get(code=751),
        target_groups=[youth],
        name="Gadeplansarbejde i Alfaparken",
        owner_kind=OwnerKind.HOUSING,
        owner_organisation=world.org_a,
        place_kind=PlaceKind.DEPARTMENT,
        department=world.dept_a1,
        themes=["Kriminalitetsforebyggelse"],
        contact_name="Ali Gademedarbejder",
        starts_on=date(date.today().year, 1, 1),
    )


def test_the_municipal_coordinator_records_an_effort_and_coordinates_the_overlap(
    page, live_server, world, personas, login, console_errors
):
    from boligsocial.coordination.models import Effort, OverlapDecision

    street = _world(world)
    own_host = urlsplit(live_server.url).netloc
    foreign: list[str] = []

    def offline(route):
        if urlsplit(route.request.url).netloc != own_host:
            foreign.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", offline)
    login("municipal")
    menu_link(page, "Koordinering")
    page.get_by_role("link", name="Aarhus").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Koordinering i Aarhus")
    expect(page.locator(".coord-matrix")).to_contain_text("Gadeplansarbejde i Alfaparken")
    expect(page.locator(".coord-summary")).to_contain_text("1 hul")

    page.locator(".coord-tabs").get_by_role("link", name="Kort").click()
    expect(page.locator(".leaflet-marker-icon.coord-pin-red")).to_have_count(1)
    expect(page.locator(".leaflet-marker-icon.coord-pin-gap")).to_have_count(1)
    expect(page.locator("path.coord-outline")).to_have_count(1)
    table = page.get_by_role("table", name="Afdelinger med trafiklys, indsatser og huller")
    expect(table.locator("tbody tr")).to_have_count(3)
    expect(table).to_contain_text("2 Alfahaven")
    page.locator(".leaflet-marker-icon.coord-pin-red").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".leaflet-popup-content")).to_contain_text("2 Alfahaven")
    check_axe(page)
    screenshot(page, "coordination-map")

    page.locator(".coord-tabs").get_by_role("link", name="Overblik").click()
    screenshot(page, "coordination-municipality")
    page.get_by_role("link", name="Registrér en indsats").first.click()
    page.get_by_label("Navn", exact=True).fill("Nærpolitiets ungeindsats")
    page.get_by_label("Ansvarlig", exact=True).select_option(label="Politi")
    page.get_by_label("Den ansvarliges navn").fill("Østjyllands Politi")
    page.get_by_label("Unge i risiko for kriminalitet").check()
    page.get_by_label("Sted", exact=True).select_option(label="Afdeling")
    page.get_by_label("Afdeling (frivilligt)", exact=True).select_option(label="1 Alfaparken")
    page.get_by_label("Fra", exact=True).fill(f"{date.today().year}-03-01")
    page.get_by_label("Kontaktperson").fill("Nærbetjent Jensen")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nærpolitiets ungeindsats")
    police = Effort.objects.get(name="Nærpolitiets ungeindsats")

    page.get_by_role("link", name="Tilbage til overblikket").click()
    page.locator(".coord-tabs").get_by_role("link", name="Overlap").click()
    item = page.locator(f"#overlap-{street.pk}-{police.pk}")
    expect(item).to_contain_text("Ikke afgjort")
    expect(item).to_contain_text("Østjyllands Politi")
    item.get_by_role("link", name="Afgør").click()
    page.get_by_label("Koordineret").check()
    page.get_by_label("Aftalt af").fill("Nærbetjent Jensen og Ali Gademedarbejder")
    page.get_by_label("Notat").fill("Politiet tager fredagene, gadeplansholdet resten.")
    page.get_by_role("button", name="Gem").click()
    item = page.locator(f"#overlap-{street.pk}-{police.pk}")
    expect(item).to_contain_text("Koordineret – Nærbetjent Jensen og Ali Gademedarbejder")
    screenshot(page, "coordination-overlaps")
    d = OverlapDecision.objects.get()
    assert (d.effort_a_id, d.effort_b_id, d.decision) == (street.pk, police.pk, "coordinated")
    assert foreign == []
    assert console_errors == []
