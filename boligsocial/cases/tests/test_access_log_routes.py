"""Every route that shows case content writes exactly one access-log row per case shown (page,
PDF, attachment, export), with the URL name as route; pages that show no content write none."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from boligsocial.audit.models import AccessLogEntry
from boligsocial.cases.models import Attachment, Letter
from boligsocial.cases.tests.factories import CaseFactory, cases_world


@pytest.fixture
def cw(world, personas, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    cases_world(world, personas)
    world.crisis = CaseFactory(department=world.dept_a1, kind="crisis")
    world.letter = Letter.objects.create(
        case=world.case_a1, kind="warning", subject="Advarsel", rendered_body="Tekst"
    )
    attachment = Attachment(
        case=world.case_a1, original_name="a.pdf", content_type="application/pdf", size=9
    )
    attachment.file.save("a.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    world.attachment = attachment
    return world


CONTENT_ROUTES = [
    ("cases:detail", "staff_a", lambda w: [w.case_a1.pk], "case_a1"),
    ("cases:detail", "municipal", lambda w: [w.case_shared.pk], "case_shared"),
    ("cases:edit", "staff_a", lambda w: [w.case_a1.pk], "case_a1"),
    ("cases:letter_create", "staff_a", lambda w: [w.case_a1.pk, "warning"], "case_a1"),
    ("cases:letter_pdf", "staff_a", lambda w: [w.case_a1.pk, w.letter.pk], "case_a1"),
    ("cases:attachment", "staff_a", lambda w: [w.case_a1.pk, w.attachment.pk], "case_a1"),
    ("cases:mediation", "head_a", lambda w: [w.case_a1.pk], "case_a1"),
    ("cases:crisis", "staff_a", lambda w: [w.crisis.pk], "crisis"),
]


@pytest.mark.parametrize(("route", "persona", "args", "case"), CONTENT_ROUTES)
def test_a_content_route_logs_exactly_one_read(
    cw, client_for, personas, route, persona, args, case
):
    response = client_for(persona).get(reverse(route, args=args(cw)))
    assert response.status_code == 200
    rows = list(AccessLogEntry.objects.values_list("user", "object_id", "route"))
    assert rows == [(personas[persona].pk, str(getattr(cw, case).pk), route)]


@pytest.mark.parametrize(
    ("route", "args"),
    [
        ("cases:statistics", lambda w: []),
        ("cases:contact", lambda w: [w.case_a1.pk]),
        ("cases:status", lambda w: [w.case_a1.pk]),
        ("cases:share", lambda w: [w.case_a1.pk]),
    ],
)
def test_pages_without_case_content_log_nothing(cw, client_for, route, args):
    assert client_for("staff_a").get(reverse(route, args=args(cw))).status_code == 200
    assert AccessLogEntry.objects.count() == 0


@pytest.mark.parametrize("persona", ["staff_b", "board_a", "caretaker_a"])
def test_a_refused_read_logs_nothing(cw, client_for, persona):
    assert client_for(persona).get(reverse("cases:detail", args=[cw.case_a1.pk])).status_code == 404
    assert AccessLogEntry.objects.count() == 0


def test_the_person_export_logs_one_row_per_case_in_it(cw, client_for, personas):
    response = client_for("head_a").post(
        reverse("cases:person_export"), {"name": "rasmus støjesen", "email": "", "phone": ""}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="indsigt-')
    import json

    data = json.loads(response.content)
    assert [c["reference"] for c in data["cases"]] == ["BS-2026-0001"]
    assert data["cases"][0]["parties"][1]["name"] == "Rasmus Støjesen"
    rows = list(AccessLogEntry.objects.values_list("user", "object_id", "route", "purpose"))
    assert rows == [(personas["head_a"].pk, str(cw.case_a1.pk), "cases:person_export", "indsigt")]


def test_the_person_export_without_a_search_term_is_refused(cw, client_for):
    response = client_for("head_a").post(reverse("cases:person_export"), {"name": ""})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert AccessLogEntry.objects.count() == 0


def test_the_access_log_page_searches_by_user_case_and_date(cw, client_for, personas):
    client_for("staff_a").get(reverse("cases:detail", args=[cw.case_a1.pk]))
    client_for("head_a").get(reverse("cases:detail", args=[cw.case_a2.pk]))
    client_for("staff_b").get(reverse("cases:detail", args=[cw.case_b1.pk]))
    head = client_for("head_a")

    def shown(params):
        response = head.get(reverse("cases:access_log"), params)
        return [(e.user.username, e.object_repr) for e in response.context["listing"].page]

    # organisation B's reads are not in organisation A's log
    assert sorted(shown({})) == [("head-a", "BS-2026-0002"), ("staff-a", "BS-2026-0001")]
    assert shown({"user": "staff"}) == [("staff-a", "BS-2026-0001")]
    assert shown({"case": "0002"}) == [("head-a", "BS-2026-0002")]
    assert shown({"date_from": "2000-01-01", "date_to": "2000-12-31"}) == []
    assert len(shown({"date_from": "not a date"})) == 2  # a bad date is ignored, not an error
    admin = client_for("admin").get(reverse("cases:access_log"))
    assert admin.context["listing"].page.paginator.count == 3  # every organisation


def test_every_case_route_that_reads_a_case_has_danish_words():
    """Each page of the cases URLconf that fetches a case (and so logs the read) is named in
    words on the access-log page, not by its URL name."""
    from django.urls import get_resolver

    from boligsocial.cases.routes import ROUTE_LABELS

    names = {
        f"cases:{name}"
        for name in get_resolver("boligsocial.cases.urls").reverse_dict
        if isinstance(name, str)
    }
    not_a_case_read = {
        "cases:create",
        "cases:lease_search",
        "cases:statistics",
        "cases:statistics_export",
        "cases:access_log",
        "cases:change_log",
        "cases:letter_templates",
        "cases:letter_sender_edit",
        "cases:letter_template_edit",
        "cases:intake",
        "cases:intake_receipt",
        "cases:quick_report",
        "cases:quick_report_done",
    }
    assert sorted(names - not_a_case_read - set(ROUTE_LABELS)) == []
