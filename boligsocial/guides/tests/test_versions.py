"""Guides as data: the seeded guides, version freezing, editing makes a new version."""

from decimal import Decimal

import pytest

from boligsocial.guides import services, spec
from boligsocial.guides.answers import AnswerError
from boligsocial.guides.models import Answer, Guide, GuideVersion, Question
from boligsocial.organisations.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def interview() -> GuideVersion:
    return Guide.objects.get(key="saarbarhedsanalyse").versions.get(number=1)


def test_the_seeded_guides_are_published_and_sound():
    from boligsocial.guides.checks import problems

    guide = interview().spec()
    assert guide.proposal is True
    assert [t.key for t in guide.themes] == [
        "beboersammensaetning",
        "husorden",
        "saarbare_beboere",
        "boern_unge",
        "kriminalitet_tryghed",
        "fysiske_omgivelser",
        "beboerdemokrati",
        "samarbejde",
        "ejendomsfunktionaerer",
    ]
    assert len(guide.questions()) == 20
    assert problems(guide) == []
    checklist = Guide.objects.get(key="servicebesoeg").versions.get(number=1).spec()
    assert checklist.kind == "checklist"
    assert "ventiler_blokeret" in {q.key for q in checklist.questions()}
    assert "vaskemaskine_uregistreret" in {q.key for q in checklist.questions()}
    assert problems(checklist) == []
    assert services.current_version(Guide.objects.get(key="servicebesoeg")).number == 1


def test_an_unanswered_version_is_edited_in_place():
    user = UserFactory()
    version = interview()
    question = Question.objects.get(theme__version=version, key="flytning_omfang")
    edited = services.edit_question(question=question, actor=user, text="Ny tekst?")
    assert edited.pk == question.pk
    assert GuideVersion.objects.filter(guide=version.guide).count() == 1
    assert Question.objects.get(pk=question.pk).text == "Ny tekst?"


def test_the_first_answer_freezes_the_version_and_an_edit_makes_a_new_version():
    user = UserFactory()
    version = interview()
    response = services.start_response(version=version)
    services.record_answer(response=response, question_key="flytning_omfang", raw="4", actor=user)
    version.refresh_from_db()
    assert version.is_frozen
    question = Question.objects.get(theme__version=version, key="flytning_omfang")
    old_text = question.text
    edited = services.edit_question(
        question=question, actor=user, text="Ny tekst?", weight=Decimal(2)
    )
    assert edited.theme.version.number == 2
    assert edited.key == "flytning_omfang"
    assert (edited.text, edited.weight) == ("Ny tekst?", Decimal(2))
    # the frozen version and its answers are untouched
    assert Question.objects.get(pk=question.pk).text == old_text
    assert Answer.objects.get(response=response).value == "4"
    new = edited.theme.version
    assert new.frozen_at is None and new.published_at is None
    assert [q.key for q in new.spec().questions()] == [q.key for q in version.spec().questions()]


def test_adding_to_a_frozen_version_makes_a_new_version_too():
    user = UserFactory()
    version = interview()
    services.record_answer(
        response=services.start_response(version=version),
        question_key="flytning_omfang",
        raw="1",
        actor=user,
    )
    theme = version.themes.get(key="husorden")
    row = services.add_question(
        theme=theme,
        actor=user,
        question=spec.Question(
            "parkering",
            "Er parkering et problem?",
            spec.YES_NO,
            choices=spec.yes_no_choices(yes_score=Decimal(100), no_score=Decimal(0)),
        ),
    )
    assert row.theme.version.number == 2
    assert not version.themes.get(key="husorden").questions.filter(key="parkering").exists()


def test_an_unsound_edit_is_refused_and_changes_nothing():
    user = UserFactory()
    version = interview()
    question = Question.objects.get(theme__version=version, key="unge_hvor")
    with pytest.raises(services.GuideError) as e:
        services.edit_question(
            question=question, actor=user, show_if_key="iagttagelser", show_if_values=("1",)
        )
    assert e.value.problems == [
        "Spørgsmål »unge_hvor« vises ud fra »iagttagelser«, som ikke er et tidligere spørgsmål."
    ]
    assert Question.objects.get(pk=question.pk).show_if_key == "unge_grupper"
    assert GuideVersion.objects.filter(guide=version.guide).count() == 1


def test_a_wrong_answer_is_refused_and_does_not_freeze():
    version = interview()
    response = services.start_response(version=version)
    with pytest.raises(AnswerError):
        services.record_answer(
            response=response, question_key="flytning_omfang", raw="9", actor=None
        )
    with pytest.raises(AnswerError):
        services.record_answer(response=response, question_key="nope", raw="1", actor=None)
    version.refresh_from_db()
    assert version.frozen_at is None
    assert not Answer.objects.exists()


def test_an_empty_answer_clears_it():
    version = interview()
    response = services.start_response(version=version)
    services.record_answer(response=response, question_key="flytning_omfang", raw="2", actor=None)
    services.record_answer(response=response, question_key="flytning_omfang", raw="3", actor=None)
    assert response.values() == {"flytning_omfang": "3"}
    services.record_answer(response=response, question_key="flytning_omfang", raw="", actor=None)
    assert response.values() == {}
