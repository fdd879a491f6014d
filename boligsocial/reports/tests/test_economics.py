"""The economics (decision 0038) on a small world (no screening, built once for the module):
a business case's exact tables from the price table through the command's own module (and the
command itself gives the same), the sensitivity grid, the housing organisation as its own party,
budget- and socio-economic figures kept apart, the price table's rules, the effect measurement's
"too few data", an outcome contract's validations and what is due, and the API."""

import io
import json
from datetime import timedelta
from decimal import Decimal as D

import openpyxl
import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from boligsocial.audit.models import ChangeLogEntry
from boligsocial.catalogue.models import Intervention
from boligsocial.core.permissions import can
from boligsocial.reports import access, business_case, economics
from boligsocial.reports import economics_services as econ
from boligsocial.reports.models import BusinessCase, CaseConsequence, UnitPrice
from boligsocial.reports.services import ReportError
from conftest import FAST_HASHERS, build_personas, build_world, client_as

JOB = "Person på kontanthjælp i fuldtidsjob: bedre offentlige finanser"
LEGAL = "Retlig husordenssag"
KORA = "Udsat ledig i job i mindst 3 måneder: samfundsøkonomisk gevinst, nedre skøn"


@pytest.fixture(scope="module")
def _econ_world(django_db_setup, django_db_blocker):
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS),
    ):
        world = build_world()
        yield world, build_personas(world)
        transaction.set_rollback(True)


@pytest.fixture
def ew(_econ_world, db):
    return _econ_world[0]


@pytest.fixture
def ep(_econ_world, db):
    return _econ_world[1]


def price(name):
    return UnitPrice.objects.get(seeded=True, name=name)


@pytest.fixture
def case(ew, ep):
    """Horizon 3, r = 0, 100.000 kr. for the municipality in year 0; 10 persons × 0,5 × (1 − 0,2)
    × 1 = 4 effect persons; 260.000 × 0,1 = 26.000 kr. for the municipality in years 1–2 and a
    legal house-rule case (50.000 kr.) saved for the housing organisation in year 2."""
    head = ep["head_a"]
    c = econ.save_case(
        by=head,
        organisation=ew.org_a,
        title="Jobmentor",
        intervention=Intervention.objects.get(number=10),
        plan=None,
        description="",
        kind="budget",
        start_year=2025,
        horizon_years=3,
        discount_rate=D(0),
    )
    econ.add_cost(by=head, case=c, label="Mentor", year=0, payer="kommune", amount=D(100000))
    outcome = econ.save_outcome(
        by=head,
        case=c,
        name="I job",
        persons=10,
        success_rate=D("0.5"),
        success_low=D("0.25"),
        success_high=D("0.75"),
        deadweight=D("0.2"),
        deadweight_low=D(0),
        deadweight_high=D("0.4"),
        attribution=D(1),
        success_source="",
    )
    econ.add_consequence(
        by=head,
        outcome=outcome,
        price=price(JOB),
        payer="kommune",
        share=D("0.1"),
        first_year=1,
        last_year=2,
    )
    econ.add_consequence(
        by=head,
        outcome=outcome,
        price=price(LEGAL),
        payer="boligorganisation",
        share=D(1),
        first_year=2,
        last_year=2,
    )
    return economics.load_case(c.pk)


def test_the_case_is_the_commands_input_and_its_exact_result(case, tmp_path):
    result = economics.case_result(case)
    assert result["input"]["outcomes"][0]["consequences"] == [
        {"year": 1, "payer": "kommune", "amount_per_person": "26000"},
        {"year": 2, "payer": "kommune", "amount_per_person": "26000"},
        {"year": 2, "payer": "boligorganisation", "amount_per_person": "50000"},
    ]
    npv = result["output"]["npv"]
    assert (npv["kommune"], npv["public"], npv["boligorganisation"], npv["total"]) == (
        "108000.00",
        "108000.00",
        "200000.00",
        "308000.00",
    )
    # The public parties on their own: the housing organisation's gain is not in them.
    assert [y["net"] for y in result["public"]["years"]] == ["-100000.00", "104000.00", "104000.00"]
    assert result["public"]["payback_year"] == 1
    # Public NPV: success low/expected/high (rows) × deadweight low/expected/high (columns).
    assert [[c["public"] for c in row["cells"]] for row in result["sensitivity"]] == [
        ["30000.00", "4000.00", "-22000.00"],
        ["160000.00", "108000.00", "56000.00"],
        ["290000.00", "212000.00", "134000.00"],
    ]
    assert result["sensitivity"][1]["cells"][1]["housing"] == "200000.00"
    # The command computes the same from the same input.
    (tmp_path / "in.json").write_text(json.dumps(result["input"]))
    call_command("business_case", input=str(tmp_path / "in.json"), output=str(tmp_path / "o.json"))
    assert json.loads((tmp_path / "o.json").read_text()) == result["output"]


def test_the_page_and_the_excel_file_show_npv_and_the_sensitivity_table(case, ep):
    client = client_as(ep, "head_a")
    page = client.get(reverse("reports:econ_case", args=[case.pk])).content.decode()
    assert "108.000 kr." in page and "200.000 kr." in page
    assert "aldrig lagt til det offentlige resultat" in page
    assert "Følsomhed" in page and "-22.000" in page
    book = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("reports:econ_case_excel", args=[case.pk])).content)
    )
    sheet = book[book.sheetnames[3]]
    assert [c.value for c in sheet[3]] == ["Forventet", 160000, 108000, 56000]


def test_budget_and_socio_economic_prices_are_never_mixed(case, ep):
    outcome = case.outcomes.first()
    before = CaseConsequence.objects.count()
    with pytest.raises(ReportError, match="lægges aldrig sammen"):
        econ.add_consequence(
            by=ep["head_a"],
            outcome=outcome,
            price=price(KORA),
            payer="stat",
            share=D(1),
            first_year=0,
            last_year=0,
        )
    with pytest.raises(ReportError, match="lægges aldrig sammen"):
        econ.save_case(by=ep["head_a"], case=case, kind="society")
    with pytest.raises(ReportError, match="horisonten"):
        econ.add_consequence(
            by=ep["head_a"],
            outcome=outcome,
            price=price(JOB),
            payer="stat",
            share=D(1),
            first_year=1,
            last_year=3,
        )
    assert CaseConsequence.objects.count() == before
    assert BusinessCase.objects.get(pk=case.pk).kind == "budget"


def test_the_form_needs_a_payer_when_the_source_does_not_split_it(case, ep):
    client = client_as(ep, "head_a")
    outcome = case.outcomes.first()
    before = CaseConsequence.objects.count()
    response = client.post(
        reverse("reports:econ_outcome", args=[outcome.pk]),
        {
            "form": "consequence",
            "consequence-price": price(JOB).pk,
            "consequence-payer": "",
            "consequence-share": "1",
            "consequence-first_year": "0",
            "consequence-last_year": "1",
        },
    )
    assert response.status_code == 200
    assert "Kilden fordeler ikke denne pris" in response.content.decode()
    assert CaseConsequence.objects.count() == before


def test_the_price_table_seeded_read_only_local_with_source(ew, ep):
    seeded = UnitPrice.objects.filter(seeded=True)
    assert seeded.count() == 13
    assert price(JOB).value == D(260000) and price(JOB).price_year == 2024
    assert (
        price(JOB).payer == "" and price(KORA).kind == "society" and price(KORA).price_year is None
    )
    head, staff = ep["head_a"], ep["staff_a"]
    assert can(head, access.PRICE_EDIT, None) and not can(staff, access.PRICE_EDIT, None)
    assert not can(head, access.PRICE_EDIT, price(JOB))
    with pytest.raises(ReportError):
        econ.save_price(by=head, price=price(JOB), value=D(1))
    client = client_as(ep, "head_a")
    bad = client.post(
        reverse("reports:econ_price_create"),
        {"name": "Egen", "value": "10", "unit": "case", "kind": "budget", "source": "  "},
    )
    assert bad.status_code == 200 and not UnitPrice.objects.filter(name="Egen").exists()
    client.post(
        reverse("reports:econ_price_create"),
        {"name": "Egen", "value": "10", "unit": "case", "kind": "budget", "source": "Egen 2025"},
    )
    local = UnitPrice.objects.get(name="Egen")
    assert local.is_local and local.organisation == ew.org_a
    assert ChangeLogEntry.objects.filter(object_id=str(local.pk), action="create").exists()
    listing = client.get(reverse("reports:econ_prices"), {"q": "Egen"}).content.decode()
    assert "Lokal" in listing and "Egen 2025" in listing
    book = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("reports:econ_prices"), {"format": "xlsx"}).content)
    )
    assert book.active.max_row == 15  # header + 13 seeded + the local one
    # staff of B does not see A's local price
    assert not access.visible_prices(ep["staff_b"]).filter(pk=local.pk).exists()


def test_a_price_in_use_is_not_deleted(case, ep):
    local = econ.save_price(
        by=ep["head_a"],
        organisation=case.organisation,
        name="Lokal",
        value=D(5),
        unit="case",
        payer="",
        kind="budget",
        price_year=None,
        source="Egen",
        source_url="",
    )
    econ.add_consequence(
        by=ep["head_a"],
        outcome=case.outcomes.first(),
        price=local,
        payer="kommune",
        share=D(1),
        first_year=0,
        last_year=0,
    )
    client = client_as(ep, "head_a")
    client.post(reverse("reports:econ_price_delete", args=[local.pk]))
    assert UnitPrice.objects.filter(pk=local.pk).exists()


def test_an_effect_measurement_without_enough_data_says_so_with_no_number(ew, ep):
    m = econ.measure_effect(
        by=ep["head_a"], organisation=ew.org_a, intervention=Intervention.objects.get(number=10)
    )
    assert m.result["departments"] == 0
    assert m.result["rows"] and all(r["effect"] is None for r in m.result["rows"])
    page = client_as(ep, "head_a").get(reverse("reports:econ_measurement", args=[m.pk]))
    text = page.content.decode()
    assert "For få data" in text and "ikke bevis for" in text
    assert (
        client_as(ep, "staff_b").get(reverse("reports:econ_measurement", args=[m.pk])).status_code
        == 404
    )


def test_an_outcome_contract_records_verified_outcomes_and_what_is_due(ew, ep):
    head, today = ep["head_a"], timezone.localdate()
    contract = econ.save_contract(
        by=head,
        organisation=ew.org_a,
        title="Job",
        plan=None,
        metric="Selvforsørgende 6 mdr.",
        measurement="Register",
        price_per_outcome=D(100000),
        cap=D(250000),
        start_date=today - timedelta(days=400),
        end_date=today + timedelta(days=400),
    )
    kommune = econ.add_party(by=head, contract=contract, name="Kommunen", role="authority")
    fond = econ.add_party(by=head, contract=contract, name="Fonden", role="investor")
    for kwargs in (
        {"occurred_on": today - timedelta(days=10), "verified_on": today - timedelta(days=20)},
        {"occurred_on": today - timedelta(days=10), "verified_on": today + timedelta(days=1)},
        {"occurred_on": today - timedelta(days=900), "verified_on": today},
    ):
        with pytest.raises(ReportError):
            econ.record_event(
                by=head,
                contract=contract,
                reference="Hold",
                outcomes=1,
                verified_by="Kommunen",
                **kwargs,
            )
    assert not contract.events.exists()
    econ.record_event(
        by=head,
        contract=contract,
        reference="Hold 1",
        outcomes=3,
        occurred_on=today - timedelta(days=60),
        verified_on=today - timedelta(days=30),
        verified_by="Kommunen",
    )
    econ.add_repayment(
        by=head,
        contract=contract,
        due_date=today - timedelta(days=1),
        payer=kommune,
        payee=fond,
        share=D("0.5"),
    )
    data = economics.contract_settlement(contract, today)
    assert data["settlement"].earned == D("250000.00")  # 3 × 100.000 capped at 250.000
    assert data["due_to"] == [(fond, D("125000.00"))]
    client = client_as(ep, "head_a")
    assert (
        "125.000"
        in client.get(reverse("reports:econ_contract", args=[contract.pk])).content.decode()
    )
    book = openpyxl.load_workbook(
        io.BytesIO(
            client.get(
                reverse("reports:econ_contract", args=[contract.pk]), {"format": "xlsx"}
            ).content
        )
    )
    assert [c.value for c in book.worksheets[2][2]] == ["Fonden", 125000]


def test_the_api_computes_the_commands_input_and_names_the_bad_field(case, ep):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(ep["staff_a"])
    url = reverse("api:economics-business-case-compute")
    data = economics.case_input(case)
    assert api.post(url, data, format="json").json() == business_case.compute(data)
    bad = api.post(url, {**data, "horizon_years": 0}, format="json")
    assert bad.status_code == 400 and bad.json()["detail"].startswith("horizon_years:")
    stored = api.get(reverse("api:economics-business-case-detail", args=[case.pk])).json()
    assert stored["output"]["npv"]["public"] == "108000.00"
    refused = api.post(reverse("api:economics-price-list"), {}, format="json")
    assert refused.status_code == 403


def test_the_success_rate_is_taken_from_a_measured_effect(case, ew, ep):
    from boligsocial.reports.models import EffectMeasurement

    measured = EffectMeasurement.objects.create(
        organisation=ew.org_a,
        intervention=case.intervention,
        computed_at=timezone.now(),
        result={
            "rows": [
                {
                    "indicator": "outside_work_education",
                    "name": "Andel uden for arbejde",
                    "higher_is_worse": True,
                    "effect": "-6.0000",
                    "ci_low": "-9.0000",
                    "ci_high": "-2.0000",
                    "success_rate": "0.06",
                }
            ]
        },
    )
    outcome = case.outcomes.first()
    client_as(ep, "head_a").post(
        reverse("reports:econ_outcome", args=[outcome.pk]),
        {"form": "rate", "rate-row": f"{measured.pk}:outside_work_education"},
    )
    outcome.refresh_from_db()
    # 6 points fewer outside work: 0,06; the interval −9 to −2 points: 0,02 to 0,09
    assert (outcome.success_rate, outcome.success_low, outcome.success_high) == (
        D("0.06"),
        D("0.02"),
        D("0.09"),
    )
    assert outcome.success_source.startswith("Egen effektmåling")
