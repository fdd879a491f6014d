"""The deadline badge of the case pages (`cases/includes/due.html`): decided by the `due_badge`
filter, not computed in the template."""

from datetime import date

import pytest
from django.template import Context, Template

from boligsocial.cases.badges import badge_for
from boligsocial.cases.templatetags import cases as tags
from boligsocial.cases.templatetags.cases import due_badge


@pytest.fixture
def on_5_march(monkeypatch):
    monkeypatch.setattr(tags.timezone, "localdate", lambda: date(2026, 3, 5))


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        (date(2026, 3, 4), "overdue"),
        (date(2026, 3, 5), "today"),
        (date(2026, 3, 6), ""),
        (None, ""),
    ],
)
def test_due_badge(on_5_march, due, expected):
    assert due_badge(due) == expected


@pytest.mark.parametrize(
    ("due", "today", "expected"),
    [
        (date(2026, 3, 4), date(2026, 3, 5), "overdue"),
        (date(2026, 3, 5), date(2026, 3, 5), "today"),
        (date(2026, 3, 6), date(2026, 3, 5), ""),  # due soon: no badge
        (date(2026, 4, 1), date(2026, 3, 5), ""),
        (None, date(2026, 3, 5), ""),
    ],
)
def test_badge_for(due, today, expected):
    assert badge_for(due, today) == expected


def test_the_include_shows_the_badge_and_the_date(on_5_march):
    template = Template('{% include "cases/includes/due.html" %}')
    assert template.render(Context({"due": date(2026, 3, 4)})) == (
        '<span class="badge badge-error">Overskredet</span> '
        '<span class="due-date">04-03-2026</span>'
    )
    assert template.render(Context({"due": None})) == "–"
