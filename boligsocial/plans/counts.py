"""Participant counts as a viewer may see them (decision 0024): the plan's owners' staff see
exact counts; boards, the municipality and other readers see small numbers suppressed by
`core/disclosure.py` ("<5" and, where a total would give one away, "x").

Each function takes plain counts and returns `core.disclosure.Figure`s (or ints when exact), so
pages, the status report and its PDF print them with `dk_figure`."""

from django.conf import settings

from boligsocial.core import disclosure


def _k() -> int:
    return settings.DISCLOSURE_MIN_COUNT


def activity_totals(totals: dict[int, int], *, exact: bool) -> dict:
    """``{activity id: Figure, "total": Figure}``: each activity's participants and the plan's
    total, which is printed under the list (so it is in the relation)."""
    layout = disclosure.one_way(totals, total="total")
    return disclosure.protect(layout.values, layout.relations, k=_k(), exact=exact)


def band_table(counts: dict[tuple[str, str], int], bands, genders, *, exact: bool) -> dict:
    """The age band × gender table of an activity with its margins (keys as in
    `core.disclosure.table`)."""
    layout = disclosure.table(counts, bands, genders)
    return disclosure.protect(layout.values, layout.relations, k=_k(), exact=exact)


def sessions(per_session: dict[int, int], *, total: int, exact: bool) -> dict:
    """The sessions listed (the latest ones) against the activity's total: the sessions not
    listed are the rest, derivable and so protected too."""
    layout = disclosure.one_way(per_session, total="total", total_value=total)
    return disclosure.protect(layout.values, layout.relations, k=_k(), exact=exact)
