"""The plans' demo data (issue 16 part 11; run by tests/test_demo_data.py against one seeded
demo)."""

import io
from decimal import Decimal

from openpyxl import load_workbook

from boligsocial.plans import documents
from boligsocial.plans.models import BudgetLine, DocumentVersion, Plan, Status
from boligsocial.plans.selectors import budget_check


def check_a_running_and_an_ended_plan():
    demo_area = Plan.objects.filter(name__startswith="Helhedsplan for demoområdet")
    running, ended = demo_area.order_by("-first_year")
    assert (running.status, running.first_year, running.last_year) == (Status.RUNNING, 2024, 2027)
    assert ended.status == Status.ENDED
    assert running.organisations.count() == 2
    assert running.sub_agreements.count() == 4
    assert running.activities.filter(intervention__isnull=False).count() == 13
    check = budget_check(running)
    assert (check.ok, check.lbf_share) == (True, 75)
    assert [(r.number, r.approved, r.needs_reapproval) for r in running.revisions.all()] == [
        (1, True, False)
    ]
    goals = list(running.sub_agreements.get(area__code="B").goals.all())
    assert goals[0].baseline_value is not None
    years = set(
        running.activities.filter(sessions__isnull=False).values_list(
            "sessions__held_on__year", flat=True
        )
    )
    assert years == {2024, 2025}


def check_the_running_plans_budget_lines_are_its_activities():
    """Mostly on the 12 activities (80 % of each funder's year, by hours a week), the rest on
    the secretariat; each funder's years still add up to its pledge and LBF pays exactly 75 %."""
    running = Plan.objects.order_by("-first_year").first()
    budgeted = list(running.activities.filter(budget_lines__isnull=False).distinct())
    assert len(budgeted) == 12
    assert running.activities.exclude(pk__in=[a.pk for a in budgeted]).get().name == "Sommerskole"
    lines = BudgetLine.objects.filter(plan=running)
    funders, years = running.funders.count(), len(running.years)
    assert lines.count() == funders * years * 13  # 12 activities and the secretariat
    # summed in Python: SQLite sums decimals as floats
    linked = sum(lines.filter(activity__isnull=False).values_list("amount", flat=True))
    total = sum(lines.values_list("amount", flat=True))
    assert total == Decimal("8000000.00")
    assert Decimal("0.79") < linked / total <= Decimal("0.80")
    for activity in budgeted:
        assert activity.budget_lines.filter(activity=activity).count() == funders * years
    check = budget_check(running)
    assert (check.ok, check.lbf_total * 4 == check.total * 3) == (True, True)
    assert all(row.budgeted == row.pledged for row in check.rows)


ATTACHMENTS = [
    ("agreement", "Strategisk samarbejdsaftale (demo)", [1]),
    ("budget", "Budget (demo)", [1]),
    ("evaluation", "Centralt genererede målinger ved indsatsens start (demo)", [1]),
    ("other", "Aktivitetsskema (demo)", [2, 1]),
    ("other", "Beredskabsplan (demo)", [1]),
    ("other", "Milepælsplan (demo)", [1]),
    ("other", "Organisationsdiagram (demo)", [1]),
    ("sub_agreement", "Delaftale: Beskæftigelse (demo)", [1]),
    ("sub_agreement", "Delaftale: Kriminalitetsforebyggelse (demo)", [1]),
    ("sub_agreement", "Delaftale: Sammenhængskraft og medborgerskab (demo)", [1]),
    ("sub_agreement", "Delaftale: Uddannelse og livschancer (demo)", [1]),
]


def check_the_running_plan_has_its_attachments_as_demo_documents():
    running, ended = Plan.objects.filter(name__startswith="Helhedsplan for demoområdet").order_by(
        "-first_year"
    )
    docs = running.documents.prefetch_related("versions").order_by("kind", "title")
    assert [(d.kind, d.title, [v.number for v in d.versions.all()]) for d in docs] == ATTACHMENTS
    assert not ended.documents.exists()
    for version in DocumentVersion.objects.filter(document__plan=running):
        assert version.original_name.startswith("demo-")
        with version.file.open("rb") as handle:
            content = handle.read()
        assert len(content) == version.size
        suffix = version.original_name.rsplit(".", 1)[1]
        assert version.content_type == {"pdf": "application/pdf", "xlsx": documents.XLSX}[suffix]
        assert documents.content_type_of(io.BytesIO(content)) == version.content_type
    schedule = running.documents.get(title="Aktivitetsskema (demo)")
    newest, first = schedule.versions.order_by("-number")
    assert (first.note, newest.note) == ("Som godkendt", "Efter revision 1: Sommerskole tilføjet")
    rows = list(load_workbook(newest.file.open("rb"), read_only=True).active.values)
    assert rows[0][0].startswith("DEMODATA")
    assert len(rows) == 2 + 13  # the mark, the header, every activity
    assert len(list(load_workbook(first.file.open("rb"), read_only=True).active.values)) == 14
    agreement = running.documents.get(kind="agreement").versions.get()
    text = agreement.file.open("rb").read()
    assert b"DEMODATA" in text and text.startswith(b"%PDF-1.4") and text.endswith(b"%%EOF\n")
