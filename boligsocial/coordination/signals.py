"""Keep the efforts derived from plan activities in step with the plans (sync.py): after an
activity or a plan is saved, or a plan's departments, areas or organisations change."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_save


def _sync_later(plan_id: int) -> None:
    def run():
        from boligsocial.coordination.sync import sync_plan
        from boligsocial.plans.models import Plan

        plan = Plan.objects.filter(pk=plan_id).first()
        if plan is not None:
            sync_plan(plan)

    transaction.on_commit(run)


def _activity_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        _sync_later(instance.plan_id)


def _plan_saved(sender, instance, raw=False, created=False, **kwargs) -> None:
    if not raw and not created:
        _sync_later(instance.pk)


def _plan_members(sender, instance, action, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        _sync_later(getattr(instance, "pk", None))


def connect() -> None:
    from boligsocial.plans.models import Activity, Plan

    post_save.connect(_activity_saved, sender=Activity, dispatch_uid="coordination_activity")
    post_save.connect(_plan_saved, sender=Plan, dispatch_uid="coordination_plan")
    for through in (Plan.departments.through, Plan.areas.through, Plan.organisations.through):
        m2m_changed.connect(_plan_members, sender=through, dispatch_uid=f"coordination_{through}")
