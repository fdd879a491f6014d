"""Access-matrix rows for the styringsdialog (issue 18).

Organisation A has a finalised report of 2023 (with an agreement), a draft of 2024 and a draft
department report of 2024 for Alfaparken (dept A1, in Aarhus). Building, finalising, texts, the
meeting's writes: the social unit of A (and administrators). The department board of A1 reads its
department's report and adds points. The municipal coordinator (Aarhus) reads the finalised report
and its public summary, and updates the agreements. Everyone else: 404."""

from tests.access_rows.common import ALL, only

BUILDERS = only("admin", "staff_a", "head_a")
DEPT_READERS = BUILDERS | only("dept_board_a1")
FINAL_READERS = BUILDERS | only("municipal")
EVERYONE = ALL
CREATORS = only("admin", "staff_a", "head_a", "staff_b")

PAGES: list = [
    ("reports:index", {}, EVERYONE, ()),
    ("reports:create", {}, CREATORS, ALL - CREATORS),
    ("reports:report", {"pk": "report_final"}, FINAL_READERS, ()),
    ("reports:report_pdf", {"pk": "report_final"}, FINAL_READERS, ()),
    ("reports:public", {"pk": "report_final"}, FINAL_READERS, ()),
    ("reports:public_pdf", {"pk": "report_final"}, FINAL_READERS, ()),
    ("reports:table", {"pk": "report_final", "key": "departments"}, FINAL_READERS, ()),
    ("reports:meeting", {"pk": "report_final"}, FINAL_READERS, ()),
    ("reports:agreement", {"pk": "agreement_a"}, FINAL_READERS, ()),
    ("reports:report", {"pk": "report_draft"}, BUILDERS, ()),
    ("reports:public", {"pk": "report_draft"}, BUILDERS, ()),
    ("reports:texts", {"pk": "report_draft"}, BUILDERS, ()),
    ("reports:finalise", {"pk": "report_draft"}, BUILDERS, ()),
    ("reports:add_point", {"pk": "report_draft"}, BUILDERS, ()),
    ("reports:report", {"pk": "report_dept"}, DEPT_READERS, ()),
    ("reports:add_point", {"pk": "report_dept"}, DEPT_READERS, ()),
    ("reports:public", {"pk": "report_dept"}, BUILDERS, ()),
    ("reports:texts", {"pk": "report_dept"}, BUILDERS, only("dept_board_a1")),
    ("reports:report", {"pk": 999999}, only(), ()),
]
API: list = [
    ("api:styringsdialog-report-list", {}, EVERYONE, ()),
    ("api:styringsdialog-report-detail", {"pk": "report_final"}, FINAL_READERS, ()),
    ("api:styringsdialog-report-detail", {"pk": "report_dept"}, DEPT_READERS, ()),
    ("api:styringsdialog-agreement-list", {}, EVERYONE, ()),
    ("api:styringsdialog-agreement-detail", {"pk": "agreement_a"}, FINAL_READERS, ()),
]
NOT_IN_MATRIX = {"api:styringsdialog-report-points"}  # POST only


def extend_world(world, personas) -> None:
    from datetime import date

    from boligsocial.reports import services

    if hasattr(world, "report_final"):
        return
    world.report_final = services.create_report(by=None, organisation=world.org_a, year=2023)
    services.finalise(report=world.report_final, by=None, today=date(2024, 9, 1))
    world.agreement_a = services.add_agreement(
        report=world.report_final,
        by=None,
        what="Tryghedsvandring",
        who="Kommunen",
        due_date=date(2024, 12, 1),
    )
    world.report_draft = services.create_report(by=None, organisation=world.org_a, year=2024)
    world.report_dept = services.create_report(
        by=None, organisation=world.org_a, department=world.dept_a1, year=2024
    )


# --- the economics (issue 18, decision 0038): one block, appended --------------------------------
#
# A business case, an effect measurement and an outcome contract of organisation A, a local price
# of A and a seeded price. The price table is read by the social units, administrators and the
# municipal coordinator (seeded prices; local ones only in their own organisation); heads and
# administrators add and change local prices. A's economics: its social unit and administrators.

PRICE_READERS = only("admin", "staff_a", "head_a", "staff_b", "municipal")
PRICE_EDITORS = only("admin", "head_a")
ECON_CREATORS = only("admin", "staff_a", "head_a", "staff_b")
ECON_A = only("admin", "staff_a", "head_a")

PAGES += [
    ("reports:econ_index", {}, PRICE_READERS, ()),
    ("reports:econ_prices", {}, PRICE_READERS, ()),
    ("reports:econ_price_create", {}, PRICE_EDITORS, PRICE_READERS - PRICE_EDITORS),
    ("reports:econ_price_edit", {"pk": "econ_price_a"}, PRICE_EDITORS, only("staff_a")),
    ("reports:econ_price_delete", {"pk": "econ_price_a"}, PRICE_EDITORS, only("staff_a")),
    ("reports:econ_price_edit", {"pk": "econ_price_seeded"}, only(), PRICE_READERS),
    ("reports:econ_case_create", {}, ECON_CREATORS, ()),
    ("reports:econ_case", {"pk": "econ_case_a"}, ECON_A, ()),
    ("reports:econ_case_edit", {"pk": "econ_case_a"}, ECON_A, ()),
    ("reports:econ_case_delete", {"pk": "econ_case_a"}, ECON_A, ()),
    ("reports:econ_case_pdf", {"pk": "econ_case_a"}, ECON_A, ()),
    ("reports:econ_case_excel", {"pk": "econ_case_a"}, ECON_A, ()),
    ("reports:econ_outcome_create", {"pk": "econ_case_a"}, ECON_A, ()),
    ("reports:econ_outcome", {"pk": "econ_outcome_a"}, ECON_A, ()),
    (
        "reports:econ_line_delete",
        {"pk": "econ_case_a", "kind": "cost", "line": "econ_cost_a"},
        ECON_A,
        (),
    ),
    ("reports:econ_measurements", {}, ECON_CREATORS, ()),
    ("reports:econ_measurement_create", {}, ECON_CREATORS, ()),
    ("reports:econ_measurement", {"pk": "econ_measurement_a"}, ECON_A, ()),
    ("reports:econ_measurement_delete", {"pk": "econ_measurement_a"}, ECON_A, ()),
    ("reports:econ_contracts", {}, ECON_CREATORS, ()),
    ("reports:econ_contract_create", {}, ECON_CREATORS, ()),
    ("reports:econ_contract", {"pk": "econ_contract_a"}, ECON_A, ()),
    ("reports:econ_contract_edit", {"pk": "econ_contract_a"}, ECON_A, ()),
    ("reports:econ_contract_delete", {"pk": "econ_contract_a"}, ECON_A, ()),
    (
        "reports:econ_contract_line_delete",
        {"pk": "econ_contract_a", "kind": "party", "line": "econ_party_a"},
        ECON_A,
        (),
    ),
    ("reports:econ_case", {"pk": 999999}, only(), ()),
]
API += [
    ("api:economics-price-list", {}, EVERYONE, ()),
    ("api:economics-price-detail", {"pk": "econ_price_seeded"}, PRICE_READERS, ()),
    ("api:economics-price-detail", {"pk": "econ_price_a"}, ECON_A, ()),
    ("api:economics-business-case-list", {}, EVERYONE, ()),
    ("api:economics-business-case-detail", {"pk": "econ_case_a"}, ECON_A, ()),
    ("api:economics-effect-list", {}, EVERYONE, ()),
    ("api:economics-effect-detail", {"pk": "econ_measurement_a"}, ECON_A, ()),
    ("api:economics-contract-list", {}, EVERYONE, ()),
    ("api:economics-contract-detail", {"pk": "econ_contract_a"}, ECON_A, ()),
]
NOT_IN_MATRIX = NOT_IN_MATRIX | {"api:economics-business-case-compute"}  # POST only

_extend_styringsdialog_world = extend_world


def extend_world(world, personas) -> None:  # the styringsdialog's world, then ours
    from datetime import date
    from decimal import Decimal

    from boligsocial.catalogue.models import Intervention
    from boligsocial.reports import economics_services as econ
    from boligsocial.reports.models import UnitPrice

    _extend_styringsdialog_world(world, personas)
    if hasattr(world, "econ_case_a"):
        return
    world.econ_price_seeded = UnitPrice.objects.filter(seeded=True).order_by("pk").first()
    world.econ_price_a = econ.save_price(
        by=None,
        organisation=world.org_a,
        name="Egen pris",
        value=Decimal(1000),
        unit="case",
        payer="",
        kind="budget",
        price_year=2025,
        source="Egen opgørelse",
        source_url="",
    )
    intervention = Intervention.objects.get(number=10)
    world.econ_case_a = econ.save_case(
        by=None,
        organisation=world.org_a,
        title="Jobmentor",
        intervention=intervention,
        plan=None,
        description="",
        kind="budget",
        start_year=2025,
        horizon_years=3,
        discount_rate=Decimal("0.035"),
    )
    world.econ_cost_a = econ.add_cost(
        by=None,
        case=world.econ_case_a,
        label="Mentor",
        year=0,
        payer="kommune",
        amount=Decimal(100000),
    )
    world.econ_outcome_a = econ.save_outcome(
        by=None,
        case=world.econ_case_a,
        name="I job",
        persons=10,
        success_rate=Decimal("0.3"),
        success_low=Decimal("0.2"),
        success_high=Decimal("0.4"),
        deadweight=Decimal("0.1"),
        deadweight_low=Decimal(0),
        deadweight_high=Decimal("0.2"),
        attribution=Decimal(1),
        success_source="",
    )
    econ.add_consequence(
        by=None,
        outcome=world.econ_outcome_a,
        price=world.econ_price_seeded,
        payer="kommune",
        share=Decimal(1),
        first_year=1,
        last_year=2,
    )
    world.econ_measurement_a = econ.measure_effect(
        by=None, organisation=world.org_a, intervention=intervention
    )
    world.econ_contract_a = econ.save_contract(
        by=None,
        organisation=world.org_a,
        title="Job",
        plan=None,
        metric="Selvforsørgende",
        measurement="Register",
        price_per_outcome=Decimal(100000),
        cap=Decimal(500000),
        start_date=date(2024, 1, 1),
        end_date=date(2027, 12, 31),
    )
    world.econ_party_a = econ.add_party(
        by=None, contract=world.econ_contract_a, name="Kommunen", role="authority"
    )
