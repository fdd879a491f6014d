"""Enqueue the daily case tasks (reminder e-mails, the house-rule indicator, retention).
Run once a day from cron or a systemd timer; `manage.py db_worker` executes them."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from boligsocial.cases.tasks import (
    anonymise_closed_cases,
    feed_house_rule_indicator,
    send_case_reminders,
)


class Command(BaseCommand):
    help = "Enqueue the daily case reminders and the retention (anonymisation) task."

    def add_arguments(self, parser):
        parser.add_argument(
            "--skip-retention", action="store_true", help="Only enqueue the reminder e-mails."
        )

    def handle(self, *args, **options):
        results = [
            send_case_reminders.enqueue(),
            feed_house_rule_indicator.enqueue(timezone.localdate().year - 1),
        ]
        if not options["skip_retention"]:
            results.append(anonymise_closed_cases.enqueue())
        for r in results:
            self.stdout.write(f"{r.task.name}: {r.id} ({r.status})")
