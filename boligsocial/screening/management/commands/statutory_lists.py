"""`manage.py statutory_lists --input IN.csv --output OUT.csv`

A stable command-line contract (other tools depend on it): computes the statutory lists of
almenboligloven §§ 61 a/61 b per area and year from criterion values or published memberships.
See `boligsocial/screening/statutory_csv.py` for the columns. Exit codes: 0 success, 2 bad input
(a Danish message naming line and column; no output file), 1 output could not be written."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from boligsocial.screening.statutory_csv import run


class Command(BaseCommand):
    help = (
        "Beregner de lovbestemte lister (udsat, parallelsamfund, omdannelse, forebyggelse) "
        "pr. boligområde og år fra en CSV-fil."
    )
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, type=Path, help="Input-CSV (UTF-8).")
        parser.add_argument("--output", required=True, type=Path, help="Output-CSV.")

    def handle(self, *args, input: Path, output: Path, **options):
        if not input.is_file():
            self.stderr.write(f"Inputfilen {input} findes ikke.")
            sys.exit(2)
        code = run(input, output, stderr=self.stderr._out)
        if code:
            sys.exit(code)
        self.stdout.write(f"Skrev {output}.")
