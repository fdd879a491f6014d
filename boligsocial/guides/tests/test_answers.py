import pytest

from boligsocial.guides.answers import AnswerError, clean_answer
from boligsocial.guides.spec import (
    MULTIPLE,
    NUMBER,
    PHOTO,
    SCALE,
    TEXT,
    Choice,
    Question,
    scale_choices,
)

SCALE_Q = Question("s", "s", SCALE, choices=scale_choices(("a", "b", "c", "d", "e")))
MULTI_Q = Question("m", "m", MULTIPLE, choices=(Choice("x", "x"), Choice("y", "y")))
NUMBER_Q = Question("n", "n", NUMBER, unit="stk.")
TEXT_Q = Question("t", "t", TEXT)


@pytest.mark.parametrize(
    ("question", "raw", "stored"),
    [
        (SCALE_Q, "3", "3"),
        (SCALE_Q, " 5 ", "5"),
        (SCALE_Q, "", None),
        (SCALE_Q, None, None),
        (MULTI_Q, ["y", "x", "y"], ["x", "y"]),
        (MULTI_Q, "y", ["y"]),
        (MULTI_Q, [], None),
        (NUMBER_Q, "12,5", "12.5"),
        (NUMBER_Q, "-3", "-3"),
        (TEXT_Q, "  ord  ", "ord"),
    ],
)
def test_clean_answer_stores(question, raw, stored):
    assert clean_answer(question, raw) == stored


@pytest.mark.parametrize(
    ("question", "raw", "message"),
    [
        (SCALE_Q, "6", "»6« er ikke et af svarene på spørgsmålet."),
        (SCALE_Q, ["1"], "Spørgsmålet har kun ét svar."),
        (MULTI_Q, ["x", "q"], "»q« er ikke et af svarene på spørgsmålet."),
        (NUMBER_Q, "tolv", "»tolv« er ikke et tal."),
        (NUMBER_Q, "1.234,5", "Skriv tallet uden tusindtalsseparator, fx 1234,5."),
        (NUMBER_Q, "1e12", "»1e12« er ikke et tal, der kan gemmes."),
        (NUMBER_Q, "NaN", "»NaN« er ikke et tal, der kan gemmes."),
        (TEXT_Q, "x" * 5001, "Teksten er for lang (højst 5000 tegn)."),
        (Question("p", "p", PHOTO), "x", "Et foto gemmes ikke som tekst."),
    ],
)
def test_clean_answer_refuses_in_danish(question, raw, message):
    with pytest.raises(AnswerError) as e:
        clean_answer(question, raw)
    assert str(e.value) == message


def test_text_of_exactly_the_limit_is_kept():
    assert clean_answer(TEXT_Q, "x" * 5000) == "x" * 5000
