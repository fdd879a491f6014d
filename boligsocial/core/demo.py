"""The vocabulary of demo data that every app's `demo.py` uses: the context a seeder gets, the
demo users' password and e-mail domain.

Finding the apps' demo modules, refusing a database with real data and running the seeders is
the site app's (`boligsocial.site.demo`, `manage.py seed_demo`); an app's `demo.py` defines

    ORDER: int                               # seeders run in ascending ORDER
    def seed(ctx: DemoContext) -> None       # create the app's demo data

and optionally `USERNAMES`, `DEMO_PERSONAS` and `delete_demo_data()` (see site/demo.py).
"""

import dataclasses
import random
from collections.abc import Callable
from datetime import date
from typing import Any

from django.db.models import Q

DEFAULT_SEED = 2026
DEMO_PASSWORD = "demo"  # noqa: S105 - the published password of the demo personas
DEMO_EMAIL_DOMAIN = "demo.boligsocial.invalid"  # RFC 2606: can never be a real address


@dataclasses.dataclass
class DemoContext:
    rng: random.Random
    today: date
    objects: dict[str, Any] = dataclasses.field(default_factory=dict)  # shared by all seeders
    log: Callable[[str], None] = print
    seed: int = DEFAULT_SEED


def demo_email(username: str) -> str:
    return f"{username}@{DEMO_EMAIL_DOMAIN}"


def demo_users_q(usernames: frozenset[str]) -> Q:
    """The users created by the demo seeders."""
    return Q(username__in=usernames, email__in=[demo_email(u) for u in usernames])
