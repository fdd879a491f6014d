"""A plan for the shared world: organisation A's Alfaparken and organisation B's Betagården in
Aarhus (751), 2024-2027, with one sub-agreement (Beskæftigelse)."""

from decimal import Decimal

from boligsocial.catalogue.models import Intervention, LbfArea, LbfPeriod
from boligsocial.organisations.tests.factories import municipality
from boligsocial.plans import services


def area(code: str) -> LbfArea:
    return LbfArea.objects.get(period__code="2019-26", code=code)


def make_plan(world, by=None, name="Helhedsplan Fællesområdet 2024–27"):
    plan = services.create_plan(
        by=by,
        name=name,
        municipality=municipality(751),
        organisations=[world.org_a, world.org_b],
        departments=[world.dept_a1, world.dept_b1],
        period=LbfPeriod.objects.get(code="2019-26"),
        first_year=2024,
    )
    return plan


def balanced_budget(plan, by=None, lbf="300000.00", local="100000.00"):
    """LBF `lbf` over the four years, the municipality `local` (others 0)."""
    funders = {f.kind: f for f in plan.funders.all() if f.kind != "housing"}
    pledges = {f.pk: Decimal(0) for f in plan.funders.all()}
    pledges[funders["lbf"].pk] = Decimal(lbf)
    pledges[funders["municipality"].pk] = Decimal(local)
    lines = []
    for year in plan.years:
        lines.append((funders["lbf"].pk, year, "Sekretariat", Decimal(lbf) / 4))
        lines.append((funders["municipality"].pk, year, "Sekretariat", Decimal(local) / 4))
    return services.set_budget(plan=plan, by=by, pledges=pledges, lines=lines)


def fritidsjob():
    return Intervention.objects.get(number=1)
