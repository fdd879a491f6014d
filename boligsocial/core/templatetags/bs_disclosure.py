"""`{% load bs_disclosure %}`: a count protected by core/disclosure.py, printed.

    {{ figure|dk_figure }}     18.096 | <abbr title="Færre end 5">&lt;5</abbr> | <abbr …>x</abbr>

A shown count prints as `dk_int`; "<5" and "x" are abbreviations whose title (and text for
screen readers) says what they mean. A plain number prints as `dk_int` too."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from boligsocial.core import formatting
from boligsocial.core.disclosure import PRIMARY, Figure

register = template.Library()


@register.filter
def dk_figure(value) -> str:
    if value is None or value == "":
        return ""
    if not isinstance(value, Figure):
        return formatting.format_integer(int(value))
    if value.shown:
        return formatting.format_integer(value.value)
    if value.status == PRIMARY:
        title = _("Fewer than %(k)d") % {"k": value.min_count}
    else:
        title = _("Hidden so that a small number cannot be worked out from the totals")
    return format_html(
        '<abbr class="suppressed" title="{}">{}<span class="sr-only"> ({})</span></abbr>',
        title,
        value.mark,
        title,
    )
