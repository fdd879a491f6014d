"""Store house-rule cases per 100 leases as a screening indicator (default: last year, the last
complete one) and re-screen the departments whose figure changed. `cases_daily` enqueues the
same. The current year is left out by default: a year-to-date figure would open a screening
year with one indicator in it, and the scorecard shows the newest year."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from boligsocial.cases.services.indicator import feed_screening


class Command(BaseCommand):
    help = "Feed the screening with house-rule cases per 100 leases per department and year."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, action="append", help="Year (repeatable).")

    def handle(self, *args, **options):
        this_year = timezone.localdate().year
        for year in options["year"] or [this_year - 1]:
            r = feed_screening(year)
            self.stdout.write(
                f"{year}: {r.created} nye, {r.updated} ændrede, {r.unchanged} uændrede, "
                f"{r.removed} fjernede værdier"
            )
