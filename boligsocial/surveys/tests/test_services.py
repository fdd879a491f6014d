"""Invitations, one answer per household, the unlinkable answer table, staff answers,
reminders, closing and the feed."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection

from boligsocial.audit.models import ChangeLogEntry
from boligsocial.guides.answers import AnswerError
from boligsocial.screening.models import IndicatorValue
from boligsocial.surveys import services, tokens
from boligsocial.surveys.models import Invitation, ReminderRound, Survey, SurveyAnswer
from boligsocial.surveys.senders import ConsoleSender

pytestmark = pytest.mark.django_db


def answer(item, values, *, submit=True, language="da"):
    invitation, code = services.find_invitation(token=item.token)
    return services.save_progress(
        invitation=invitation, code=code, raw=values, language=language, submit=submit
    )


def test_one_invitation_per_lease_with_unique_tokens_and_no_second_round(
    open_survey, world, personas
):
    survey, issued = open_survey
    a1 = issued[world.dept_a1.id]
    assert len(a1) == 8  # the world's lease and 7 more
    assert len({i.token for items in issued.values() for i in items}) == 12
    assert Invitation.objects.filter(survey=survey).count() == 12
    again = services.create_invitations(
        survey=survey, department=world.dept_a1, actor=personas["staff_a"]
    )
    assert again == [] and Invitation.objects.filter(survey=survey).count() == 12
    row = Invitation.objects.get(pk=a1[0].invitation.pk)
    stored = {f.attname: getattr(row, f.attname) for f in Invitation._meta.fields}
    assert a1[0].token not in map(str, stored.values()) and a1[0].code not in map(
        str, stored.values()
    )


def test_a_token_answers_once_and_can_change_its_answer_until_close(open_survey, world, personas):
    survey, issued = open_survey
    item = issued[world.dept_a1.id][0]
    answer(item, {"tryg_moerke": "2"}, submit=False)
    assert SurveyAnswer.objects.get().submitted is False
    assert not Invitation.objects.get(pk=item.invitation.pk).answered
    answer(item, {"hjaelp_politi": "1"})
    answer(item, {"tryg_moerke": "4"})
    stored = SurveyAnswer.objects.get()
    assert stored.values == {"tryg_moerke": "4", "hjaelp_politi": "1"} and stored.submitted
    assert Invitation.objects.get(pk=item.invitation.pk).answered
    # the typed code reaches the same answer
    invitation, code = services.find_invitation(code=tokens.display_code(item.code).lower())
    assert invitation.pk == item.invitation.pk and services.own_answer(code=code).pk == stored.pk
    services.close_survey(survey=survey, actor=personas["staff_a"], feed=False)
    assert services.find_invitation(token=item.token) == (None, "")
    assert SurveyAnswer.objects.get().edit_key is None


def test_wrong_expired_and_closed_tokens_look_the_same(open_survey, world):
    _survey, issued = open_survey
    item = issued[world.dept_a1.id][0]
    assert services.find_invitation(token="nope") == (None, "")
    assert services.find_invitation(code="ABCDE-FGHJK") == (None, "")
    assert services.find_invitation(token=item.token, today=date.today() + timedelta(days=30)) == (
        None,
        "",
    )
    assert services.find_invitation(token=item.token)[0] is not None


def test_a_bad_answer_is_refused_and_changes_nothing(open_survey, world):
    _survey, issued = open_survey
    item = issued[world.dept_a1.id][0]
    with pytest.raises(AnswerError, match="ikke et af svarene"):
        answer(item, {"tryg_moerke": "9"})
    assert SurveyAnswer.objects.count() == 0
    assert not Invitation.objects.filter(answered=True).exists()


def test_the_answer_table_cannot_be_joined_to_a_lease(open_survey, world, personas):
    """Inspect the stored tables: the answer has no key to an invitation or lease, no time, a
    random id; no value of an answer row occurs in the invitation rows; and closing rewrites
    the rows in random order with new ids."""
    survey, issued = open_survey
    for item in issued[world.dept_a1.id][:6]:
        answer(item, {"tryg_moerke": "1"})
    fields = {f.name: f for f in SurveyAnswer._meta.get_fields() if f.concrete}
    related = {f.related_model for f in fields.values() if f.is_relation}
    assert related == {Survey, type(world.dept_a1)}
    assert not any(f.get_internal_type() in ("DateTimeField", "DateField") for f in fields.values())
    assert fields["id"].get_internal_type() == "UUIDField"
    with connection.cursor() as cursor:
        columns = {
            c.name
            for c in connection.introspection.get_table_description(
                cursor, SurveyAnswer._meta.db_table
            )
        }
        constraints = connection.introspection.get_constraints(cursor, SurveyAnswer._meta.db_table)
    assert columns == {
        "id",
        "survey_id",
        "department_id",
        "building",
        "channel",
        "language",
        "values",
        "submitted",
        "edit_key",
    }
    targets = {c["foreign_key"][0] for c in constraints.values() if c["foreign_key"]}
    assert targets == {Survey._meta.db_table, world.dept_a1._meta.db_table}
    invitation_values = set()
    for row in Invitation.objects.values():
        invitation_values.update(str(v) for v in row.values())
    for row in SurveyAnswer.objects.values("id", "edit_key"):
        assert str(row["id"]) not in invitation_values and row["edit_key"] not in invitation_values
    # the public answers wrote nothing to the change log that names a household
    assert not ChangeLogEntry.objects.filter(object_repr__icontains="Alfavej").exists()
    before = set(SurveyAnswer.objects.values_list("id", flat=True))
    services.close_survey(survey=survey, actor=personas["staff_a"], feed=False)
    after = set(SurveyAnswer.objects.values_list("id", flat=True))
    assert len(after) == 6 and not before & after


def test_staff_enter_a_paper_answer_marked_as_such_once(open_survey, world, personas):
    _survey, issued = open_survey
    invitation = issued[world.dept_a2.id][0].invitation
    services.record_staff_answer(
        invitation=invitation, raw={"tryg_moerke": "3"}, channel="paper", actor=personas["staff_a"]
    )
    stored = SurveyAnswer.objects.get()
    assert (stored.channel, stored.submitted, stored.edit_key) == ("paper", True, None)
    with pytest.raises(services.SurveyError, match="allerede svaret"):
        services.record_staff_answer(
            invitation=invitation,
            raw={"tryg_moerke": "1"},
            channel="visit",
            actor=personas["staff_a"],
        )
    assert SurveyAnswer.objects.count() == 1


def test_reminders_go_to_non_responders_only(open_survey, world, personas):
    survey, issued = open_survey
    answer(issued[world.dept_a1.id][0], {"tryg_moerke": "1"})
    sender = ConsoleSender()
    reminder = services.send_reminders(survey=survey, actor=personas["staff_a"], sender=sender)
    assert reminder.count == 11 and len(sender.sent) == 11
    assert issued[world.dept_a1.id][0].invitation.pk not in {pk for _, pk in sender.sent}
    assert ReminderRound.objects.get().channel == "console"
    assert Invitation.objects.filter(reminders=1).count() == 11


def test_k_below_three_is_refused(world, personas, safety_version):
    with pytest.raises(services.SurveyError, match="mindst 3"):
        services.create_survey(
            organisation=world.org_a, name="x", guide_version=safety_version,
            departments=[world.dept_a1], opens_on=date.today(), closes_on=date.today(),
            actor=personas["staff_a"], min_count=2,
        )  # fmt: skip
    assert not Survey.objects.exists()


def test_closing_feeds_the_shown_departments_index_and_not_the_suppressed(
    open_survey, world, personas
):
    survey, issued = open_survey
    for item in issued[world.dept_a1.id][:6]:
        answer(item, {"tryg_moerke": "2", "tryg_grundlaeggende": "1"})  # 75 and 100
    for item in issued[world.dept_a2.id][:2]:
        answer(item, {"tryg_moerke": "5"})
    services.close_survey(survey=survey, actor=personas["staff_a"])
    values = dict(
        IndicatorValue.objects.filter(indicator__code="safety_survey_score").values_list(
            "department_id", "value"
        )
    )
    # dept_a2 has 2 answers (<5); dept_a1 is then the whole organisation minus dept_a2 and is
    # hidden too: nothing is fed
    assert values == {}


def test_closing_feeds_the_index_of_shown_departments(world, personas, safety_version):
    from boligsocial.surveys.tests.conftest import make_survey

    survey, issued = make_survey(world, personas, safety_version, leases=(7, 6))
    for item in issued[world.dept_a1.id][:6]:
        answer(item, {"tryg_moerke": "2", "tryg_grundlaeggende": "1"})  # points 75 and 100
    for item in issued[world.dept_a2.id][:5]:
        answer(item, {"tryg_moerke": "5"})  # 0
    services.close_survey(survey=survey, actor=personas["staff_a"])
    values = dict(
        IndicatorValue.objects.filter(indicator__code="safety_survey_score").values_list(
            "department_id", "value"
        )
    )
    assert values == {world.dept_a1.id: Decimal("87.5"), world.dept_a2.id: Decimal("0")}
