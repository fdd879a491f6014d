"""The catalogue's pages and its seeded data."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from boligsocial.catalogue.models import Intervention, LbfArea, LbfPeriod
from boligsocial.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_the_seed_holds_the_30_interventions_as_marked():
    assert Intervention.objects.filter(organisation__isnull=True).count() == 30
    rows = {
        i.number: (i.evidence, i.cfbu_checked, i.evidence_uncertain, i.cost)
        for i in Intervention.objects.all()
    }
    assert rows[5] == ("A/B", True, False, "")
    assert rows[6] == ("A", True, True, "")
    assert rows[3] == ("B/C", False, False, "")
    assert rows[22] == ("B", False, True, "")
    assert rows[19] == ("C/B", True, False, "Lav; mest personaletid")
    assert rows[24][3] == (
        "Ca. 5.000 kr. pr. mægling mod ca. 50.000 kr. pr. klagesag ved beboerklagenævnet"
    )
    assert sorted(n for n, r in rows.items() if not r[1]) == [3, 4, 10, 12, 16, 22, 27]
    assert sorted(n for n, r in rows.items() if r[3]) == [7, 19, 24, 25, 26]
    assert [a.name for a in LbfPeriod.objects.get(code="2019-26").areas.all()] == [
        "Uddannelse og livschancer",
        "Beskæftigelse",
        "Kriminalitetsforebyggelse",
        "Sammenhængskraft og medborgerskab",
    ]
    five = Intervention.objects.get(number=5)
    assert sorted(a.name for a in five.areas.all()) == [
        "Forebyggelse og forældreansvar",
        "Uddannelse og livschancer",
    ]


def test_a_local_intervention_cannot_be_rated_without_a_source(world):
    area = LbfArea.objects.get(period__code="2019-26", code="B")
    with pytest.raises(IntegrityError):
        Intervention.objects.create(
            name="Egen jobklub",
            main_area=area,
            target_group="Ledige",
            description="x",
            organisation=world.org_a,
            evidence="B",
        )


def test_catalogue_list_filters_sorts_and_shows_unknown_cost(client_for):
    c = client_for("staff_a")
    page = c.get(reverse("catalogue:index"), {"evidence": "A"})
    assert page.status_code == 200
    assert [i.number for i in page.context["listing"].page.object_list] == [6, 14, 20]
    area = LbfArea.objects.get(period__code="2019-26", code="K")
    page = c.get(reverse("catalogue:index"), {"area": area.pk, "sort": "-number"})
    assert [i.number for i in page.context["listing"].page.object_list][:3] == [27, 24, 23]
    page = c.get(reverse("catalogue:index"), {"q": "lektie"})
    assert [i.number for i in page.context["listing"].page.object_list] == [2]
    assert "ukendt" in c.get(reverse("catalogue:index")).content.decode()


def test_catalogue_export_is_a_workbook_with_unknown_costs(client_for):
    from io import BytesIO

    from openpyxl import load_workbook

    response = client_for("staff_a").get(reverse("catalogue:export"), {"evidence": "A/B"})
    rows = list(load_workbook(BytesIO(response.content)).active.values)
    assert rows[0][:2] == ("Nr.", "Indsats")
    assert [(r[0], r[5], r[7]) for r in rows[1:]] == [(5, "A/B", "ukendt")]


def test_staff_adds_a_local_intervention_shown_unrated_without_source(client_for, world):
    c = client_for("staff_a")
    area = LbfArea.objects.get(period__code="2019-26", code="B")
    data = {
        "organisation": world.org_a.pk,
        "name": "Egen jobklub",
        "main_area": area.pk,
        "target_group": "Ledige",
        "description": "Ugentlig klub",
    }
    response = c.post(reverse("catalogue:create_local"), {**data, "evidence": "B"})
    assert response.status_code == 200
    assert "Angiv kilden til evidensniveauet" in response.content.decode()
    assert not Intervention.objects.filter(name="Egen jobklub").exists()
    response = c.post(reverse("catalogue:create_local"), data)
    item = Intervention.objects.get(name="Egen jobklub")
    assert response.status_code == 302
    assert (item.organisation, item.shown_evidence, item.is_local) == (world.org_a, "", True)
    url = reverse("catalogue:intervention", args=[item.pk])
    assert client_for("staff_b").get(url).status_code == 404
    page = c.get(url).content.decode()
    assert "Ikke vurderet" in page
    assert "ukendt" in page


def test_board_may_not_add_local_interventions(client_for, world):
    assert client_for("board_a").get(reverse("catalogue:create_local")).status_code == 403
    assert Organisation.objects.count() == 2
    assert Intervention.objects.count() == 30
