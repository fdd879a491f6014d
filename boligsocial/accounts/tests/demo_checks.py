"""The accounts' demo data: appointment dates that give the yearly review one board member (run by
tests/test_demo_data.py against one seeded demo)."""

from django.contrib.auth import get_user_model

from boligsocial.accounts import selectors


def check_the_yearly_review_shows_one_board_member_to_the_head():
    head = get_user_model().objects.get(username="head-a")
    due = selectors.review_due(head)
    assert [m.user.username for m in due] == ["board-a"]
