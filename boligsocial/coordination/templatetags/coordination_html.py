"""`{% load coordination_html %}`: the overview's matrix and timeline, written by
`coordination.overview_html` (decision 0047).

    {% coordination_matrix matrix %}          the matrix of `selectors.matrix`, with links
    {% coordination_matrix matrix pdf=True %}  without links (the PDF)
    {% coordination_timeline timeline %}      the Gantt chart of `selectors.timeline`"""

from django import template

from boligsocial.coordination import overview_html

register = template.Library()


@register.simple_tag
def coordination_matrix(matrix, pdf=False):
    return overview_html.matrix(matrix, pdf=bool(pdf))


@register.simple_tag
def coordination_timeline(timeline):
    return overview_html.timeline(timeline)
