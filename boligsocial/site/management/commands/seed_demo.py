"""`manage.py seed_demo [--reset | --if-empty] [--seed N]`: fill an empty database with demo data.

Refuses (and changes nothing) when the database holds anything but demo data; does nothing when
demo data already exists unless --reset is given. With --if-empty (used by `make install`) a
database with real data is left alone without an error. See boligsocial/site/demo.py."""

import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from boligsocial.core.demo import DEFAULT_SEED, DemoContext
from boligsocial.site.demo import (
    DatabaseState,
    assert_demo_or_empty,
    database_state,
    delete_demo_data,
    demo_modules,
    run_seeders,
)


class Command(BaseCommand):
    help = "Opretter demodata (kun i en tom database eller en database med demodata)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Slet eksisterende demodata og opret dem igen.",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Opret kun demodata i en tom database; gør ellers intet (uden fejl).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"Startværdi for tilfældighedsgeneratoren (standard {DEFAULT_SEED}).",
        )

    def handle(self, *args, reset: bool, if_empty: bool, seed: int, **options):
        if reset and if_empty:
            raise CommandError(_("--reset and --if-empty cannot be combined."))
        started = time.monotonic()
        modules = demo_modules()
        with transaction.atomic():
            if if_empty and database_state(modules) is DatabaseState.REAL:
                self.stdout.write("Databasen indeholder andet end demodata; intet er ændret.")
                return
            state = assert_demo_or_empty(modules)
            if state is DatabaseState.DEMO and not reset:
                self.stdout.write(
                    "Demodata findes allerede; intet er ændret. "
                    "Brug --reset for at slette dem og oprette dem igen."
                )
                return
            if state is DatabaseState.DEMO:
                delete_demo_data(modules)
                self.stdout.write("Eksisterende demodata er slettet.")
            ctx = DemoContext(
                rng=random.Random(seed),  # run_seeders derives one per seeder
                today=timezone.localdate(),
                log=self.stdout.write,
                seed=seed,
            )
            run_seeders(modules, ctx)
        seconds = f"{time.monotonic() - started:.1f}".replace(".", ",")
        self.stdout.write(self.style.SUCCESS(f"Demodata oprettet (seed {seed}) på {seconds} s."))
