"""The overview's matrix (areas × target groups) and timeline (a Gantt chart with its table), as
HTML written in Python (decision 0047).

The bench's picture has 188 rows × 11 groups and 575 bars: Django's template engine spent about
170 ms of the cold overview's 150 ms budget resolving the 2,000 cells' variables (and a `{% url %}`
per cell). The markup is the one `_matrix.html` and `_timeline.html` gave, and a test renders
those templates and compares the two byte for byte. The values come ready from
`selectors.matrix` and `selectors.timeline`; this module only writes them. Every text goes
through `escape` (what the templates' autoescaping did), and the SVG's numbers are written as
`{% localize off %}` wrote them. `{% load coordination_html %}` puts both in a template."""

import unicodedata
from html import escape as _escape

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from boligsocial.core import formatting

_PK = 987654321  # a placeholder id: one `reverse` for every effort's link


def escape(value) -> str:
    """As the templates' autoescaping: `html.escape` of the text (Django's `escape` is this)."""
    return _escape(str(value))


def truncated(name: str, length: int = 44) -> str:
    """As `|truncatechars:44`: `Truncator.chars` normalises to NFC and keeps a text of at most
    `length` characters whole, so only a longer one needs it (it walks every character)."""
    text = unicodedata.normalize("NFC", name)
    return text if len(text) <= length else Truncator(name).chars(length)


def _no_efforts() -> str:
    text = escape(_("No efforts in the period."))  # outside the f-string: xgettext reads it
    return f"<p>{text}</p>"


def matrix(data: dict, *, pdf: bool = False) -> SafeString:
    """`selectors.matrix`'s groups and rows; in the PDF without links."""
    if not data["rows"]:
        return mark_safe(_no_efforts() + "\n")  # noqa: S308 - escaped above
    link = reverse("coordination:effort", args=[_PK])
    entries: dict[int, str] = {}  # an effort's entry is the same in each of its cells

    def entry(e) -> str:
        found = entries.get(e.pk)
        if found is None:
            name = escape(e.name)
            if not pdf:
                name = f'<a href="{escape(link.replace(str(_PK), str(e.pk)))}">{name}</a>'
            ends = e.ends_on.year if e.ends_on else ""
            found = entries[e.pk] = (
                f'<div class="coord-cell">{name}<br><span class="coord-owner">'
                f"{escape(e.owner_label)}</span>, {e.starts_on.year}–{ends}</div>"
            )
        return found

    heads = "".join(
        f'<th scope="col"><span lang="da">{escape(g.name)}</span> '
        f'<span class="weight-normal">({escape(g.age_label)})</span></th>'
        for g in data["groups"]
    )
    body = "".join(
        f'<tr><th scope="row">{escape(row["label"])}</th>'
        + "".join(f"<td>{''.join(entry(e) for e in cell)}</td>" for cell in row["cells"])
        + "</tr>"
        for row in data["rows"]
    )
    # the texts outside the f-strings: xgettext (makemessages) does not read inside them
    region = escape(_("Areas and target groups"))
    caption = escape(_("Efforts per area and target group, with owners and periods"))
    area = escape(_("Area"))
    html = (
        f'\n<div class="table--responsive-scroll" tabindex="0" role="region" '
        f'aria-label="{region}">\n'
        f'<table class="table table--compact coord-matrix"><caption class="sr-only">'
        f"{caption}</caption>\n"
        f'<thead><tr><th scope="col">{area}</th>{heads}</tr></thead>\n'
        f"<tbody>{body}</tbody>\n</table></div>\n\n"
    )
    return mark_safe(html)  # noqa: S308 - every value escaped above


def timeline(data: dict) -> SafeString:
    """`selectors.timeline`'s bars and ticks: the SVG chart and the same as a table."""
    if not data["bars"]:
        return mark_safe(_no_efforts() + "\n")  # noqa: S308 - escaped above
    height = data["height"]
    ticks = "".join(
        f'<line x1="{int(t["x"]) + 400}" x2="{int(t["x"]) + 400}" y1="14" y2="{height}" '
        f'class="tick"></line><text x="{int(t["x"]) + 402}" y="12" class="tick-label">'
        f"{t['year']}</text>"
        for t in data["ticks"]
    )
    bars, rows = [], []
    ongoing = escape(_("ongoing"))
    for b in data["bars"]:
        e = b["effort"]
        bars.append(
            f'<text x="0" y="{b["ty"]}" class="bar-label">'
            f"{escape(truncated(e.name))}</text>"
            f'<rect x="{b["x"]}" y="{b["y"]}" width="{b["width"]}" height="18" '
            f'transform="translate(400 0)" class="bar bar-{escape(e.owner_kind)}"></rect>'
        )
        ends = formatting.format_date(e.ends_on) if e.ends_on else ongoing
        rows.append(
            f"<tr><td>{escape(e.name)}</td><td>{escape(e.owner_label)}</td>"
            f"<td>{formatting.format_date(e.starts_on)}</td><td>{ends}</td></tr>"
        )
    # the texts outside the f-strings: xgettext (makemessages) does not read inside them
    title = escape(_("Timeline of the efforts (the table below has the same)"))
    summary = escape(_("The timeline as a table"))
    caption, effort = escape(_("Timeline")), escape(_("Effort"))
    owner, start, end = escape(_("Owner")), escape(_("From")), escape(_("To"))
    html = (
        '\n<figure class="coord-timeline">\n'
        f'<svg viewBox="-10 0 1420 {height}" role="img" aria-labelledby="timeline-title" '
        'width="100%">\n'
        f'<title id="timeline-title">{title}</title>\n'
        f"{ticks}\n{''.join(bars)}\n</svg>\n"
        f"<figcaption><details><summary>{summary}</summary>\n"
        f'<table class="table table--compact"><caption class="sr-only">{caption}'
        f'</caption><thead><tr><th scope="col">{effort}</th>'
        f'<th scope="col">{owner}</th><th scope="col">{start}</th>'
        f'<th scope="col">{end}</th></tr></thead>\n'
        f"<tbody>{''.join(rows)}</tbody></table>\n</details></figcaption></figure>\n\n"
    )
    return mark_safe(html)  # noqa: S308 - every value escaped above
