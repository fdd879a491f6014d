from datetime import date
from decimal import Decimal

import pytest

from boligsocial.analyses import services
from boligsocial.analyses.models import Analysis, AnalysisStatus, Participant
from boligsocial.analyses.tests.factories import (
    ALL_BEST,
    ALL_WORST,
    DepartmentFactory,
    held_analysis,
    social_worker,
)
from boligsocial.audit.models import ChangeLogEntry
from boligsocial.organisations.tests.factories import OrganisationFactory, UserFactory
from boligsocial.screening.models import Indicator, IndicatorValue, Light

pytestmark = pytest.mark.django_db


def test_plan_keeps_participants_by_role_and_interviewers_from_the_social_unit():
    department = DepartmentFactory()
    staff = social_worker(department.organisation)
    analysis = services.plan_analysis(
        department=department,
        year=2026,
        planned_date=date(2026, 4, 14),
        actor=staff,
        interviewers=[staff],
        participants=[("board_chair", "Hanne"), ("caretaker", "")],
    )
    assert analysis.status == AnalysisStatus.PLANNED
    assert list(analysis.interviewers.all()) == [staff]
    assert list(Participant.objects.values_list("role", "name")) == [
        ("board_chair", "Hanne"),
        ("caretaker", ""),
    ]
    assert analysis.guide_version.guide.key == "saarbarhedsanalyse"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"planned_date": date(2025, 4, 1)}, "Datoen skal ligge i 2026."),
        ({"participants": [("board_member", "0101901234")]},
         "Skriv kun navn og rolle – ingen CPR-numre eller andre numre."),
        ({"participants": [("cpr", "x")]}, "Ukendt rolle »cpr«."),
    ],
)  # fmt: skip
def test_a_bad_plan_is_refused_in_danish_and_nothing_is_stored(kwargs, message):
    department = DepartmentFactory()
    staff = social_worker(department.organisation)
    args = {"department": department, "year": 2026, "planned_date": date(2026, 4, 1), **kwargs}
    with pytest.raises(services.AnalysisError) as e:
        services.plan_analysis(actor=staff, **args)
    assert str(e.value) == message
    assert not Analysis.objects.exists()


def test_an_interviewer_outside_the_social_unit_is_refused():
    department = DepartmentFactory()
    staff = social_worker(department.organisation)
    outsider = UserFactory(first_name="Ole", last_name="Udefra")
    with pytest.raises(services.AnalysisError) as e:
        services.plan_analysis(
            department=department,
            year=2026,
            planned_date=date(2026, 4, 1),
            actor=staff,
            interviewers=[outsider],
        )
    assert str(e.value) == (
        "Ole Udefra er ikke med i organisationens boligsociale enhed og kan ikke interviewe."
    )
    assert not Analysis.objects.exists()


def test_one_analysis_per_department_and_year():
    department = DepartmentFactory()
    staff = social_worker(department.organisation)
    services.plan_analysis(
        department=department, year=2026, planned_date=date(2026, 4, 1), actor=staff
    )
    with pytest.raises(services.AnalysisError) as e:
        services.plan_analysis(
            department=department, year=2026, planned_date=date(2026, 5, 1), actor=staff
        )
    assert str(e.value) == "Afdelingen har allerede en sårbarhedsanalyse for 2026."
    assert Analysis.objects.count() == 1


def test_autosave_starts_the_interview_and_completion_scores_it():
    department = DepartmentFactory()
    staff = social_worker(department.organisation)
    analysis = services.plan_analysis(
        department=department, year=2025, planned_date=date(2025, 3, 2), actor=staff
    )
    services.save_answer(analysis=analysis, question_key="husorden_omfang", raw="4", actor=staff)
    services.save_note(analysis=analysis, theme_key="husorden", text="Støj i opgang 3", actor=staff)
    analysis.refresh_from_db()
    assert analysis.status == AnalysisStatus.IN_PROGRESS
    assert analysis.response.values() == {"husorden_omfang": "4"}
    assert analysis.notes == {"husorden": "Støj i opgang 3"}
    assert analysis.guide_version.is_frozen
    entry = ChangeLogEntry.objects.filter(changes__has_key="note husorden").get()
    assert entry.changes["note husorden"] == ["•••", "•••"]
    with pytest.raises(services.AnalysisError) as e:
        services.complete_analysis(analysis=analysis, actor=staff, held_on=date(2025, 3, 2))
    assert str(e.value) == "8 påkrævede spørgsmål mangler svar."
    for key, value in ALL_BEST.items():
        services.save_answer(analysis=analysis, question_key=key, raw=value, actor=staff)
    services.save_answer(analysis=analysis, question_key="husorden_omfang", raw="4", actor=staff)
    done = services.complete_analysis(analysis=analysis, actor=staff, held_on=date(2025, 3, 2))
    # husorden: 75 of 3 questions with 1 answered (2 missing) -> 75.0; 8 other themes 0
    # -> overall 75 / 9 = 8.33.. -> 8.3
    assert done.theme_scores["husorden"] == {"score": "75.0", "scored": 1, "missing": 2}
    assert (done.score, done.band, done.status) == (Decimal("8.3"), "green", "done")
    with pytest.raises(services.AnalysisError):
        services.save_answer(analysis=done, question_key="husorden_omfang", raw="1", actor=staff)
    assert Analysis.objects.get(pk=done.pk).response.values()["husorden_omfang"] == "4"


def test_a_held_analysis_feeds_the_screening_and_changes_the_light():
    department = DepartmentFactory()
    indicator = Indicator.objects.get(code="vulnerability_score")
    assert not Light.objects.filter(department=department, year=2025).exists()
    held_analysis(department, 2025, ALL_WORST)
    value = IndicatorValue.objects.get(indicator=indicator, department=department, year=2025)
    assert (value.value, value.source) == (Decimal("100.0000"), "Boligsocial: sårbarhedsanalyser")
    light = Light.objects.get(department=department, year=2025)
    assert light.indicators["vulnerability_score"]["colour"] == "red"
    assert light.recommendation == ["Sårbarhed og trivsel i afdelingen"]


def test_a_better_analysis_turns_the_light_green():
    department = DepartmentFactory()
    held_analysis(department, 2024, ALL_WORST)
    assert (
        Light.objects.get(department=department, year=2024).indicators["vulnerability_score"][
            "colour"
        ]
        == "red"
    )
    held_analysis(department, 2025, ALL_BEST)
    light = Light.objects.get(department=department, year=2025)
    assert light.indicators["vulnerability_score"]["colour"] == "green"
    assert light.indicators["vulnerability_score"]["trend"] == "better"


def test_a_weight_makes_the_analysis_count_in_the_composite_colour():
    from boligsocial.screening.models import IndicatorWeight, WeightSet

    current = WeightSet.objects.order_by("-version").first()
    weights = WeightSet.objects.create(version=current.version + 1, note="Med sårbarhed")
    IndicatorWeight.objects.create(
        weight_set=weights, indicator=Indicator.objects.get(code="vulnerability_score"), weight=1
    )
    department = DepartmentFactory()
    held_analysis(department, 2025, ALL_WORST)
    light = Light.objects.get(department=department, year=2025)
    assert (light.colour, light.score) == ("red", Decimal("100.0000"))


def test_yearly_plan_covers_every_department_once():
    organisation = OrganisationFactory()
    departments = [DepartmentFactory(organisation=organisation, number=n) for n in range(1, 6)]
    staff = social_worker(organisation)
    held_analysis(departments[0], 2026, ALL_BEST, actor=staff, held_on=date(2026, 1, 5))
    planned = services.generate_yearly_plan(
        organisation=organisation, year=2026, actor=staff, today=date(2026, 1, 2)
    )
    assert planned == 4
    dates = list(
        Analysis.objects.filter(status="planned")
        .order_by("planned_date")
        .values_list("planned_date", flat=True)
    )
    assert dates[0] == date(2026, 1, 15) and dates[-1] == date(2026, 11, 30)
    assert all(d.weekday() < 5 for d in dates)
    assert (
        services.generate_yearly_plan(
            organisation=organisation, year=2026, actor=staff, today=date(2026, 1, 2)
        )
        == 0
    )
    assert Analysis.objects.count() == 5


@pytest.mark.parametrize(
    ("start", "end", "count", "expected"),
    [
        (date(2026, 1, 15), date(2026, 11, 30), 1, [date(2026, 1, 15)]),
        # 2026-01-17 is a Saturday -> Monday 19th; end 2026-01-18 (Sunday) -> Friday 16th
        (date(2026, 1, 17), date(2026, 1, 18), 2, [date(2026, 1, 16), date(2026, 1, 16)]),
        (date(2026, 1, 12), date(2026, 1, 16), 3,
         [date(2026, 1, 12), date(2026, 1, 14), date(2026, 1, 16)]),
        (date(2026, 1, 12), date(2026, 1, 16), 0, []),
    ],
)  # fmt: skip
def test_plan_dates(start, end, count, expected):
    assert services.plan_dates(start, end, count) == expected


def test_an_action_opens_a_beredskab_case():
    from boligsocial.cases.models import Case

    department = DepartmentFactory()
    staff = social_worker(department.organisation)
    analysis = held_analysis(department, 2025, ALL_WORST, actor=staff)
    action = services.add_action(
        analysis=analysis, actor=staff, title="Møde om unge i kælderen", owner=staff,
        due_date=date(2025, 5, 1), theme_key="boern_unge",
    )  # fmt: skip
    case = services.open_case_for_action(action=action, actor=staff)
    action.refresh_from_db()
    assert (action.case, action.status) == (case, "in_progress")
    assert Case.objects.get(pk=case.pk).department == department
    assert case.description == "Opfølgning på sårbarhedsanalysen 2025: Møde om unge i kælderen"
    with pytest.raises(services.AnalysisError):
        services.open_case_for_action(action=action, actor=staff)
    assert Case.objects.count() == 1


def test_answers_saved_at_once_are_stored_as_one_by_one_and_a_bad_one_stores_none():
    department = DepartmentFactory()
    staff = social_worker(department.organisation)
    one, many = (
        services.plan_analysis(
            department=department, year=year, planned_date=date(year, 3, 2), actor=staff
        )
        for year in (2024, 2025)
    )
    answers = {**ALL_WORST, "husorden_omfang": "4"}
    for key, value in answers.items():
        services.save_answer(analysis=one, question_key=key, raw=value, actor=staff)
    services.save_answers(analysis=many, answers=answers, actor=staff)
    one.refresh_from_db()
    many.refresh_from_db()
    assert many.response.values() == one.response.values()
    assert len(many.response.values()) == len(answers)
    assert many.status == AnalysisStatus.IN_PROGRESS
    entry = ChangeLogEntry.objects.filter(changes__has_key="answer husorden_omfang").last()
    assert entry.changes["answer husorden_omfang"] == ["•••", "•••"]  # personal: masked
    # a changed, a cleared and an unknown answer: nothing of it is stored
    before = many.response.values()
    change = {"husorden_omfang": "2", next(iter(ALL_WORST)): None, "findes_ikke": "1"}
    with pytest.raises(services.AnalysisError) as error:
        services.save_answers(analysis=many, answers=change, actor=staff)
    assert str(error.value) == "Spørgsmålet findes ikke i guiden."
    assert many.response.values() == before
    del change["findes_ikke"]
    services.save_answers(analysis=many, answers=change, actor=staff)
    expected = {k: v for k, v in before.items() if k != next(iter(ALL_WORST))}
    assert many.response.values() == {**expected, "husorden_omfang": "2"}
