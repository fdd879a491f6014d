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
