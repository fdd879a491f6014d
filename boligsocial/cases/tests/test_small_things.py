"""Smaller things a user saw (issue 13, item 12)."""

import pytest
from django.urls import reverse

from boligsocial.cases.models import CrisisTask, CrisisTaskKind
from boligsocial.cases.tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def test_the_crisis_checklist_counts_the_items_done(cw, client_for, personas):
    crisis = CaseFactory(department=cw.dept_a1, kind="crisis", track="tryghed")
    CrisisTask.objects.bulk_create(CrisisTask(case=crisis, kind=kind) for kind in CrisisTaskKind)
    done = list(crisis.crisis_tasks.order_by("id")[:2])
    CrisisTask.objects.filter(pk__in=[t.pk for t in done]).update(done_at=crisis.received_at)
    body = client_for("staff_a").get(reverse("cases:detail", args=[crisis.pk])).content.decode()
    assert "2 punkter på tjeklisten udført" in body
    assert "5 punkter på tjeklisten udført" not in body


def test_master_data_pages_link_to_the_traffic_light_and_the_cases(cw, client_for):
    client = client_for("staff_a")
    department = client.get(reverse("organisations:department", args=[cw.dept_a1.pk]))
    body = department.content.decode()
    assert f'href="{reverse("screening:department", args=[cw.dept_a1.pk])}"' in body
    assert f'href="{reverse("cases:list")}?department={cw.dept_a1.pk}"' in body
    organisation = client.get(reverse("organisations:organisation", args=[cw.org_a.pk]))
    body = organisation.content.decode()
    assert f'href="{reverse("screening:scorecard", args=[cw.org_a.pk])}"' in body
    assert f'href="{reverse("cases:list")}"' in body


def test_the_admin_header_says_boligsocial(cw, client_for):
    body = client_for("admin").get("/admin/").content.decode()
    assert "<title>Administration | Boligsocial</title>" in body
    assert '<a href="/admin/">Boligsocial</a>' in body


def test_the_language_switch_reads_dansk_english(cw, client_for):
    body = client_for("staff_a").get(reverse("site:home")).content.decode()
    assert '<span class="language-current" lang="da" aria-current="true">Dansk</span>' in body
    assert (
        '<button type="submit" name="language" value="en" lang="en" '
        'class="function-link language-choice">English</button>'
    ) in body


def test_the_public_form_does_not_link_to_the_api_docs(cw, client):
    body = client.get(reverse("cases:intake")).content.decode()
    assert reverse("api:docs") not in body
