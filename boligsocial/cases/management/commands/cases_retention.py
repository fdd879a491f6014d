"""List (--dry-run) or anonymise the closed cases whose retention period has run out."""

from django.core.management.base import BaseCommand

from boligsocial.cases import services


class Command(BaseCommand):
    help = (
        "Anonymise closed cases older than the retention period (default 3 years after closing). "
        "With --dry-run, only list them."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List; change nothing.")

    def handle(self, *args, dry_run=False, **options):
        rows = services.anonymise_due(dry_run=dry_run)
        for r in rows:
            self.stdout.write(
                f"{r['reference']}\t{r['closed_at']:%Y-%m-%d}\t{r['attachments']} attachment(s)"
            )
        verb = "would be anonymised" if dry_run else "anonymised"
        self.stdout.write(f"{len(rows)} case(s) {verb}.")
