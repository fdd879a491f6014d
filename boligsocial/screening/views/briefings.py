"""The analysis as the pages and reports show it: the briefing first (three or four sentences a
board member can repeat), then the per-indicator details grouped by colour, folded on the page
and open in the PDF. The sentences are written by `trafficlight/briefing.py` and
`trafficlight/analysis.py` (through `engine.analysis.briefings`); this only labels the groups."""

from __future__ import annotations

from django.utils.translation import gettext as _

from boligsocial.screening.engine.analysis import Briefed
from boligsocial.screening.trafficlight.legends import Colour


def analysis_view(briefed: Briefed | None) -> dict | None:
    """{"lead": [sentences], "recommendation": sentence, "overview": paragraph, "groups":
    [{"colour", "label", "count", "paragraphs"}]} (None: no briefing)."""
    if briefed is None:
        return None
    briefing, sections = briefed.briefing, briefed.sections
    labels = {Colour.RED: _("Red indicators"), Colour.YELLOW: _("Yellow indicators")}
    groups = []
    if sections is not None:
        for colour, paragraphs in sections.groups():
            groups.append(
                {
                    "colour": colour.value,
                    "label": labels[colour],
                    "count": len(paragraphs),
                    "paragraphs": [p.text for p in paragraphs],
                }
            )
        if sections.worsened_greens:
            groups.append(
                {
                    "colour": "green",
                    "label": _("Green indicators that worsened"),
                    "count": None,
                    "paragraphs": [sections.worsened_greens],
                }
            )
    return {
        "lead": briefing.lead,
        "recommendation": briefing.recommendation,
        "overview": sections.overview if sections is not None else "",
        "groups": groups,
    }
