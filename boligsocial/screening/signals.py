"""Keeping what the screening caches true: the analyses and the indicators' ids and codes.

The indicators' ids and codes (`fields.INDICATOR_KEYS`, which the stored lights' cells are
translated with) are read again after any save or delete of an indicator.

The cached analyses (`Light.analysis_text`) follow the housing model. An analysis names its
department or area and compares it with the means of its organisation and municipality. When a
department's name, organisation or municipality changes, or an area's name or municipality, the
cached texts are blanked and render again when next read (`engine/analysis.py`). These are
rare events, so all cached texts are blanked in one UPDATE rather than tracking which texts
compare with which department. Saves that change nothing watched (e.g. the number of leases)
leave the texts alone."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from boligsocial.organisations.models import Area, Department
from boligsocial.organisations.signals import bulk_updated
from boligsocial.screening.engine import blank_cached_analyses
from boligsocial.screening.fields import INDICATOR_KEYS
from boligsocial.screening.models import Indicator

WATCHED = {
    Department: ("name", "organisation_id", "municipality_id"),
    Area: ("name", "municipality_id"),
}
# the same fields as an import's changed-field names (attribute or field name)
_WATCHED_NAMES = {
    model: {*fields, *(f.removesuffix("_id") for f in fields)} for model, fields in WATCHED.items()
}


def _watched(model, instance) -> tuple:
    return tuple(getattr(instance, name) for name in WATCHED[model])


@receiver(pre_save, sender=Department)
@receiver(pre_save, sender=Area)
def _remember(sender, instance, raw=False, **kwargs) -> None:
    if raw or instance._state.adding or instance.pk is None:
        return
    instance._watched_before = (
        sender.objects.filter(pk=instance.pk).values_list(*WATCHED[sender]).first()
    )


@receiver(post_save, sender=Department)
@receiver(post_save, sender=Area)
def _blank_if_changed(sender, instance, created, raw=False, **kwargs) -> None:
    before = instance.__dict__.pop("_watched_before", None)
    if created or raw or before is None:
        return
    if before != _watched(sender, instance):
        blank_cached_analyses()


@receiver(bulk_updated)
def _blank_after_import(sender, fields, **kwargs) -> None:
    if sender in _WATCHED_NAMES and fields & _WATCHED_NAMES[sender]:
        blank_cached_analyses()


@receiver(post_save, sender=Indicator)
@receiver(post_delete, sender=Indicator)
def _forget_indicator_keys(sender, **kwargs) -> None:
    INDICATOR_KEYS.forget()
