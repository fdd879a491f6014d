"""The plans' imports through the shared imports app (issue 16 part 10): budget lines and
activity logs from XLSX/CSV. Preview changes nothing, confirm writes exact values with audit
entries, undo restores; a budget that would not add up by funder (or break LBF's 75 %) is
refused naming the rows; rights per row (another owner's budget row, an activity of another
part, a forged plan or activity number); a hostile or malformed file changes nothing.
Messages are asserted in English (msgids) except the budget rules' own Danish text."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from boligsocial.audit.models import ChangeLogEntry
from boligsocial.imports.models import ImportBatch
from boligsocial.organisations.tests.test_imports import xlsx_bytes
from boligsocial.plans import services
from boligsocial.plans.imports.sessions import COUNT_COLUMNS
from boligsocial.plans.models import BudgetLine, FunderKind, PartnerKind, Session, Status
from boligsocial.plans.tests.factories import area, balanced_budget, make_plan

pytestmark = pytest.mark.django_db

BUDGET_HEADER = ["plan_nr", "plan", "aar", "finansieringskilde", "linje", "beloeb"]
BUDGET_WITH_ACTIVITY = [*BUDGET_HEADER[:5], "aktivitet_nr", "beloeb"]
SESSION_HEADER = ["aktivitet_nr", "aktivitet", "dato", *COUNT_COLUMNS, "note"]


@pytest.fixture
def client_for(client_for, settings):
    def make(name):
        client = client_for(name)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return make


@pytest.fixture
def plan(world):
    plan = make_plan(world)
    sub = services.add_sub_agreement(plan=plan, by=None, area=area("B"))
    balanced_budget(plan)  # LBF 300.000 and Aarhus 100.000, 75.000/25.000 a year "Sekretariat"
    owners = {p.kind: p for p in plan.partners.all() if p.kind != PartnerKind.HOUSING}
    plan.part_b = plan.partners.get(organisation=world.org_b)
    plan.act = services.add_activity(sub_agreement=sub, by=None, name="Lektiecafé")
    plan.act_b = services.add_activity(
        sub_agreement=sub, by=None, name="Bydelsmødre", owner=plan.part_b
    )
    plan.act_m = services.add_activity(
        sub_agreement=sub, by=None, name="Jobcafé", owner=owners[PartnerKind.MUNICIPALITY]
    )
    plan.funder = {f.kind: f for f in plan.funders.all() if f.kind != FunderKind.HOUSING}
    plan.funder_b = plan.funders.get(organisation=world.org_b)
    return plan


def budget_state(plan) -> list:
    return sorted(
        (line.funder.name, line.year, line.label, line.amount)
        for line in BudgetLine.objects.filter(plan=plan).select_related("funder")
    )


def sessions_state(plan) -> list:
    return sorted(
        (
            s.activity.name,
            s.held_on,
            s.participants,
            s.notes,
            sorted((c.age_band, c.gender, c.count) for c in s.counts.all()),
        )
        for s in Session.objects.filter(activity__plan=plan)
        .select_related("activity")
        .prefetch_related("counts")
    )


def upload(client, kind, rows, header, name="fil.xlsx"):
    content = xlsx_bytes(header, *rows).getvalue()
    response = client.post(
        reverse("imports:upload", args=[kind]), {"file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return ImportBatch.objects.latest("id")


def errors_of(batch) -> list:
    return [(e["row"], e["column"], e["message"]) for e in batch.errors]


def test_budget_lines_preview_confirm_and_undo_as_the_secretariat(plan, client_for):
    client = client_for("staff_a")
    before = budget_state(plan)
    rows = [
        # 2024: LBF 60.000 on the secretariat, 15.000 on a new line: still 75.000 that year
        (plan.pk, plan.name, 2024, "LBF", "Sekretariat", "60.000,00"),
        (plan.pk, "", 2024, "landsbyggefonden", "Lektiecafé", "15.000,00"),
        (plan.pk, "", 2025, "Aarhus", "Sekretariat", "25.000,00"),  # as stored: unchanged
    ]
    batch = upload(client, "budgetlinjer", rows, BUDGET_HEADER)
    assert (batch.kind, batch.status, batch.created, batch.updated, batch.unchanged) == (
        "plan_budget_lines",
        "preview",
        1,
        1,
        1,
    )
    assert batch.organisation_id == plan.secretariat_id
    assert budget_state(plan) == before  # the preview writes nothing
    html = client.get(reverse("imports:batch", args=[batch.pk])).content.decode()
    assert "To be created: 1. To be changed: 1. Left alone: 1." in html
    assert f"{plan.name}: Landsbyggefonden 2024 (Lektiecafé)" in html

    client.post(reverse("imports:confirm", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == "done"
    after = budget_state(plan)
    assert ("Landsbyggefonden", 2024, "Sekretariat", Decimal("60000.00")) in after
    assert ("Landsbyggefonden", 2024, "Lektiecafé", Decimal("15000.00")) in after
    assert len(after) == len(before) + 1
    assert services.budget_check(plan).ok
    entries = ChangeLogEntry.objects.filter(actor__username="staff-a").order_by("id")
    assert [(e.action, e.changes) for e in entries] == [
        ("create", {"amount": [None, "15000.00"]}),
        ("update", {"amount": ["75000.00", "60000.00"]}),
        ("import", {"budget": [None, "fil.xlsx"]}),
        (
            "import",
            {
                "kind": [None, "plan_budget_lines"],
                "created": [None, 1],
                "updated": [None, 1],
                "unchanged": [None, 1],
            },
        ),
    ]
    # The uploader sees and undoes the import (she manages no housing data).
    assert client.get(reverse("imports:undo", args=[batch.pk])).status_code == 200
    client.post(reverse("imports:undo", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == "undone"
    assert budget_state(plan) == before


def test_a_budget_that_would_not_add_up_is_refused_naming_the_rows(plan, client_for):
    client = client_for("staff_a")
    before = budget_state(plan)
    rows = [
        (plan.pk, "", 2024, "Landsbyggefonden", "Sekretariat", "100.000,00"),
        (plan.pk, "", 2026, "Landsbyggefonden", "Ekstra", "0,01"),
    ]
    batch = upload(client, "budgetlinjer", rows, BUDGET_HEADER)
    assert batch.status == "failed"
    assert errors_of(batch) == [
        (
            2,
            "finansieringskilde",
            "Lines 2 and 3: Landsbyggefonden finansierer 325.000,01 kr. af planens samlede "
            "budget på 425.000,01 kr. (76,47 %). Landsbyggefonden må højst finansiere 75 % – her "
            "højst 318.750,00 kr. – og mindst 25 % skal være lokal medfinansiering fra kommunen, "
            "boligorganisationerne eller andre. Sænk Landsbyggefondens beløb med 6.250,01 kr., "
            "eller øg den lokale medfinansiering. Nothing was imported.",
        ),
        (
            2,
            "finansieringskilde",
            "Lines 2 and 3: Årsbeløbene fra Landsbyggefonden giver 325.000,01 kr., men "
            "bevillingen er 300.000,00 kr.: det er 25.000,01 kr. for meget. Nothing was imported.",
        ),
    ]
    assert budget_state(plan) == before


def test_budget_rows_are_checked_one_by_one_and_nothing_changes(plan, world, client_for):
    other = make_plan(world, name="Andet")
    rows = [
        (plan.pk, "Forkert navn", 2024, "Aarhus", "Sekretariat", "25.000,00"),
        (plan.pk, "", 2031, "Aarhus", "Sekretariat", "1"),
        (plan.pk, "", 2024, "Politiet", "", "1"),
        (plan.pk, "", 2024, "Landsbyggefonden", "", "1,005"),
        (plan.pk, "", 2024, "Landsbyggefonden", "", "-1"),
        (999999, "", 2024, "Landsbyggefonden", "", "1"),
        (plan.pk, "", 2025, "Aarhus", "Sekretariat", "25.000"),
        (plan.pk, "", 2025, "Aarhus", "sekretariat", "25.000"),
    ]
    before = budget_state(plan), budget_state(other)
    batch = upload(client_for("staff_b"), "budgetlinjer", rows, BUDGET_HEADER)
    assert batch.status == "failed"
    found = errors_of(batch)
    assert found[0] == (
        2,
        "plan",
        f"Plan number {plan.pk} is called “{plan.name}”, not “Forkert navn”. Check the number.",
    )
    assert (
        2,
        "finansieringskilde",
        "You can only change your own contributions to the budget, not Aarhus's.",
    ) in found
    assert (3, "aar", "The year 2031 is outside the plan's period 2024–2027.") in found
    assert (
        4,
        "finansieringskilde",
        "The plan has no funder “Politiet”. Its funders are: "
        "Aarhus, Boligforeningen Beta, Boligselskabet Alfa, Landsbyggefonden.",
    ) in found
    assert (
        5,
        "beloeb",
        "“1,005” has more than two decimals. Write amounts in kroner and whole øre.",
    ) in found
    assert (6, "beloeb", "The amount must not be negative.") in found
    assert (7, "plan_nr", "There is no plan number 999999 that you can see.") in found
    assert (budget_state(plan), budget_state(other)) == before


def test_a_locked_plan_and_hostile_files_change_nothing(plan, client_for):
    client = client_for("staff_a")
    before = budget_state(plan)
    plan.status = Status.RUNNING
    plan.save(update_fields=["status"])
    batch = upload(
        client, "budgetlinjer", [(plan.pk, "", 2024, "LBF", "Sekretariat", "1")], BUDGET_HEADER
    )
    assert errors_of(batch) == [
        (
            2,
            "plan_nr",
            f"The plan “{plan.name}” is approved and locked. Change its budget on the plan's "
            "budget page with a reason; the change becomes a revision.",
        )
    ]
    for name, content in (
        ("fil.xlsx", b"PK\x03\x04 not a workbook"),
        ("fil.csv", b"plan_nr;aar\n1;2024\n"),
        ("fil.csv", b"=cmd|' /C calc'!A0;2024\n"),
    ):
        client.post(
            reverse("imports:upload", args=["budgetlinjer"]),
            {"file": SimpleUploadedFile(name, content)},
        )
        assert ImportBatch.objects.latest("id").status == "failed"
    assert budget_state(plan) == before


def test_activity_logs_create_update_unchanged_and_undo(plan, client_for):
    client = client_for("staff_a")
    counts = dict.fromkeys(COUNT_COLUMNS, "")
    one = {**counts, "k_13_17": 4, "m_13_17": 3, "x_65plus": 1}
    rows = [
        (plan.act.pk, "Lektiecafé", "14-05-2025", *one.values(), "Matematik"),
        (plan.act_b.pk, "", "2025-05-15", *counts.values(), ""),
    ]
    batch = upload(client, "aktivitetslog", rows, SESSION_HEADER)
    assert (batch.status, batch.created) == ("preview", 2)
    assert sessions_state(plan) == []
    client.post(reverse("imports:confirm", args=[batch.pk]))
    expected = [
        ("Bydelsmødre", date(2025, 5, 15), 0, "", []),
        (
            "Lektiecafé",
            date(2025, 5, 14),
            8,
            "Matematik",
            [("13-17", "f", 4), ("13-17", "m", 3), ("65+", "x", 1)],
        ),
    ]
    assert sessions_state(plan) == expected
    # The same file again changes nothing.
    again = upload(client, "aktivitetslog", rows, SESSION_HEADER)
    assert (again.status, again.created, again.updated, again.unchanged) == ("done", 0, 0, 2)
    # A corrected count updates the session; undo gives the old counts back.
    fixed = [(plan.act.pk, "", "14-05-2025", *{**one, "k_13_17": 5}.values(), "Matematik")]
    batch = upload(client, "aktivitetslog", fixed, SESSION_HEADER)
    assert (batch.status, batch.updated) == ("preview", 1)
    client.post(reverse("imports:confirm", args=[batch.pk]))
    assert sessions_state(plan)[1][2:] == (
        9,
        "Matematik",
        [("13-17", "f", 5), ("13-17", "m", 3), ("65+", "x", 1)],
    )
    client.post(reverse("imports:undo", args=[batch.pk]))
    assert sessions_state(plan) == expected


def test_activity_log_rows_are_checked_and_nothing_changes(plan, client_for):
    counts = dict.fromkeys(COUNT_COLUMNS, "")
    rows = [
        (plan.act.pk, "", "14-05-2025", *counts.values(), ""),  # the secretariat's
        (plan.act_b.pk, "Andet navn", "14-05-2025", *counts.values(), ""),
        (plan.act_b.pk, "", "14-05-2099", *counts.values(), ""),
        (plan.act_b.pk, "", "14-05-2019", *counts.values(), ""),
        (plan.act_b.pk, "", "16-05-2025", *{**counts, "m_0_12": "-2"}.values(), ""),
        (plan.act_b.pk, "", "17-05-2025", *counts.values(), ""),
        (plan.act_b.pk, "", "17-05-2025", *counts.values(), ""),
        (999999, "", "17-05-2025", *counts.values(), ""),
    ]
    batch = upload(client_for("staff_b"), "aktivitetslog", rows, SESSION_HEADER)
    assert batch.status == "failed"
    assert errors_of(batch) == [
        (
            2,
            "aktivitet_nr",
            "You cannot log sessions of “Lektiecafé”: it belongs to another owner's part of "
            "the plan.",
        ),
        (
            3,
            "aktivitet",
            f"Activity number {plan.act_b.pk} is called “Bydelsmødre”, not “Andet navn”. "
            "Check the number.",
        ),
        (4, "dato", "The date is in the future."),
        (5, "dato", "The date is outside the plan's period 2024–2027."),
        (6, "m_0_12", "The number of participants cannot be negative."),
        (8, "dato", "The same activity and day are already on line 7."),
        (9, "aktivitet_nr", "There is no activity number 999999 that you can see."),
    ]
    assert sessions_state(plan) == []


def test_who_may_import_plan_data(plan, client_for):
    staff = client_for("staff_a")
    page = staff.get(reverse("imports:index")).content.decode()
    assert reverse("imports:upload", args=["budgetlinjer"]) in page
    assert reverse("imports:upload", args=["afdelinger"]) not in page
    assert staff.get(reverse("imports:upload", args=["afdelinger"])).status_code == 403
    municipal = client_for("municipal")
    assert municipal.get(reverse("imports:upload", args=["aktivitetslog"])).status_code == 200
    for name in ("management_a", "board_a", "caretaker_a"):
        c = client_for(name)
        assert c.get(reverse("imports:upload", args=["budgetlinjer"])).status_code == 403
    # The template of organisation A holds its plans' budget lines the user may change.
    response = staff.get(
        reverse("imports:template", args=["budgetlinjer", "csv"]),
        {"organisation": plan.secretariat_id},
    )
    text = response.content.decode("utf-8-sig").splitlines()
    assert text[0] == ";".join(BUDGET_WITH_ACTIVITY)  # the template has the optional column
    assert f"{plan.pk};{plan.name};2024;Aarhus;Sekretariat;;25000,00" in text
    BudgetLine.objects.filter(plan=plan, funder=plan.funder["municipality"], year=2025).update(
        activity=plan.act
    )
    text = staff.get(
        reverse("imports:template", args=["budgetlinjer", "csv"]),
        {"organisation": plan.secretariat_id},
    ).content.decode("utf-8-sig")
    assert f"{plan.pk};{plan.name};2025;Aarhus;Sekretariat;{plan.act.pk};25000,00" in text


def linked_state(plan) -> list:
    return sorted(
        BudgetLine.objects.filter(plan=plan).values_list(
            "funder__name", "year", "label", "amount", "activity__name"
        )
    )


def test_budget_lines_link_to_the_plans_activities_by_number_and_undo_restores(plan, client_for):
    client = client_for("staff_a")
    before = linked_state(plan)
    rows = [
        # the stored 2024 line moves to the activity; a new line on it; 2025 stays as it is
        (plan.pk, "", 2024, "LBF", "Sekretariat", plan.act.pk, "60.000,00"),
        (plan.pk, "", 2024, "LBF", "Lektiecafé", plan.act.pk, "15.000,00"),
        (plan.pk, "", 2025, "Aarhus", "Sekretariat", "", "25.000,00"),
    ]
    batch = upload(client, "budgetlinjer", rows, BUDGET_WITH_ACTIVITY)
    assert (batch.status, batch.created, batch.updated, batch.unchanged) == ("preview", 1, 1, 1)
    html = client.get(reverse("imports:batch", args=[batch.pk])).content.decode()
    assert "Activity number" in html
    client.post(reverse("imports:confirm", args=[batch.pk]))
    after = linked_state(plan)
    assert ("Landsbyggefonden", 2024, "Sekretariat", Decimal("60000.00"), "Lektiecafé") in after
    assert ("Landsbyggefonden", 2024, "Lektiecafé", Decimal("15000.00"), "Lektiecafé") in after
    assert ("Aarhus", 2025, "Sekretariat", Decimal("25000.00"), None) in after
    assert len(after) == len(before) + 1
    entries = ChangeLogEntry.objects.filter(actor__username="staff-a").order_by("id")
    assert [(e.action, e.changes) for e in entries][:2] == [
        ("create", {"amount": [None, "15000.00"], "activity": [None, plan.act.pk]}),
        ("update", {"amount": ["75000.00", "60000.00"], "activity": [None, plan.act.pk]}),
    ]
    client.post(reverse("imports:undo", args=[batch.pk]))
    assert linked_state(plan) == before


def test_a_file_without_the_activity_column_keeps_the_links_and_an_empty_cell_clears_one(
    plan, client_for
):
    line = BudgetLine.objects.get(plan=plan, funder=plan.funder["lbf"], year=2024)
    BudgetLine.objects.filter(pk=line.pk).update(activity=plan.act)
    client = client_for("staff_a")
    keep = [(plan.pk, "", 2024, "LBF", "Sekretariat", "75.000,00")]
    batch = upload(client, "budgetlinjer", keep, BUDGET_HEADER)
    assert (batch.created, batch.updated, batch.unchanged) == (0, 0, 1)
    clear = [(plan.pk, "", 2024, "LBF", "Sekretariat", "", "75.000,00")]
    batch = upload(client, "budgetlinjer", clear, BUDGET_WITH_ACTIVITY)
    assert (batch.created, batch.updated, batch.unchanged) == (0, 1, 0)
    client.post(reverse("imports:confirm", args=[batch.pk]))
    assert BudgetLine.objects.get(pk=line.pk).activity_id is None


def test_an_activity_number_of_another_plan_or_none_is_refused_and_nothing_changes(
    plan, world, client_for
):
    other = make_plan(world, name="Andet")
    sub = services.add_sub_agreement(plan=other, by=None, area=area("B"))
    foreign = services.add_activity(sub_agreement=sub, by=None, name="Fremmed")
    before = linked_state(plan), linked_state(other)
    rows = [
        (plan.pk, "", 2024, "LBF", "Sekretariat", foreign.pk, "75.000,00"),
        (plan.pk, "", 2025, "LBF", "Sekretariat", "x", "75.000,00"),
        (plan.pk, "", 2026, "LBF", "Sekretariat", 10**12, "75.000,00"),
    ]
    batch = upload(client_for("staff_a"), "budgetlinjer", rows, BUDGET_WITH_ACTIVITY)
    assert batch.status == "failed"
    found = errors_of(batch)
    assert found[0] == (
        2,
        "aktivitet_nr",
        f"The plan “{plan.name}” has no activity number {foreign.pk}.",
    )
    assert [(row, column) for row, column, _m in found] == [
        (2, "aktivitet_nr"),
        (3, "aktivitet_nr"),
        (4, "aktivitet_nr"),
    ]
    assert (linked_state(plan), linked_state(other)) == before
