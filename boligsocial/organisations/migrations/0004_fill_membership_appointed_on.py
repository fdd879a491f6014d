"""Fill `Membership.appointed_on` for the memberships that existed before it (migration 0003):
the local date of the membership's first history row (when it was created), else today."""

from django.db import migrations


def fill_appointed_on(apps, schema_editor):
    """appointed_on := the local date of the membership's first history row, else today."""
    from django.db.models import Min
    from django.utils import timezone

    Membership = apps.get_model("organisations", "Membership")
    HistoricalMembership = apps.get_model("organisations", "HistoricalMembership")
    today = timezone.localdate()
    created = dict(
        HistoricalMembership.objects.values("id")
        .annotate(first=Min("history_date"))
        .values_list("id", "first")
    )
    memberships = list(Membership.objects.filter(appointed_on__isnull=True))
    for m in memberships:
        first = created.get(m.id)
        m.appointed_on = timezone.localdate(first) if first else today
    Membership.objects.bulk_update(memberships, ["appointed_on"], batch_size=1000)
    appointed = {m.id: m.appointed_on for m in memberships}
    rows = list(HistoricalMembership.objects.filter(appointed_on__isnull=True))
    for row in rows:
        row.appointed_on = appointed.get(row.id) or timezone.localdate(row.history_date)
    HistoricalMembership.objects.bulk_update(rows, ["appointed_on"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("organisations", "0003_membership_appointment_and_management_role")]

    operations = [migrations.RunPython(fill_appointed_on, migrations.RunPython.noop)]
