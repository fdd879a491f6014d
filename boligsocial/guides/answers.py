"""Checking one answer as typed (pure): `clean_answer(question, raw)` returns the value to store
or raises `AnswerError` with a Danish message (nothing is stored then).

* choice types: the raw value must be one of the question's choice values; multiple choice
  takes a list of them (duplicates dropped, the guide's order kept);
* number: a Danish or plain decimal ("12,5", "12.5", "1.234,5" is refused: no thousands
  separators), stored as a decimal string;
* text: at most `MAX_TEXT` characters, stripped;
* an empty value clears the answer (None).
Photos are not answered through this function (the capability stores the file)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from boligsocial.guides.spec import CHOICE_TYPES, MULTIPLE, NUMBER, PHOTO, TEXT, Question

MAX_TEXT = 5_000
MAX_NUMBER = Decimal(10) ** 9


class AnswerError(ValueError):
    """An answer that cannot be stored; the message is Danish."""


def clean_answer(question: Question, raw):
    if question.type == MULTIPLE:
        values = [raw] if isinstance(raw, str) else list(raw or [])
        values = [v for v in values if v != ""]
        allowed = [c.value for c in question.choices]
        unknown = [v for v in values if v not in allowed]
        if unknown:
            raise AnswerError(f"»{unknown[0]}« er ikke et af svarene på spørgsmålet.")
        chosen = set(values)
        return [v for v in allowed if v in chosen] or None
    if isinstance(raw, list | tuple):
        raise AnswerError("Spørgsmålet har kun ét svar.")
    text = "" if raw is None else str(raw).strip()
    if text == "":
        return None
    if question.type in CHOICE_TYPES:
        if text not in {c.value for c in question.choices}:
            raise AnswerError(f"»{text}« er ikke et af svarene på spørgsmålet.")
        return text
    if question.type == NUMBER:
        if "." in text and "," in text:
            raise AnswerError("Skriv tallet uden tusindtalsseparator, fx 1234,5.")
        try:
            number = Decimal(text.replace(",", "."))
        except InvalidOperation:
            raise AnswerError(f"»{text}« er ikke et tal.") from None
        if not number.is_finite() or abs(number) >= MAX_NUMBER:
            raise AnswerError(f"»{text}« er ikke et tal, der kan gemmes.")
        return str(number)
    if question.type == TEXT:
        if len(text) > MAX_TEXT:
            raise AnswerError(f"Teksten er for lang (højst {MAX_TEXT} tegn).")
        return text
    if question.type == PHOTO:
        raise AnswerError("Et foto gemmes ikke som tekst.")
    raise AnswerError("Ukendt spørgsmålstype.")
