"""Retention of the service visits' lease-level data (decision 0031): run daily with the cases'
retention through core.contributions."""

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from boligsocial.audit.models import ChangeAction
from boligsocial.audit.services import record_change
from boligsocial.core.storage import private_storage
from boligsocial.visits import findings
from boligsocial.visits.models import CampaignStatus, VisitCampaign
from boligsocial.visits.services import locked


def retention_years() -> int:
    return int(getattr(settings, "VISIT_RETENTION_YEARS", 3))


def _delete_files_on_commit(names: list[str]) -> None:
    storage = private_storage()
    transaction.on_commit(lambda: [storage.delete(n) for n in names if n])


def purge_due(*, now: datetime | None = None, dry_run: bool = False) -> int:
    """Delete the lease-level data (visits, conflicts, photos and their files) of campaigns
    that ended more than the retention period ago (`VISIT_RETENTION_YEARS`, default 3); the
    campaign keeps its aggregates. A running campaign is finished first (its summary
    computed). Returns how many campaigns were (or, with `dry_run`, would be) purged. Run daily
    with the cases' retention (cases.tasks.anonymise_closed_cases, through
    core.contributions)."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    years = retention_years()
    try:
        limit = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        limit = today.replace(year=today.year - years, day=28)
    due = VisitCampaign.objects.filter(purged_at__isnull=True, ends_on__lt=limit)
    if dry_run:
        return due.count()
    count = 0
    for campaign in due:
        with transaction.atomic():
            campaign = locked(campaign)
            summary = findings.summarise(campaign)
            deleted = campaign.visits.count()
            photos = list(campaign.photos.values_list("photo", flat=True))
            campaign.photos.all().delete()
            _delete_files_on_commit(photos)
            campaign.conflicts.all().delete()
            campaign.visits.all().delete()
            campaign.summary = summary
            campaign.status = CampaignStatus.FINISHED
            campaign.purged_at = now
            campaign.save(update_fields=["summary", "status", "purged_at", "updated_at"])
            record_change(
                actor=None,
                obj=campaign,
                action=ChangeAction.UPDATE,
                changes={"lease-level data deleted": (deleted, 0)},
            )
            count += 1
    return count
