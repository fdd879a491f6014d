"""Guide pages beyond the matrix: the POST-only new version and publish, the XLSForm import with
its per-row report, editing a frozen version, the preview marks our proposal."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from boligsocial.guides import services
from boligsocial.guides.models import Guide, GuideVersion, Question
from boligsocial.guides.xlsform.writing import to_xlsx

pytestmark = pytest.mark.django_db


def _interview():
    return Guide.objects.get(key="saarbarhedsanalyse")


@pytest.mark.parametrize(
    ("persona", "status", "versions"),
    [("admin", 302, 2), ("head_a", 403, 1), ("staff_a", 403, 1), ("board_a", 403, 1)],
)
def test_new_version_of_the_shared_guide_is_for_administrators(
    client_for, persona, status, versions
):
    version = _interview().versions.get(number=1)
    response = client_for(persona).post(reverse("guides:new_version", args=[version.pk]))
    assert response.status_code == status
    assert GuideVersion.objects.filter(guide=_interview()).count() == versions


def test_publish(client_for, personas):
    draft = services.new_version(
        version=_interview().versions.get(number=1), actor=personas["admin"]
    )
    assert draft.published_at is None
    assert client_for("admin").post(reverse("guides:publish", args=[draft.pk])).status_code == 302
    draft.refresh_from_db()
    assert draft.published_at is not None
    assert services.current_version(_interview()) == draft


def test_the_preview_marks_our_proposal(client_for):
    version = _interview().versions.get(number=1)
    html = client_for("staff_a").get(reverse("guides:preview", args=[version.pk])).content.decode()
    assert "Vores forslag" in html or "Our proposal" in html
    assert html.count("disabled data-autosave") > 20


def test_import_of_an_exported_guide_as_a_head_makes_an_organisation_guide(client_for, world):
    spec = _interview().versions.get(number=1).spec()
    from dataclasses import replace

    data = to_xlsx(replace(spec, key="alfa_interview", name="Alfas interview"))
    upload = SimpleUploadedFile("guide.xlsx", data)
    response = client_for("head_a").post(reverse("guides:import"), {"file": upload})
    assert response.status_code == 302
    guide = Guide.objects.get(key="alfa_interview")
    assert guide.organisation == world.org_a
    assert guide.versions.get().spec().themes == spec.themes


def test_import_of_a_bad_form_shows_the_rows_and_stores_nothing(client_for):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "survey"
    wb.active.append(["type", "name", "label"])
    wb.active.append(["geopoint", "sted", "Hvor?"])
    out = io.BytesIO()
    wb.save(out)
    before = Guide.objects.count()
    response = client_for("head_a").post(
        reverse("guides:import"), {"file": SimpleUploadedFile("x.xlsx", out.getvalue())}
    )
    assert response.status_code == 200
    assert "Række 2: typen »geopoint« understøttes ikke." in response.content.decode()
    assert Guide.objects.count() == before


def test_editing_a_frozen_version_through_the_page_makes_a_new_version(client_for, personas):
    from boligsocial.guides.forms import QuestionForm

    version = _interview().versions.get(number=1)
    services.record_answer(
        response=services.start_response(version=version), question_key="flytning_omfang",
        raw="2", actor=None,
    )  # fmt: skip
    question = Question.objects.get(theme__version=version, key="flytning_omfang")
    data = {k: v for k, v in QuestionForm.initial_for(question.spec()).items() if v not in (False,)}
    data["text"] = "Hvordan er fraflytningen?"
    response = client_for("admin").post(reverse("guides:question_edit", args=[question.pk]), data)
    assert response.status_code == 302
    assert Question.objects.get(pk=question.pk).text != "Hvordan er fraflytningen?"
    new = Question.objects.get(
        theme__version__number=2, theme__version__guide=_interview(), key="flytning_omfang"
    )
    assert new.text == "Hvordan er fraflytningen?"
