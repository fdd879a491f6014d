"""The XLSX import of planned analyses through the shared imports app (decision 0043): the
preview writes nothing, confirming plans and re-plans, undo restores; a bad file gets one Danish
message per problem with its line and column and changes nothing; a started analysis is never
re-planned by a file; staff and boards cannot import."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from boligsocial.analyses import services
from boligsocial.analyses.models import Analysis
from boligsocial.audit.models import ChangeLogEntry
from boligsocial.imports.models import ImportBatch
from boligsocial.organisations.tests.test_imports import xlsx_bytes

pytestmark = pytest.mark.django_db
HEADER = ("afdelingsnummer", "aar", "dato", "interviewere")
URL = reverse("imports:upload", args=["planlagte-analyser"])
NEXT = date.today().year + 1


def _upload(client, world, *rows):
    data = xlsx_bytes(HEADER, *rows).getvalue()
    return client.post(
        URL, {"organisation": world.org_a.pk, "file": SimpleUploadedFile("plan.xlsx", data)}
    )


def _state(world):
    return sorted(
        (
            a.department.number,
            a.year,
            a.planned_date,
            sorted(u.username for u in a.interviewers.all()),
        )
        for a in Analysis.objects.filter(organisation=world.org_a).prefetch_related("interviewers")
    )


def test_planned_analyses_are_previewed_confirmed_and_undone(client_for, world, personas):
    services.plan_analysis(
        department=world.dept_a2, year=NEXT, planned_date=date(NEXT, 2, 1), actor=personas["head_a"]
    )
    before = _state(world)
    client = client_for("head_a")
    n1, n2 = world.dept_a1.number, world.dept_a2.number
    response = _upload(
        client,
        world,
        (n1, NEXT, f"15-03-{NEXT}", "staff-a, head-a"),
        (n2, NEXT, date(NEXT, 4, 7), ""),
    )
    batch = ImportBatch.objects.get()
    assert response["Location"] == reverse("imports:batch", args=[batch.pk])
    assert _state(world) == before  # the preview writes nothing
    html = client.get(response["Location"]).content.decode()
    assert "Oprettes: 1. Ændres: 1. Uændret: 0." in html
    assert f"Afdeling {n1}, analyse {NEXT}" in html and f"Afdeling {n2}, analyse {NEXT}" in html

    assert client.post(reverse("imports:confirm", args=[batch.pk])).status_code == 302
    assert _state(world) == [
        (n1, NEXT, date(NEXT, 3, 15), ["head-a", "staff-a"]),
        (n2, NEXT, date(NEXT, 4, 7), []),
    ]
    created = Analysis.objects.get(department=world.dept_a1, year=NEXT)
    assert (created.status, created.guide_version.guide.key) == ("planned", "saarbarhedsanalyse")
    assert ChangeLogEntry.objects.get(object_id=str(created.pk), action="create").changes == {
        "planned_date": [None, f"{NEXT}-03-15"],
        "interviewers": [None, sorted([personas["staff_a"].pk, personas["head_a"].pk])],
    }

    response = client.post(reverse("imports:undo", args=[batch.pk]), follow=True)
    assert "Slettet: 1. Gendannet: 1." in response.content.decode()
    assert _state(world) == before


def test_a_bad_file_gets_a_danish_message_per_problem_and_changes_nothing(client_for, world):
    n1 = world.dept_a1.number
    before = _state(world)
    _upload(
        client_for("head_a"),
        world,
        (999, NEXT, f"01-02-{NEXT}", ""),
        (n1, "næste år", "snart", "board-a"),
        (n1, NEXT, f"01-02-{NEXT + 1}", "ukendt@example.org"),
    )
    batch = ImportBatch.objects.get()
    assert [(i["row"], i["column"], i["message"]) for i in batch.errors] == [
        (2, "afdelingsnummer", "Boligorganisationen har ingen afdeling 999."),
        (3, "aar", "“næste år” er ikke et helt tal (forventet fx 1283 eller 1.283)."),
        (3, "dato", "“snart” er ikke en dato (forventet fx 31-12-2024)."),
        (3, "interviewere", "»board-a« er ikke med i organisationens boligsociale enhed."),
        (4, "dato", f"Datoen skal ligge i {NEXT}."),
        (
            4,
            "interviewere",
            "»ukendt@example.org« er ikke med i organisationens boligsociale enhed.",
        ),
    ]
    assert _state(world) == before


def test_a_started_analysis_is_not_re_planned_by_a_file(client_for, world, personas):
    analysis = services.plan_analysis(
        department=world.dept_a1,
        year=NEXT,
        planned_date=date(NEXT, 2, 1),
        actor=personas["staff_a"],
    )
    services.save_note(
        analysis=analysis, theme_key="husorden", text="Støj", actor=personas["staff_a"]
    )
    before = _state(world)
    _upload(client_for("head_a"), world, (world.dept_a1.number, NEXT, f"01-05-{NEXT}", ""))
    assert [i["message"] for i in ImportBatch.objects.get().errors] == [
        f"Afdeling {world.dept_a1.number} har allerede en analyse for {NEXT}, som er i gang "
        "eller holdt; en fil kan ikke planlægge den igen."
    ]
    assert _state(world) == before


@pytest.mark.parametrize("persona", ["staff_a", "management_a", "board_a"])
def test_only_heads_and_administrators_import_planned_analyses(client_for, world, persona):
    assert client_for(persona).get(URL).status_code == 403
