"""Access-matrix rows for the comprehensive plans (see tests/access_rows/__init__.py).

Plan AB belongs to organisations A and B in Aarhus (Alfaparken and Betagården) and is submitted;
plan B belongs to organisation B in Aalborg (Betabakken). Seeing a plan: its organisations'
roles, a department role of one of its departments, the municipal coordinators of its
municipality. Plan AB is shared (decision 0033): organisation A runs the secretariat and edits
all of it (with administrators); organisation B's social unit and the municipal coordinator
edit their own parts: add activities, log the sessions of the activities they own
(activity_ab_b is B's, activity_ab_m the municipality's, activity_ab the secretariat's), edit
their budget row, record approvals. Boards, caretakers and the forretningsfører read only."""

from tests.access_rows.common import ALL, ORG_A_ROLES, only

SEES_AB = ORG_A_ROLES | only("admin", "dept_board_a1", "staff_b", "municipal")
EDITORS_AB = only("admin", "staff_a", "head_a")  # the secretariat (organisation A)
READERS_AB = SEES_AB - EDITORS_AB
PART_AB = EDITORS_AB | only("staff_b", "municipal")  # every owner, for its own part
SEES_B = only("admin", "staff_b")
CREATORS = only("admin", "staff_a", "head_a", "staff_b")
# Import budget lines and activity logs: administrators, social units, municipal coordinators.
IMPORTERS = only("admin", "staff_a", "head_a", "staff_b", "municipal")
ALL_PERSONAS = ALL

_VIEW = (
    "plans:plan",
    "plans:sub_agreements",
    "plans:goals",
    "plans:activities",
    "plans:budget",
    "plans:budget_export",
    "plans:reports",
    "plans:status_report",
    "plans:status_report_pdf",
    "plans:revisions",
    "plans:documents",
)
_EDIT = ("plans:edit_agreement", "plans:add_sub_agreement", "plans:add_goal")

PAGES: list = [
    ("plans:index", {}, only("admin") | SEES_AB | only("nobody"), ()),
    ("plans:create", {}, CREATORS, (SEES_AB | only("nobody")) - CREATORS),
    *((name, {"pk": "plan_ab"}, SEES_AB, ()) for name in _VIEW),
    ("plans:plan", {"pk": "plan_b"}, SEES_B, ()),
    ("plans:budget", {"pk": "plan_b"}, SEES_B, ()),
    ("plans:plan", {"pk": 999999}, only(), ()),
    *((name, {"pk": "plan_ab"}, EDITORS_AB, READERS_AB) for name in _EDIT),
    ("plans:edit_agreement", {"pk": "plan_b"}, SEES_B, ()),
    ("plans:add_activity", {"pk": "plan_ab"}, PART_AB, SEES_AB - PART_AB),
    ("plans:edit_budget", {"pk": "plan_ab"}, PART_AB, SEES_AB - PART_AB),
    ("plans:approve", {"pk": "plan_ab"}, PART_AB, SEES_AB - PART_AB),
    *(
        (name, {"pk": "plan_ab", "code": code, "year": year}, EDITORS_AB, READERS_AB)
        for name in ("plans:edit_report", "plans:send_report")
        for code, year in (("status", 2025), ("midterm", 2025), ("final", 2027))
    ),
    ("plans:edit_report", {"pk": "plan_ab", "code": "final", "year": 2025}, only(), ()),
    ("plans:edit_report", {"pk": "plan_b", "code": "status", "year": 2023}, SEES_B, ()),
    ("plans:edit_partner", {"pk": "partner_ab"}, EDITORS_AB, READERS_AB),
    ("plans:add_milestone", {"pk": "plan_ab"}, EDITORS_AB, READERS_AB),
    ("plans:add_milestone", {"pk": "plan_b"}, SEES_B, ()),
    ("plans:add_group", {"pk": "plan_ab"}, EDITORS_AB, READERS_AB),
    ("plans:add_group", {"pk": "plan_b"}, SEES_B, ()),
    ("plans:add_spending", {"pk": "plan_ab"}, PART_AB, SEES_AB - PART_AB),
    ("plans:add_spending", {"pk": "plan_b"}, SEES_B, ()),
    ("plans:edit_partner", {"pk": "partner_b"}, SEES_B, ()),
    ("plans:activity", {"pk": "activity_ab"}, SEES_AB, ()),
    ("plans:activity", {"pk": "activity_b"}, SEES_B, ()),
    ("plans:log_session", {"pk": "activity_ab"}, EDITORS_AB, READERS_AB),
    *(
        ("plans:log_session", {"pk": key}, EDITORS_AB | only(owner), READERS_AB - only(owner))
        for key, owner in (("activity_ab_b", "staff_b"), ("activity_ab_m", "municipal"))
    ),
    ("plans:log_session", {"pk": "activity_b"}, SEES_B, ()),
    # Documents (decision 0044): every owner uploads; a version is removed by the secretariat or
    # by its uploader (version_ab_2 is staff_b's, version_ab_1 head_a's).
    ("plans:documents", {"pk": "plan_b"}, SEES_B, ()),
    ("plans:add_document", {"pk": "plan_ab"}, PART_AB, SEES_AB - PART_AB),
    ("plans:add_document", {"pk": "plan_b"}, SEES_B, ()),
    ("plans:add_document_version", {"pk": "document_ab"}, PART_AB, SEES_AB - PART_AB),
    ("plans:add_document_version", {"pk": "document_b"}, SEES_B, ()),
    ("plans:add_document_version", {"pk": 999999}, only(), ()),
    ("plans:document_download", {"pk": "version_ab_1"}, SEES_AB, ()),
    ("plans:document_download", {"pk": "version_b"}, SEES_B, ()),
    ("plans:document_download", {"pk": 999999}, only(), ()),
    ("plans:remove_document_version", {"pk": "version_ab_1"}, EDITORS_AB, READERS_AB),
    (
        "plans:remove_document_version",
        {"pk": "version_ab_2"},
        EDITORS_AB | only("staff_b"),
        READERS_AB - only("staff_b"),
    ),
    ("plans:remove_document_version", {"pk": "version_b"}, SEES_B, ()),
    # The plans' import kinds (the shared imports app): every editor of a plan part.
    *(
        (name, {"kind": kind, **extra}, IMPORTERS, ALL_PERSONAS - IMPORTERS)
        for kind in ("budgetlinjer", "aktivitetslog")
        for name, extra in (
            ("imports:upload", {}),
            ("imports:template", {"fmt": "csv"}),
            ("imports:template", {"fmt": "xlsx"}),
        )
    ),
]


def _file(plan: str, document: str, version: str) -> dict:
    return {"pk": plan, "document_pk": document, "version_pk": version}


API: list = [
    ("api:plan-list", {}, only("admin") | SEES_AB | only("nobody"), ()),
    ("api:plan-detail", {"pk": "plan_ab"}, SEES_AB, ()),
    ("api:plan-detail", {"pk": "plan_b"}, SEES_B, ()),
    ("api:plan-budget-check", {"pk": "plan_ab"}, SEES_AB, ()),
    ("api:plan-reports", {"pk": "plan_ab"}, SEES_AB, ()),
    ("api:plan-reports", {"pk": "plan_b"}, SEES_B, ()),
    ("api:activity-list", {}, only("admin") | SEES_AB | only("nobody"), ()),
    ("api:activity-detail", {"pk": "activity_ab"}, SEES_AB, ()),
    ("api:plan-documents", {"pk": "plan_ab"}, SEES_AB, ()),
    ("api:plan-documents", {"pk": "plan_b"}, SEES_B, ()),
    ("api:plan-document-file", _file("plan_ab", "document_ab", "version_ab_1"), SEES_AB, ()),
    ("api:plan-document-file", _file("plan_b", "document_b", "version_b"), SEES_B, ()),
    # plan B's version named under plan AB (whose readers include B's staff): nobody's
    ("api:plan-document-file", _file("plan_ab", "document_b", "version_b"), only(), ()),
    ("api:plan-document-file", _file("plan_ab", "document_ab", "version_b"), only(), ()),
]
NOT_IN_MATRIX = {  # POST, PUT or DELETE only
    "plans:transition",
    "plans:comment_report",
    "plans:complete_milestone",
    "api:activity-sessions",
    "api:plan-budget",
    "api:plan-document-versions",
    "api:plan-document-version",
}


def extend_world(world, personas) -> None:
    from datetime import date
    from decimal import Decimal

    from boligsocial.catalogue.models import Intervention, LbfArea, LbfPeriod
    from boligsocial.organisations.models import Municipality
    from boligsocial.plans import services

    if hasattr(world, "plan_ab"):
        return
    period = LbfPeriod.objects.get(code="2019-26")
    employment = LbfArea.objects.get(period=period, code="B")
    world.plan_ab = services.create_plan(
        by=None,
        name="Helhedsplan Fællesområdet",
        municipality=Municipality.objects.get(code=751),
        organisations=[world.org_a, world.org_b],
        departments=[world.dept_a1, world.dept_b1],
        period=period,
        first_year=2024,
    )
    sub = services.add_sub_agreement(plan=world.plan_ab, by=None, area=employment)
    world.activity_ab = services.add_activity(
        sub_agreement=sub,
        by=None,
        name="Fritidsjob",
        intervention=Intervention.objects.get(number=1),
    )
    partners = {p.kind + str(p.organisation_id or ""): p for p in world.plan_ab.partners.all()}
    world.activity_ab_b = services.add_activity(
        sub_agreement=sub, by=None, name="Bydelsmødre", owner=partners[f"housing{world.org_b.pk}"]
    )
    world.activity_ab_m = services.add_activity(
        sub_agreement=sub, by=None, name="SSP-indsats", owner=partners["municipality"]
    )
    services.log_session(
        activity=world.activity_ab, by=None, held_on=date(2024, 3, 1), counts={("13-17", "f"): 3}
    )
    lbf, municipal = world.plan_ab.funders.order_by("pk")[:2]
    services.set_budget(
        plan=world.plan_ab,
        by=None,
        pledges={lbf.pk: Decimal("75000"), municipal.pk: Decimal("25000")},
        lines=[
            (lbf.pk, 2024, "Sekretariat", Decimal("75000")),
            (municipal.pk, 2024, "Sekretariat", Decimal("25000")),
        ],
    )
    services.submit_plan(plan=world.plan_ab, by=None)
    world.plan_b = services.create_plan(
        by=None,
        name="Helhedsplan Nordområdet",
        municipality=Municipality.objects.get(code=851),
        organisations=[world.org_b],
        departments=[world.dept_b_other],
        period=period,
        first_year=2023,
    )
    world.partner_ab = world.plan_ab.partners.get(kind="municipality")
    world.partner_b = world.plan_b.partners.get(kind="municipality")
    sub_b = services.add_sub_agreement(plan=world.plan_b, by=None, area=employment)
    world.activity_b = services.add_activity(sub_agreement=sub_b, by=None, name="Jobcafé")
    _documents(world, personas)


def _documents(world, personas) -> None:
    """A document of plan AB in two versions (head_a's, then staff_b's) and one of plan B."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from boligsocial.plans import documents

    def pdf(name):
        return SimpleUploadedFile(name, b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")

    world.document_ab = documents.add_document(
        plan=world.plan_ab,
        by=personas["head_a"],
        kind="agreement",
        title="Strategisk aftale",
        uploaded=pdf("aftale.pdf"),
    )
    world.version_ab_1 = world.document_ab.versions.get()
    world.version_ab_2 = documents.add_version(
        document=world.document_ab, by=personas["staff_b"], uploaded=pdf("aftale-2.pdf")
    )
    document_b = documents.add_document(
        plan=world.plan_b, by=None, kind="budget", title="Budget", uploaded=pdf("budget.pdf")
    )
    world.document_b = document_b
    world.version_b = document_b.versions.get()
