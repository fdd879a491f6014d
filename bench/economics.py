"""Benchmark of the business case (issue 18 part 10): a case of 10 years × 20 outcomes (each
with two consequences from the price table over years 1–9, and a cost per year) must compute in
≤ 50 ms. Timed: the pure module alone on the case's input (`business_case.compute`, the raw
baseline), `POST /api/v1/economics/business-cases/compute/` with that input (the API's answer,
ratio to the pure module), the whole result the page shows (`economics.case_result`: the
command's output, the public parties on their own and the 3 × 3 sensitivity table, 11
computations) and the business-case page itself, as head-a; n = 50 (30 for the page)."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from boligsocial.organisations.models import Organisation
from boligsocial.reports import business_case, economics
from boligsocial.reports import economics_services as econ
from boligsocial.reports.models import BusinessCase, UnitPrice

TITLE = "BENCH business case"
OUTCOMES = 20
YEARS = 10


def _make(head, organisation) -> BusinessCase:
    BusinessCase.objects.filter(title=TITLE).delete()
    case = econ.save_case(
        by=head, organisation=organisation, title=TITLE, intervention=None, plan=None,
        description="", kind="budget", start_year=2025, horizon_years=YEARS,
        discount_rate=Decimal("0.035"),
    )  # fmt: skip
    for year in range(YEARS):
        econ.add_cost(
            by=head, case=case, label="Drift", year=year, payer="kommune", amount=Decimal(450000)
        )
    prices = list(UnitPrice.objects.filter(seeded=True, kind="budget").order_by("pk")[:2])
    for n in range(OUTCOMES):
        outcome = econ.save_outcome(
            by=head, case=case, name=f"Effekt {n + 1}", persons=40 + n,
            success_rate=Decimal("0.2"), success_low=Decimal("0.1"), success_high=Decimal("0.3"),
            deadweight=Decimal("0.25"), deadweight_low=Decimal("0.1"),
            deadweight_high=Decimal("0.4"), attribution=Decimal("0.8"), success_source="",
        )  # fmt: skip
        for price, payer in zip(prices, ("kommune", "stat"), strict=True):
            econ.add_consequence(
                by=head, outcome=outcome, price=price, payer=payer, share=Decimal("0.5"),
                first_year=1, last_year=YEARS - 1,
            )  # fmt: skip
    return case


def run(report) -> None:
    head = get_user_model().objects.get(username="head-a")
    organisation = Organisation.objects.filter(memberships__user=head).first()
    case = _make(head, organisation)
    loaded = economics.load_case(case.pk)
    data = economics.case_input(loaded)
    entries = sum(len(o["consequences"]) for o in data["outcomes"]) + len(data["costs"])
    report.line(
        f"economics: business case of {YEARS} years × {OUTCOMES} outcomes, {entries} entries"
    )
    pure = report.time(
        "business_case.compute alone (10 y × 20 outcomes)",
        lambda: business_case.compute(data),
        n=50,
    )
    client = Client()
    client.force_login(head)
    url = reverse("api:economics-business-case-compute")

    def api():
        response = client.post(url, data, content_type="application/json")
        assert response.status_code == 200, response.status_code

    posted = report.time("POST api economics business-cases/compute", api, n=50)
    whole = report.time(
        "economics.case_result (output, public, 3×3 sensitivity)",
        lambda: economics.case_result(economics.load_case(case.pk)),
        n=50,
    )
    page_url = reverse("reports:econ_case", args=[case.pk])

    def page():
        response = client.get(page_url)
        assert response.status_code == 200, response.status_code

    shown = report.time("page reports:econ_case (10 y × 20 outcomes)", page, n=30)
    report.line(
        f"economics: API / pure module p50 = {posted.p50_ms / pure.p50_ms:.1f}; "
        f"case_result / pure = {whole.p50_ms / pure.p50_ms:.1f} (11 computations); "
        f"page / pure = {shown.p50_ms / pure.p50_ms:.1f}; target ≤ 50 ms"
    )
    BusinessCase.objects.filter(title=TITLE).delete()
