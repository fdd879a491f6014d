"""The demo-data registry used by `manage.py seed_demo` and `manage.py demo_logins`.

Every app may add demo data in its own module `boligsocial.<app>.demo`, which defines

    ORDER: int                               # seeders run in ascending ORDER
    def seed(ctx: DemoContext) -> None       # create the app's demo data

and optionally

    USERNAMES: Collection[str]               # demo users the module creates (see below)
    DEMO_PERSONAS: [(username, description)] # printed by `manage.py demo_logins`
    def delete_demo_data() -> None           # remove the module's demo data (for --reset)

(`DemoContext` and the demo users' password and e-mail live in `boligsocial.core.demo`, so an
app's seeder never imports this app above it.)

Seeders run in one transaction. On `--reset`, `delete_demo_data` runs in descending ORDER, so an
app that refers to another app's demo objects removes its own rows first.

Each seeder gets its own `random.Random`, derived from the seed and the module name: adding or
changing one app's seeder never changes the data another app generates.

The command refuses to touch a database that holds real data: an organisation not marked
`is_demo`, or a user who is not a demo user (a username from some module's USERNAMES *and* an
e-mail address at DEMO_EMAIL_DOMAIN, so a real administrator called "admin" still counts as real).
"""

import dataclasses
import enum
import random
from types import ModuleType

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from boligsocial.core.demo import DemoContext, demo_users_q
from boligsocial.organisations.models import Organisation
from boligsocial.site.discovery import app_modules

REQUIRED = {"ORDER": int, "seed": callable}


class DatabaseState(enum.Enum):
    EMPTY = "empty"  # no organisations, no users
    DEMO = "demo"  # only demo data
    REAL = "real"  # anything that is not demo data


def demo_modules() -> list[ModuleType]:
    """The `demo` submodules of our installed apps, in ORDER."""
    return app_modules("demo", REQUIRED)


def demo_usernames(modules: list[ModuleType] | None = None) -> frozenset[str]:
    modules = demo_modules() if modules is None else modules
    return frozenset(name for m in modules for name in getattr(m, "USERNAMES", ()))


def _real_users(usernames: frozenset[str]):
    return get_user_model().objects.exclude(demo_users_q(usernames))


def database_state(modules: list[ModuleType] | None = None) -> DatabaseState:
    usernames = demo_usernames(modules)
    if Organisation.objects.filter(is_demo=False).exists() or _real_users(usernames).exists():
        return DatabaseState.REAL
    if Organisation.objects.exists() or get_user_model().objects.exists():
        return DatabaseState.DEMO
    return DatabaseState.EMPTY


def is_demo_database() -> bool:
    """True if the database holds demo data and nothing else."""
    return database_state() is DatabaseState.DEMO


def assert_demo_or_empty(modules: list[ModuleType] | None = None) -> DatabaseState:
    """The database state, or CommandError if it holds anything but demo data."""
    usernames = demo_usernames(modules)
    if Organisation.objects.filter(is_demo=False).exists():
        raise CommandError(
            _(
                "The database contains housing organisations that are not demo data. "
                "Demo data can only be created in an empty database or one that holds only "
                "demo data. Nothing was changed."
            )
        )
    real_users = list(
        _real_users(usernames).order_by("username").values_list("username", flat=True)
    )
    if real_users:
        shown = ", ".join(real_users[:5]) + (", …" if len(real_users) > 5 else "")
        raise CommandError(
            _(
                "The database contains users who are not demo users (%(usernames)s). "
                "Demo data can only be created in an empty database or one that holds only "
                "demo data. Nothing was changed."
            )
            % {"usernames": shown}
        )
    return database_state(modules)


def delete_demo_data(modules: list[ModuleType]) -> None:
    for module in reversed(modules):
        delete = getattr(module, "delete_demo_data", None)
        if delete is not None:
            delete()


def run_seeders(modules: list[ModuleType], ctx: DemoContext) -> None:
    """Run every seeder with its own generator; they share `ctx.objects` and `ctx.log`."""
    for module in modules:
        rng = random.Random(f"{ctx.seed}:{module.__name__}")
        module.seed(dataclasses.replace(ctx, rng=rng))
