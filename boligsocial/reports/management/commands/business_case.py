"""`manage.py business_case --input IN.json --output OUT.json` (issue 18 part 4; a stable
contract other tools depend on): the business case of `reports.business_case`. Malformed input:
a Danish message naming the field on stderr, exit code 2, no output file."""

import json
import sys

from django.core.management.base import BaseCommand

from boligsocial.reports.business_case import InputError, compute


class Command(BaseCommand):
    help = "Beregn en business case (budgetøkonomisk) fra en JSON-fil."

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True)
        parser.add_argument("--output", required=True)

    def handle(self, *args, **options):
        try:
            with open(options["input"], encoding="utf-8") as f:
                data = json.load(f)
        except (OSError, ValueError) as e:
            self.stderr.write(f"input: filen kan ikke læses som JSON ({e}).")
            sys.exit(2)
        try:
            result = compute(data)
        except InputError as e:
            self.stderr.write(str(e))
            sys.exit(2)
        with open(options["output"], "w", encoding="utf-8") as f:
            json.dump(result, f, ensure_ascii=False, indent=2)
