"""Demo data for user administration: when the demo personas were appointed, so the yearly review
has something to show (the board member of organisation A was elected 14 months ago; the
department board member three years ago, confirmed ten months ago, so not due)."""

from datetime import timedelta

from boligsocial.core.demo import DemoContext
from boligsocial.organisations.models import Membership

ORDER = 40  # after organisations (10), screening (20) and cases (30)

# username -> (days before today appointed, days before today last confirmed or None)
APPOINTED = {
    "board-a": (425, None),
    "management-a": (900, None),
    "dept-board-a1": (1100, 300),
    "head-a": (2000, None),
    "staff-a": (700, None),
    "caretaker-a": (1500, None),
    "staff-b": (400, None),
    "municipal": (600, None),
    "admin": (2200, None),
}


def seed(ctx: DemoContext) -> None:
    personas = ctx.objects["personas"]
    head = personas["head-a"]
    for username, (appointed, reviewed) in APPOINTED.items():
        user = personas[username]
        Membership.objects.filter(user=user).update(
            appointed_on=ctx.today - timedelta(days=appointed),
            reviewed_on=ctx.today - timedelta(days=reviewed) if reviewed else None,
            invited_by=head if username in {"board-a", "staff-a", "caretaker-a"} else None,
        )
    ctx.log("Udnævnelsesdatoer sat for demobrugerne (årlig gennemgang: 1 bestyrelsesmedlem).")
