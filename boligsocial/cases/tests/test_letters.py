"""Letters (henstilling, advarsel) from the organisation's editable templates, as PDF."""

import io

import pypdfium2
from django.urls import reverse

from boligsocial.cases.models import Letter, LetterTemplate


def _pdf_text(content: bytes) -> str:
    pdf = pypdfium2.PdfDocument(io.BytesIO(content))
    return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))


def test_a_warning_letter_is_previewed_saved_and_opened_as_pdf(cw, en):
    case = cw.case_a1
    staff = en("staff_a")
    preview = staff.get(reverse("cases:letter_create", args=[case.pk, "warning"]))
    assert preview.status_code == 200
    assert "Rasmus Støjesen" in preview.context["preview"].rendered_body
    assert Letter.objects.count() == 0  # the preview saves nothing
    response = staff.post(reverse("cases:letter_create", args=[case.pk, "warning"]))
    letter = Letter.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#letter-{letter.pk}")
    assert letter.kind == "warning"
    assert "BS-2026-0001" in letter.rendered_body
    pdf = staff.get(reverse("cases:letter_pdf", args=[case.pk, letter.pk]))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["X-Content-Type-Options"] == "nosniff"
    assert pdf.content.startswith(b"%PDF-")
    text = _pdf_text(pdf.content)
    assert "Boligselskabet Alfa" in text
    assert "BS-2026-0001" in text
    assert "Rasmus Støjesen" in text


def test_the_letter_uses_the_organisations_own_template(cw, en):
    staff, head = en("staff_a"), en("head_a")
    edit = reverse("cases:letter_template_edit", args=[cw.org_a.pk, "request"])
    assert staff.get(edit).status_code == 403
    response = head.post(
        edit,
        {"subject": "Henstilling – {{ reference }}", "body": "Kære {{ respondents }}\n\nSkru ned."},
    )
    assert response.status_code == 302
    row = LetterTemplate.objects.get(organisation=cw.org_a, kind="request")
    assert row.body == "Kære {{ respondents }}\n\nSkru ned."
    staff.post(reverse("cases:letter_create", args=[cw.case_a1.pk, "request"]))
    letter = Letter.objects.get()
    assert letter.subject == "Henstilling – BS-2026-0001"
    assert letter.rendered_body == "Kære Rasmus Støjesen\n\nSkru ned."
    listing = head.get(reverse("cases:letter_templates"))
    assert [(t["kind"], t["own"]) for t in listing.context["rows"][0]["templates"]] == [
        ("request", True),
        ("warning", False),
        ("hearing", False),
        ("meeting", False),
        ("board_referral", False),
        ("closing", False),
    ]


def test_a_template_with_an_unknown_placeholder_is_refused_and_kept(cw, en):
    edit = reverse("cases:letter_template_edit", args=[cw.org_a.pk, "warning"])
    response = en("head_a").post(edit, {"subject": "Advarsel", "body": "Kære {{ cpr }}"})
    assert response.status_code == 200
    assert "Unknown placeholders: cpr" in response.content.decode()
    assert "Kære {{ cpr }}" in response.content.decode()
    assert not LetterTemplate.objects.filter(organisation=cw.org_a).exists()


def test_template_placeholders_are_not_executed(cw, en):
    edit = reverse("cases:letter_template_edit", args=[cw.org_a.pk, "warning"])
    en("head_a").post(edit, {"subject": "A", "body": "{% load static %}{{ reference }}<b>"})
    en("staff_a").post(reverse("cases:letter_create", args=[cw.case_a1.pk, "warning"]))
    assert Letter.objects.get().rendered_body == "{% load static %}BS-2026-0001<b>"
    pdf = en("staff_a").get(
        reverse("cases:letter_pdf", args=[cw.case_a1.pk, Letter.objects.get().pk])
    )
    assert "{% load static %}BS-2026-0001<b>" in _pdf_text(pdf.content)


def test_other_organisations_cannot_open_the_letter(cw, en):
    en("staff_a").post(reverse("cases:letter_create", args=[cw.case_a1.pk, "warning"]))
    letter = Letter.objects.get()
    for persona in ("staff_b", "board_a", "municipal", "caretaker_a"):
        response = en(persona).get(reverse("cases:letter_pdf", args=[cw.case_a1.pk, letter.pk]))
        assert response.status_code == 404, persona
    wrong_case = en("staff_a").get(reverse("cases:letter_pdf", args=[cw.case_a2.pk, letter.pk]))
    assert wrong_case.status_code == 404
