"""List (--dry-run) or anonymise the closed cases whose retention period has run out."""

from datetime import date, datetime, time

from django.core.management.base import BaseCommand, CommandError

from boligsocial.cases import services, workdays


class Command(BaseCommand):
    help = (
        "Anonymise closed cases older than the retention period (default 3 years after closing). "
        "With --dry-run, only list them."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List; change nothing.")
        parser.add_argument(
            "--date", help="Count the retention period to this day (YYYY-MM-DD); default now."
        )

    def handle(self, *args, dry_run=False, **options):
        at = None
        if options.get("date"):
            try:
                day = date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(f"Not a date (YYYY-MM-DD): {options['date']}") from None
            at = datetime.combine(day, time(12), tzinfo=workdays.COPENHAGEN)
        rows = services.anonymise_due(at, dry_run=dry_run)
        for r in rows:
            closed = workdays.local_date(r["closed_at"])
            self.stdout.write(
                f"{r['reference']}\t{closed:%Y-%m-%d}\t{r['attachments']} attachment(s)"
            )
        verb = "would be anonymised" if dry_run else "anonymised"
        self.stdout.write(f"{len(rows)} case(s) {verb}.")
