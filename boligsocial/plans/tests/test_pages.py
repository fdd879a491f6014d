"""The plan pages: the budget form's Danish rule message, the session log, the tabs, the API."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from boligsocial.plans import services
from boligsocial.plans.models import BudgetLine, Plan, Session, Status
from boligsocial.plans.tests.factories import area, balanced_budget, fritidsjob, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world):
    plan = make_plan(world)
    sub = services.add_sub_agreement(plan=plan, by=None, area=area("B"))
    services.add_activity(sub_agreement=sub, by=None, name="Fritidsjob", intervention=fritidsjob())
    return plan


def budget_post(plan, lbf: str, local: str) -> dict:
    lbf_f, mun = plan.funders.order_by("pk")[:2]
    return {
        f"pledged_{lbf_f.pk}": lbf,
        f"rows_{lbf_f.pk}": "1",
        f"line_{lbf_f.pk}_0_2024": lbf,
        f"pledged_{mun.pk}": local,
        f"rows_{mun.pk}": "1",
        f"line_{mun.pk}_0_2024": local,
    }


def test_budget_over_75_percent_is_saved_with_a_danish_explanation(client_for, plan):
    c = client_for("staff_a")
    response = c.post(
        reverse("plans:edit_budget", args=[plan.pk]), budget_post(plan, "75.001,00", "24.999,00")
    )
    assert response.status_code == 302
    page = c.get(reverse("plans:budget", args=[plan.pk])).content.decode()
    assert "Budgettet bryder en regel" in page
    assert "Landsbyggefonden må højst finansiere 75 %" in page
    assert "Sænk Landsbyggefondens beløb med 1,00 kr." in page
    c.post(reverse("plans:transition", args=[plan.pk, "indsend"]))
    assert Plan.objects.get(pk=plan.pk).status == Status.DRAFT
    c.post(
        reverse("plans:edit_budget", args=[plan.pk]), budget_post(plan, "75.000,00", "25.000,00")
    )
    page = c.get(reverse("plans:budget", args=[plan.pk])).content.decode()
    assert "Budgettet overholder reglerne" in page
    c.post(reverse("plans:transition", args=[plan.pk, "indsend"]))
    assert Plan.objects.get(pk=plan.pk).status == Status.SUBMITTED


def test_budget_form_refuses_text_and_changes_nothing(client_for, plan):
    balanced_budget(plan)
    before = list(BudgetLine.objects.values_list("funder_id", "year", "amount").order_by("pk"))
    data = budget_post(plan, "mange penge", "1")
    response = client_for("staff_a").post(reverse("plans:edit_budget", args=[plan.pk]), data)
    assert response.status_code == 200
    assert "Et beløb er ikke et tal" in response.content.decode()
    assert (
        list(BudgetLine.objects.values_list("funder_id", "year", "amount").order_by("pk")) == before
    )


def test_municipal_partner_edits_only_the_municipality_row(client_for, plan):
    balanced_budget(plan)
    lbf, mun = plan.funders.order_by("pk")[:2]
    data = {
        f"pledged_{mun.pk}": "120.000,00",
        f"rows_{mun.pk}": "1",
        f"line_{mun.pk}_0_2024": "120.000,00",
        f"pledged_{lbf.pk}": "1,00",
        f"rows_{lbf.pk}": "1",
        f"line_{lbf.pk}_0_2024": "1,00",
    }
    assert (
        client_for("municipal").post(reverse("plans:edit_budget", args=[plan.pk]), data).status_code
        == 302
    )
    lbf.refresh_from_db()
    mun.refresh_from_db()
    assert (lbf.pledged, mun.pledged) == (Decimal("300000.00"), Decimal("120000.00"))
    assert sorted(BudgetLine.objects.filter(funder=lbf).values_list("year", flat=True)) == [
        2024,
        2025,
        2026,
        2027,
    ]


def test_log_session_on_the_phone_form(client_for, plan):
    activity = plan.activities.get()
    response = client_for("staff_a").post(  # the secretariat's activity (decision 0033)
        reverse("plans:log_session", args=[activity.pk]),
        {"held_on": "05-03-2024", "n_13-17_f": "4", "n_13-17_m": "2", "notes": "Jobsamtaler"},
    )
    assert response.status_code == 302
    session = Session.objects.get()
    assert (session.held_on, session.participants) == (date(2024, 3, 5), 6)
    page = client_for("board_a").get(reverse("plans:activity", args=[activity.pk])).content.decode()
    assert "6 deltagere" in page
    assert "Registrér en gang" not in page  # boards read only


def test_plan_tabs_have_a_constant_query_count(client_for, plan, django_assert_num_queries):
    c = client_for("staff_a")
    for name in (
        "plans:plan",
        "plans:goals",
        "plans:activities",
        "plans:budget",
        "plans:revisions",
    ):
        assert c.get(reverse(name, args=[plan.pk])).status_code == 200
    sub = plan.sub_agreements.get()
    services.add_goal(sub_agreement=sub, by=None, title="Første mål", own_measure="Deltagere")
    counts = {}
    for n in range(2):
        for name in ("plans:activities", "plans:budget", "plans:goals"):
            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            with CaptureQueriesContext(connection) as ctx:
                c.get(reverse(name, args=[plan.pk]))
            counts.setdefault(name, []).append(len(ctx.captured_queries))
        services.add_activity(sub_agreement=sub, by=None, name=f"Ekstra {n}")
        services.add_goal(sub_agreement=sub, by=None, title=f"Mål {n}", own_measure="Deltagere")
    assert all(a == b for a, b in counts.values()), counts


def test_status_report_page_and_pdf(client_for, plan):
    balanced_budget(plan)
    c = client_for("staff_a")
    page = c.get(reverse("plans:status_report", args=[plan.pk]), {"aar": 2025})
    assert page.status_code == 200
    assert "Årlig status 2025" in page.content.decode()
    pdf = c.get(reverse("plans:status_report_pdf", args=[plan.pk]), {"aar": 2025})
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content[:4] == b"%PDF"


def test_api_budget_check_and_session_post(client_for, plan):
    balanced_budget(plan, lbf="300000.04", local="100000.00")
    c = client_for("staff_a")
    check = c.get(reverse("api:plan-budget-check", args=[plan.pk])).json()
    assert (check["ok"], [p["code"] for p in check["problems"]]) == (False, ["lbf_share"])
    assert check["lbf_max"] == "300000.03"
    activity = plan.activities.get()
    url = reverse("api:activity-sessions", args=[activity.pk])
    bad = c.post(
        url, {"held_on": "2024-03-05", "counts": {"99/f": 1}}, content_type="application/json"
    )
    assert bad.status_code == 400
    assert Session.objects.count() == 0
    ok = c.post(
        url, {"held_on": "2024-03-05", "counts": {"13-17/f": 4}}, content_type="application/json"
    )
    assert (ok.status_code, ok.json()["participants"]) == (201, 4)
    denied = client_for("board_a").post(
        url, {"held_on": "2024-03-05", "counts": {"13-17/f": 1}}, content_type="application/json"
    )
    assert denied.status_code == 403
    assert Session.objects.count() == 1


def test_api_lists_the_status_reports_with_their_narrative(client_for, plan):
    from boligsocial.plans import reporting
    from boligsocial.plans.models import ReportType

    status = ReportType.objects.get(code="status")
    reporting.save_report(
        plan=plan, by=None, report_type=status, year=2025, narrative={"Det har virket": "Job."}
    )
    rows = client_for("board_a").get(reverse("api:plan-reports", args=[plan.pk])).json()
    assert [(r["type"], r["year"]) for r in rows] == [
        ("status", 2024),
        ("status", 2025),
        ("status", 2026),
        ("status", 2027),
        ("midterm", 2025),
        ("final", 2027),
    ]
    assert rows[1]["narrative"] == {"Det har virket": "Job."}
    assert (rows[1]["sent_at"], rows[1]["comments"]) == (None, 0)
    assert rows[1]["pdf"] == f"/helhedsplaner/{plan.pk}/rapporter/status/pdf/?type=status&aar=2025"
    assert rows[0]["narrative"] == {}
