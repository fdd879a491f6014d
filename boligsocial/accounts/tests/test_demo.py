"""The accounts demo seeder gives the personas their appointment dates: the organisation board
member of organisation A is due for the yearly review, nobody else."""

import random
from datetime import date

from boligsocial.accounts import demo, selectors
from boligsocial.core.demo import DemoContext
from boligsocial.organisations.models import Membership


def test_the_demo_has_one_board_member_due_for_review(world, personas):
    by_username = {u.username: u for u in personas.values() if u is not None}
    extra = {"admin", "staff-a", "head-a", "board-a", "management-a", "dept-board-a1"}
    extra |= {"caretaker-a", "staff-b", "municipal"}
    assert set(demo.APPOINTED) == extra
    ctx = DemoContext(rng=random.Random(1), today=date(2026, 12, 1), log=lambda _: None)
    ctx.objects["personas"] = {name: by_username[name] for name in extra}
    demo.seed(ctx)
    board = Membership.objects.get(user=personas["board_a"])
    assert (board.appointed_on, board.reviewed_on, board.invited_by) == (
        date(2025, 10, 2),
        None,
        personas["head_a"],
    )
    due = selectors.review_due(personas["admin"], today=date(2026, 12, 1))
    assert [m.user.username for m in due] == ["board-a"]
