"""The invitation letters: one page per lease, one PDF per department, each with the personal
link as a QR code made offline (segno, inline SVG: nothing is fetched) and the short code."""

from django.urls import reverse
from django.utils import translation

from boligsocial.core.formatting import format_long_date
from boligsocial.surveys import tokens


def qr_svg(url: str) -> str:
    import segno

    return segno.make(url, error="m").svg_inline(
        scale=4,
        border=2,
        dark="#000",
        light="#fff",
    )


def letter_context(request, survey, department, issued) -> dict:
    entry = request.build_absolute_uri(reverse("surveys:code_entry"))
    with translation.override("da"):
        closes = format_long_date(survey.closes_on)
    pages = []
    for item in issued:
        url = request.build_absolute_uri(reverse("surveys:answer", args=[item.token]))
        pages.append(
            {
                "address": str(item.invitation.lease),
                "url": url,
                "code": tokens.display_code(item.code),
                "qr": qr_svg(url),
            }
        )
    return {
        "survey": survey,
        "department": department,
        "closes": closes,
        "entry": entry,
        "letters": pages,
        "languages": ["English", *survey.languages],
    }
