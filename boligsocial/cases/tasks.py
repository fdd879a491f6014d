"""Background tasks of the cases app (django-tasks; `manage.py db_worker` runs them).

`manage.py cases_daily` enqueues them once a day (cron or a systemd timer, see
docs/operations.md)."""

from datetime import date

from django_tasks import task

from boligsocial.cases import services


@task()
def send_case_reminders(today: str | None = None) -> int:
    """The daily reminder e-mails to case workers; `today` is an ISO date (default: today)."""
    return services.send_reminders(date.fromisoformat(today) if today else None)


@task()
def anonymise_closed_cases() -> list[str]:
    """Anonymise the closed cases whose retention period has run out; returns their references.
    Then the retention jobs other apps registered (core.contributions, e.g. visits)."""
    from boligsocial.core.contributions import run_retention_jobs

    references = [row["reference"] for row in services.anonymise_due(dry_run=False)]
    run_retention_jobs()
    return references


@task()
def feed_house_rule_indicator(year: int) -> dict:
    """House-rule cases per 100 leases into the screening for `year` (see services.indicator)."""
    from boligsocial.cases.services.indicator import feed_screening

    return feed_screening(year).__dict__
