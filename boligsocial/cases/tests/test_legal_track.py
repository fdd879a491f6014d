"""The legal track: beboerklagenævnet needs a prior warning unless violence/threats or
behaviour dangerous to people or property (domain.md § 5.1); letters from templates."""

from datetime import datetime

import pytest
from django.core.exceptions import ValidationError

from boligsocial.cases import services, workdays
from boligsocial.cases.models import LegalStep, Letter, LetterTemplate

pytestmark = pytest.mark.django_db
AT = datetime(2025, 3, 3, 10, tzinfo=workdays.COPENHAGEN)
BOARD_REFUSAL = (
    "Beboerklagenævnet behandler kun en husordenssag, hvis lejeren allerede har fået en skriftlig "
    "advarsel. Giv en advarsel først. Der kræves ingen advarsel ved vold eller trusler om vold "
    "eller ved adfærd, der er farlig for andre personer eller for ejendommen (f.eks. våben eller "
    "farlige stoffer); er det tilfældet, så ret kategorien eller markér sagen som farlig for "
    "personer eller ejendom."
)


def case_(world, **kw):
    kw = {"kind": "house_rules", "track": "trivsel", "category": "noise", **kw}
    return services.open_case(department=world.dept_a1, received_at=AT, **kw)


def test_board_without_warning_is_refused_in_danish(world):
    case = case_(world)
    services.take_legal_step(case, LegalStep.REQUEST, None)
    with pytest.raises(ValidationError) as e:
        services.take_legal_step(case, LegalStep.COMPLAINTS_BOARD, None)
    assert e.value.messages == [BOARD_REFUSAL]
    case.refresh_from_db()
    assert case.legal_step == LegalStep.REQUEST
    assert case.events.filter(kind="legal_step").count() == 1


def test_board_after_warning(world):
    case = case_(world)
    services.take_legal_step(case, LegalStep.WARNING, None)
    services.take_legal_step(case, LegalStep.COMPLAINTS_BOARD, None)
    assert case.legal_step == LegalStep.COMPLAINTS_BOARD
    assert list(case.events.filter(kind="legal_step").values_list("text", flat=True)) == [
        "Advarsel",
        "Beboerklagenævnet",
    ]
    # the warning follow-up is met by bringing the case before the board
    assert case.deadlines.get(kind="warning_follow_up").met_at is not None


@pytest.mark.parametrize(
    ("category", "dangerous"), [("violence_threats", False), ("property_damage", True)]
)
def test_board_without_warning_for_violence_or_danger(world, category, dangerous):
    case = case_(world, category=category, dangerous_conduct=dangerous)
    assert services.legal_step_problem(case, LegalStep.COMPLAINTS_BOARD) is None
    services.take_legal_step(case, LegalStep.COMPLAINTS_BOARD, None)
    assert case.legal_step == LegalStep.COMPLAINTS_BOARD


def test_housing_court_directly_and_legal_step_keeps_the_furthest(world):
    case = case_(world)
    services.take_legal_step(case, LegalStep.HOUSING_COURT, None)
    services.take_legal_step(case, LegalStep.REQUEST, None)
    assert case.legal_step == LegalStep.HOUSING_COURT


def test_closed_case_takes_no_step(world):
    case = case_(world)
    services.close_case(case, "dropped", None)
    with pytest.raises(ValidationError) as e:
        services.take_legal_step(case, LegalStep.WARNING, None)
    assert e.value.messages == ["Sagen er afsluttet. Genåbn den først."]


def test_board_decision_needs_the_board(world):
    case = case_(world)
    with pytest.raises(ValidationError):
        services.record_board_decision(case, AT.date(), None)
    assert not case.deadlines.filter(kind="housing_court_window").exists()


def test_letter_from_default_and_organisation_template(world):
    case = case_(world, lease=world.lease_a1)
    services.add_party(case, None, role="respondent", name="Rasmus <b>Støjesen</b>")
    letter = services.render_letter(case, "warning", None)
    assert letter.subject == "Advarsel om overtrædelse af husordenen"
    assert letter.rendered_body.startswith(
        "Kære Rasmus <b>Støjesen</b>\n\nVi har modtaget klager vedrørende Alfavej 1, st. tv. i "
        "Alfaparken om: støj."
    )
    assert "Sagsnummer: BS-2025-0001" in letter.rendered_body
    with pytest.raises(ValidationError):
        services.save_letter_template(world.org_a, "warning", "A", "Til {{ evil }}", None)
    services.save_letter_template(
        world.org_a, "warning", "Advarsel {{ reference }}", "Til {{ respondents }}.", None
    )
    again = services.render_letter(case, "warning", None)
    assert (again.subject, again.rendered_body) == (
        "Advarsel BS-2025-0001",
        "Til Rasmus <b>Støjesen</b>.",
    )
    assert Letter.objects.filter(case=case).count() == 2
    assert LetterTemplate.objects.count() == 1
    assert case.events.filter(kind="letter").count() == 2
