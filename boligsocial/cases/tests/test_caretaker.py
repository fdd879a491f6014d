"""Caretaker first (issue 13, item 7): the home page is the quick report; the form remembers the
last department, drops the wall of tiles for many departments, keeps a chosen photo across a
validation error and offers what a caretaker meets; the caretaker sees the status of their own
reports (and nothing else of the case)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from boligsocial.cases import storage
from boligsocial.cases.models import Attachment, Case, Party
from boligsocial.cases.tests.factories import CaseFactory
from boligsocial.cases.tests.test_views_actions import PNG
from boligsocial.core.storage import private_storage
from boligsocial.organisations.tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")


def report(client, **data):
    return client.post(reverse("cases:quick_report"), data)


def test_the_caretaker_lands_on_the_quick_report(cw, client_for):
    response = client_for("caretaker_a").get(reverse("site:home"))
    body = response.content.decode()
    assert response.status_code == 200
    assert response.context["case_counts"]["quick_form"] is not None
    assert f'action="{reverse("cases:quick_report")}"' in body
    assert "Dine indberetninger" in body
    assert body.index("Hurtig indberetning") < body.index("Dine roller")


def test_staff_do_not_get_the_quick_form_on_home(cw, client_for):
    assert (
        "quick_form" not in client_for("staff_a").get(reverse("site:home")).context["case_counts"]
    )


def test_the_categories_a_caretaker_meets(cw, client_for):
    form = client_for("caretaker_a").get(reverse("cases:quick_report")).context["form"]
    assert [value for value, _label in form.fields["category"].choices] == [
        "noise",
        "waste",
        "property_damage",
        "violence_threats",
        "harassment",
        "crime_insecurity",
        "neglect",
        "pets",
        "other",
    ]


def test_a_report_of_violence_goes_on_the_safety_track(cw, client_for):
    report(client_for("caretaker_a"), department=cw.dept_a1.pk, category="violence_threats")
    case = Case.objects.get(source="caretaker")
    assert (case.category, case.track) == ("violence_threats", "tryghed")


def test_the_form_remembers_the_last_department(cw, client_for):
    client = client_for("caretaker_a")
    assert client.get(reverse("cases:quick_report")).context["form"]["department"].value() is None
    report(client, department=cw.dept_a2.pk, category="waste")
    form = client.get(reverse("cases:quick_report")).context["form"]
    assert form["department"].value() == cw.dept_a2.pk


def test_many_departments_are_one_drop_down_not_a_wall_of_tiles(cw, client_for):
    for n in range(6):
        DepartmentFactory(organisation=cw.org_a, number=10 + n, name=f"Afdeling {10 + n}")
    body = client_for("caretaker_a").get(reverse("cases:quick_report")).content.decode()
    assert 'type="radio" class="form-radio" name="department"' not in body
    select = body[body.index('<select name="department"') :]
    select = select[: select.index("</select>")]
    assert select.count("<option") == 9  # 8 departments and "choose department"


def test_two_departments_stay_radio_buttons(cw, client_for):
    body = client_for("caretaker_a").get(reverse("cases:quick_report")).content.decode()
    assert body.count('name="department"') == 2


def test_a_chosen_photo_is_kept_across_a_validation_error(cw, client_for):
    client = client_for("caretaker_a")
    first = report(
        client, category="noise", photo=SimpleUploadedFile("trappe.png", PNG, "image/png")
    )
    assert first.status_code == 200
    assert first.context["form"].errors["department"] == ["Vælg afdelingen."]
    assert not Case.objects.filter(source="caretaker").exists()
    token = first.context["form"].data["kept_photo"]
    assert token and first.context["kept_photo_name"] == "trappe.png"
    assert "Dit foto “trappe.png” er gemt" in first.content.decode()
    second = report(client, department=cw.dept_a1.pk, category="noise", kept_photo=token)
    assert second.status_code == 302
    attachment = Attachment.objects.get()
    assert (attachment.case.source, attachment.original_name, attachment.content_type) == (
        "caretaker",
        "trappe.png",
        "image/png",
    )
    assert attachment.file.read() == PNG
    folder = f"{storage.PENDING_DIR}/{client_for('caretaker_a').session.get('_auth_user_id')}"
    assert private_storage().listdir(folder)[1] == [] if private_storage().exists(folder) else True


def test_a_kept_photo_is_deleted_once_sent(cw, client_for, personas):
    client = client_for("caretaker_a")
    first = report(client, category="noise", photo=SimpleUploadedFile("a.png", PNG, "image/png"))
    folder = f"{storage.PENDING_DIR}/{personas['caretaker_a'].pk}"
    assert len(private_storage().listdir(folder)[1]) == 1
    report(
        client,
        department=cw.dept_a1.pk,
        category="noise",
        kept_photo=first.context["form"].data["kept_photo"],
    )
    assert private_storage().listdir(folder)[1] == []


def test_another_users_or_a_forged_token_is_ignored(cw, client_for, personas):
    first = report(
        client_for("caretaker_a"),
        category="noise",
        photo=SimpleUploadedFile("a.png", PNG, "image/png"),
    )
    token = first.context["form"].data["kept_photo"]
    other = client_for("staff_a")
    response = report(other, department=cw.dept_a1.pk, category="noise", kept_photo=token)
    assert response.status_code == 302
    assert Attachment.objects.count() == 0
    forged = report(
        client_for("caretaker_a"),
        department=cw.dept_a1.pk,
        category="noise",
        kept_photo="quick_pending/1/../../etc/passwd",
    )
    assert forged.status_code == 302
    assert Attachment.objects.count() == 0


def test_a_bad_photo_is_not_kept(cw, client_for):
    response = report(
        client_for("caretaker_a"),
        category="noise",
        photo=SimpleUploadedFile("x.png", b"not an image at all", "image/png"),
    )
    assert response.context["form"].data["kept_photo"] == ""
    assert response.context["kept_photo_name"] == ""


# --- the caretaker's own reports -------------------------------------------------------------


@pytest.fixture
def filed(cw, client_for, personas):
    client = client_for("caretaker_a")
    report(client, department=cw.dept_a1.pk, category="noise", note="Larm i opgang 3")
    case = Case.objects.get(source="caretaker")
    Party.objects.create(case=case, role="respondent", name="Rasmus Støjesen")
    Case.objects.filter(pk=case.pk).update(description="Sagsbehandlerens notat om Rasmus.")
    return case


def test_the_caretaker_sees_the_status_of_their_own_reports(filed, client_for):
    client = client_for("caretaker_a")
    page = client.get(reverse("cases:own_reports"))
    assert page.status_code == 200
    assert [r.reference for r in page.context["reports"]] == [filed.reference]
    assert "Modtaget, endnu ikke behandlet" in page.content.decode()
    detail = client.get(reverse("cases:own_report", args=[filed.pk]))
    body = detail.content.decode()
    assert detail.status_code == 200
    assert filed.reference in body and "Alfaparken" in body and "Støj" in body
    assert "Rasmus" not in body and "notat" not in body  # no parties, no case content
    assert client.get(reverse("cases:detail", args=[filed.pk])).status_code == 404


def test_the_status_follows_the_case(filed, client_for):
    from boligsocial.cases import services

    services.record_contact(filed, None)
    body = client_for("caretaker_a").get(reverse("cases:own_report", args=[filed.pk]))
    assert "Under behandling" in body.content.decode()


def test_an_own_report_is_logged_as_a_read(filed, client_for):
    from boligsocial.audit.models import AccessLogEntry

    client_for("caretaker_a").get(reverse("cases:own_report", args=[filed.pk]))
    assert list(AccessLogEntry.objects.values_list("object_repr", "route")) == [
        (filed.reference, "cases:own_report")
    ]


def test_reports_filed_by_others_are_not_found(cw, filed, client_for, personas):
    from boligsocial.organisations.models import Membership
    from boligsocial.organisations.tests.factories import UserFactory

    staff_case = CaseFactory(department=cw.dept_a1, source="caretaker", created_by=None)
    other = UserFactory(username="anden-vicevaert")
    Membership.objects.create(user=other, role="caretaker", organisation=cw.org_a)
    c = Client()
    c.force_login(other)
    assert c.get(reverse("cases:own_report", args=[filed.pk])).status_code == 404
    assert c.get(reverse("cases:own_reports")).context["reports"].count() == 0
    assert (
        client_for("caretaker_a").get(reverse("cases:own_report", args=[staff_case.pk])).status_code
        == 404
    )


def test_a_caretaker_who_lost_the_department_no_longer_sees_the_report(filed, personas, client_for):
    from boligsocial.organisations.models import Membership

    Membership.objects.filter(user=personas["caretaker_a"]).delete()
    assert (
        client_for("caretaker_a").get(reverse("cases:own_report", args=[filed.pk])).status_code
        == 404
    )
