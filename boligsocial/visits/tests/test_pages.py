"""The POST-only URLs (sync, assign, follow-up, conflicts), creating a campaign, the notice
letters, the Excel export and the retention hook in the cases' daily task."""

import io
import json
import uuid
from datetime import date, timedelta

import openpyxl
import pytest
from django.urls import reverse

from boligsocial.analyses.models import FollowUpAction
from boligsocial.cases.models import Case
from boligsocial.organisations.models import Lease
from boligsocial.visits import services
from boligsocial.visits.models import FollowUp, Visit, VisitCampaign, VisitConflict

pytestmark = pytest.mark.django_db
OK = {"bad_stand": "3", "koekken_stand": "2", "ventiler_blokeret": "yes"}


@pytest.fixture
def campaign(world, personas):
    Lease.objects.create(
        department=world.dept_a1, address="Alfavej 3", unit="", area_m2=50, rooms=2
    )
    c = services.create_campaign(
        department=world.dept_a1, name="Forår", purpose="Tjek af ventilation",
        starts_on=date.today(), ends_on=date.today() + timedelta(days=7), actor=personas["staff_a"],
    )  # fmt: skip
    services.assign(
        campaign=c, user=personas["caretaker_a"], actor=personas["staff_a"], addresses=["Alfavej 1"]
    )
    return c


def _post_json(client, items):
    return client.post(
        reverse("visits:sync"), json.dumps({"items": items}), content_type="application/json"
    )


def test_sync_is_idempotent_and_refuses_what_the_caretaker_may_not_record(
    client_for, campaign, personas
):
    client = client_for("caretaker_a")
    mine = campaign.visits.get(assignee=personas["caretaker_a"])
    other = campaign.visits.exclude(pk=mine.pk).get()
    item = {"client_id": str(uuid.uuid4()), "visit": mine.pk, "outcome": "visited", "answers": OK}
    bad = {**item, "client_id": str(uuid.uuid4()), "visit": other.pk}
    response = _post_json(client, [item, bad])
    assert response.status_code == 200
    assert [r["status"] for r in response.json()["results"]] == ["saved", "error"]
    assert [r["status"] for r in _post_json(client, [item]).json()["results"]] == ["duplicate"]
    assert Visit.objects.filter(campaign=campaign).exclude(outcome="").count() == 1
    assert _post_json(client, []).status_code == 400
    assert (
        client.post(reverse("visits:sync"), "{", content_type="application/json").status_code == 400
    )
    assert (
        client_for("staff_b")
        .post(reverse("visits:sync"), json.dumps({"items": [bad]}), content_type="application/json")
        .json()["results"][0]["status"]
        == "error"
    )


def test_create_assign_conflict_follow_up_export_and_letters(client_for, world, personas):
    client = client_for("staff_a")
    url = reverse("visits:create") + f"?afdeling={world.dept_a1.pk}"
    bad = client.post(url, {"name": "X", "purpose": "Y", "starts_on": "2026-05-10",
                            "ends_on": "2026-05-01", "kits_stock": 3})  # fmt: skip
    assert bad.status_code == 200 and "Sidste besøgsdag" in bad.content.decode()
    assert not VisitCampaign.objects.exists()
    response = client.post(url, {"name": "Efterår", "purpose": "Tjek", "starts_on": "2026-05-01",
                                 "ends_on": "2026-05-10", "kits_stock": 3})  # fmt: skip
    campaign = VisitCampaign.objects.get()
    assert response.status_code == 302 and campaign.visits.count() == 1
    assert (
        client_for("caretaker_a")
        .post(reverse("visits:assign", args=[campaign.pk]), {"user": personas["caretaker_a"].pk})
        .status_code
        == 404  # not on the campaign: it does not exist for them
    )
    assert campaign.visits.get().assignee is None
    client.post(reverse("visits:assign", args=[campaign.pk]), {"user": personas["caretaker_a"].pk})
    visit = campaign.visits.get()
    assert visit.assignee == personas["caretaker_a"]
    first = {"client_id": str(uuid.uuid4()), "visit": visit.pk, "outcome": "visited", "answers": OK}
    second = {**first, "client_id": str(uuid.uuid4()), "outcome": "declined", "answers": {}}
    _post_json(client_for("caretaker_a"), [first])
    assert _post_json(client, [second]).json()["results"][0]["status"] == "conflict"
    conflict = VisitConflict.objects.get()
    page = client.get(reverse("visits:detail", args=[campaign.pk])).content.decode()
    assert "Konflikter" in page
    client.post(reverse("visits:resolve", args=[conflict.pk]), {"decision": "apply"})
    visit.refresh_from_db()
    assert visit.outcome == "declined" and str(visit.client_id) == second["client_id"]
    assert _post_json(client, [first]).json()["results"][0]["status"] == "duplicate"
    # follow-up: a house-rule case through the cases' services
    before = Case.objects.count()
    client.post(
        reverse("visits:follow_up", args=[campaign.pk]),
        {"question_key": "ventiler_blokeret", "kind": "case", "title": "Ventiler renses"},
    )
    fu = FollowUp.objects.get()
    assert fu.case is not None and Case.objects.count() == before + 1
    export = client.get(reverse("visits:export", args=[campaign.pk]))
    book = openpyxl.load_workbook(io.BytesIO(export.content))
    assert book.sheetnames[0] == "Oversigt" and len(book.sheetnames) > 5
    assert book["Oversigt"]["A2"].value == "Alfavej 1"
    letters = client.get(reverse("visits:letters", args=[campaign.pk]) + "?format=html")
    html = letters.content.decode()
    assert "Varsling af servicebesøg" in html and "Alfavej 1" in html


def test_the_cases_daily_retention_task_runs_the_visits_retention(campaign, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    from boligsocial.cases.tasks import anonymise_closed_cases

    VisitCampaign.objects.filter(pk=campaign.pk).update(
        ends_on=date.today() - timedelta(days=4 * 366)
    )
    assert anonymise_closed_cases.enqueue().return_value == []
    campaign.refresh_from_db()
    assert campaign.purged_at is not None and campaign.visits.count() == 0
    assert campaign.summary["leases"] == 2


def test_a_campaign_made_for_a_follow_up_action_links_back_to_it(client_for, world, personas):
    from boligsocial.analyses import services as analyses

    staff = personas["staff_a"]
    analysis = analyses.plan_analysis(
        department=world.dept_a1, year=2026, planned_date=date(2026, 3, 2), actor=staff
    )
    action = analyses.add_action(analysis=analysis, actor=staff, title="Tjek af ventiler")
    done = analyses.add_action(analysis=analysis, actor=staff, title="Færdig")
    FollowUpAction.objects.filter(pk=done.pk).update(status="done")
    client = client_for("staff_a")
    base = reverse("visits:create") + f"?afdeling={world.dept_a1.pk}&handling="
    body = {"name": "Ventiler", "purpose": "Tjek", "starts_on": "2026-05-01",
            "ends_on": "2026-05-10", "kits_stock": 0}  # fmt: skip
    # a forged id, a finished action, another department's: 404, and no campaign
    for forged in ("999999", str(done.pk), "abc", "9" * 30):
        assert client.get(base + forged).status_code == 404
        assert client.post(base + forged, body).status_code == 404
    other = reverse("visits:create") + f"?afdeling={world.dept_a2.pk}&handling={action.pk}"
    assert client.post(other, body).status_code == 404
    assert not VisitCampaign.objects.exists()
    form = client.get(base + str(action.pk)).content.decode()
    assert "Udfører opfølgningshandlingen" in form and "»Tjek af ventiler«" in form
    assert client.post(base + str(action.pk), body).status_code == 302
    campaign = VisitCampaign.objects.get()
    assert campaign.follow_up_action == action
    page = client.get(reverse("visits:detail", args=[campaign.pk])).content.decode()
    link = reverse("analyses:detail", args=[analysis.pk]) + "#handlinger"
    assert f'<a href="{link}">»Tjek af ventiler«</a> i sårbarhedsanalysen 2026' in page
    # the caretaker on the campaign may not see the analysis: no title, no link
    services.assign(campaign=campaign, user=personas["caretaker_a"], actor=staff)
    caretaker = client_for("caretaker_a").get(reverse("visits:detail", args=[campaign.pk]))
    assert caretaker.status_code == 200 and "Tjek af ventiler" not in caretaker.content.decode()
