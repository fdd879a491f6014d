"""The surveys' demo data (issue 15 part 9; run by tests/test_demo_data.py against one seeded
demo): two closed safety surveys a year apart, response rates between 20 and 60 %, and an open
trivselsmåling."""

from boligsocial.surveys.models import Invitation, Survey, SurveyAnswer


def check_two_closed_safety_surveys_a_year_apart_and_an_open_one():
    closed = list(Survey.objects.filter(status="closed").order_by("year"))
    assert [s.year for s in closed] == [closed[0].year, closed[0].year + 1]
    assert closed[1].previous == closed[0]
    assert Survey.objects.filter(status="open").count() == 1
    assert all(s.min_count == 5 for s in closed)


def check_response_rates_are_realistic_and_one_answer_per_answered_household():
    for survey in Survey.objects.filter(status="closed"):
        invited = Invitation.objects.filter(survey=survey)
        answered = invited.filter(answered=True).count()
        assert 0.2 <= answered / invited.count() <= 0.6
        assert SurveyAnswer.objects.filter(survey=survey).count() == answered
