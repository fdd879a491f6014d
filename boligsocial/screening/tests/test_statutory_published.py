"""Omdannelse from published memberships end to end (issue 13, item 13): the screen stores the
derived flag, its source and next year's outlook; the area page says so."""

from django.urls import reverse

from boligsocial.organisations.tests.factories import AreaFactory
from boligsocial.screening.engine import screen
from boligsocial.screening.models import PublishedListMembership, StatutoryStatus


def _published(area, years, names=("udsat", "parallelsamfund")):
    PublishedListMembership.objects.bulk_create(
        PublishedListMembership(area=area, year=year, list=name) for year in years for name in names
    )


def test_five_published_parallelsamfund_years_make_an_omdannelsesomraade(sw, client_for):
    area = AreaFactory(name="Listeparken", municipality=sw.area_shared.municipality)
    _published(area, range(2019, 2024))
    screen(area_ids=[area.pk])
    statuses = {s.year: s for s in StatutoryStatus.objects.filter(area=area)}
    assert {y: s.lists for y, s in statuses.items()} == {
        2019: ["udsat", "parallelsamfund"],
        2020: ["udsat", "parallelsamfund"],
        2021: ["udsat", "parallelsamfund"],
        2022: ["udsat", "parallelsamfund"],
        2023: ["udsat", "parallelsamfund", "omdannelse"],
    }
    assert all(s.from_published for s in statuses.values())
    details = statuses[2023].details
    assert details["list_sources"] == {
        "udsat": "published",
        "parallelsamfund": "published",
        "omdannelse": "derived",
        "forebyggelse": "published",
    }
    assert details["warnings"] == []
    assert details["parallelsamfund_years"] == 5
    assert statuses[2022].details["outlook"] == {
        "year": 2023,
        "parallelsamfund_year": 5,
        "omdannelse": True,
        "omdannelse_from": 2023,
        "message": "5. år på parallelsamfundslisten → omdannelsesområde",
    }

    client = client_for("admin")
    page = client.get(reverse("screening:area", args=[area.pk]), {"aar": 2023}).content.decode()
    assert "Afledt af parallelsamfundsrækken (5 år i træk): Omdannelsesområde." in page
    page = client.get(reverse("screening:area", args=[area.pk]), {"aar": 2022}).content.decode()
    assert "Står det på parallelsamfundslisten i 2023: 5. år på listen → omdannelsesområde." in page


def test_published_omdannelse_against_the_run_is_kept_and_warned_on_the_page(sw, client_for):
    area = AreaFactory(name="Tidligparken", municipality=sw.area_shared.municipality)
    _published(area, [2022])
    _published(area, [2023], names=("udsat", "parallelsamfund", "omdannelse"))
    screen(area_ids=[area.pk])
    status = StatutoryStatus.objects.get(area=area, year=2023)
    assert status.lists == ["udsat", "parallelsamfund", "omdannelse"]
    assert status.details["warnings"] == [
        {
            "code": "omdannelse_without_run",
            "list": "omdannelse",
            "parallelsamfund_years": 2,
            "message": "Offentliggjort som omdannelsesområde, men kun 2 år i træk på "
            "parallelsamfundslisten (omdannelse kræver 5)",
        }
    ]
    page = client_for("admin").get(reverse("screening:area", args=[area.pk]), {"aar": 2023})
    assert (
        "Offentliggjort som omdannelsesområde, men kun 2 år i træk på parallelsamfundslisten "
        "(omdannelse kræver 5)." in page.content.decode()
    )
