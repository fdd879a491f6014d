"""The results are counted once per answers version and stored per group (decision 0041): a
results page reads the groups it shows, in the same number of queries at any size, and
recounts nothing until an answer changes."""

import random
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from boligsocial.organisations.tests.factories import DepartmentFactory
from boligsocial.surveys import selectors, services
from boligsocial.surveys.models import ResultGroup, Survey, SurveyAnswer

pytestmark = pytest.mark.django_db


def _survey(world, personas, version, n_departments, rng):
    departments = [
        DepartmentFactory(organisation=world.org_a, municipality=world.dept_a1.municipality)
        for _ in range(n_departments)
    ]
    today = date.today()
    survey = services.create_survey(
        organisation=world.org_a, name=f"Store {n_departments}", guide_version=version,
        departments=departments, opens_on=today - timedelta(days=1),
        closes_on=today + timedelta(days=20), actor=personas["staff_a"],
        index_keys=["tryg_moerke"],
    )  # fmt: skip
    services.open_survey(survey=survey, actor=personas["staff_a"])
    SurveyAnswer.objects.bulk_create(
        SurveyAnswer(
            survey=survey, department=d, building="x", channel="web", submitted=True,
            values={"tryg_moerke": str(rng.randint(1, 5)), "problemer": ["affald"]},
        )
        for d in departments
        for _ in range(rng.randint(0, 9))
    )  # fmt: skip
    Survey.objects.filter(pk=survey.pk).update(answers_version=1)
    return survey, departments


def _get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    sql = [q["sql"] for q in queries.captured_queries]
    return len(sql), sum("surveys_surveyanswer" in s for s in sql)


def test_results_are_stored_once_per_answers_version_and_read_in_constant_queries(
    world, personas, safety_version, client_for
):
    rng = random.Random(7)
    client = client_for("staff_a")
    counts = {}
    for n in (12, 18):  # both above the size at which every department is shown per question
        survey, departments = _survey(world, personas, safety_version, n, rng)
        url = reverse("surveys:results", args=[survey.pk])
        selectors.guide_of(survey)  # the guide's spec is cached per version, not per survey
        cold, cold_answers = _get(client, url)
        warm, warm_answers = _get(client, url)
        chosen, _ = _get(client, f"{url}?afdeling={departments[3].pk}")
        assert cold_answers == 1 and warm_answers == 0  # counted once, then only read
        counts[n] = (cold, warm, chosen)
        assert ResultGroup.objects.filter(survey=survey).count() == n + 1
    assert counts[12] == counts[18]
    assert counts[12][1] < counts[12][0]


def test_a_new_answer_gives_a_new_set_and_the_old_one_is_deleted(
    open_survey, world, personas, client_for
):
    survey, issued = open_survey
    first = selectors.results(survey, texts=False)
    assert first.by_key()[("org",)].respondents.value == 0
    old_stamp = selectors.stamp(survey)
    for item in issued[world.dept_a1.id][:5]:
        invitation, code = services.find_invitation(token=item.token)
        services.save_progress(
            invitation=invitation, code=code, raw={"tryg_moerke": "1"}, language="da",
            submit=True,
        )  # fmt: skip
    survey.refresh_from_db()
    after = selectors.results(survey, texts=False).by_key()
    assert after[("org",)].respondents.value == 5
    assert after[("org",)].questions["tryg_moerke"].favourable.percent == 100
    assert not ResultGroup.objects.filter(survey=survey, stamp=old_stamp).exists()
    assert set(ResultGroup.objects.filter(survey=survey).values_list("stamp", flat=True)) == {
        selectors.stamp(survey)
    }
