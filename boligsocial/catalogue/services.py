"""The catalogue's write use cases."""

from django.db import transaction

from boligsocial.audit.models import ChangeAction
from boligsocial.audit.services import record_change
from boligsocial.catalogue.models import Intervention


@transaction.atomic
def add_local_intervention(
    *,
    by,
    organisation,
    name: str,
    main_area,
    target_group: str,
    description: str,
    age_band: str = "",
    indicators=(),
    evidence: str = "",
    evidence_sources: str = "",
    cost: str = "",
    cost_source: str = "",
) -> Intervention:
    """A local intervention of `organisation` (never evidence-rated without a source)."""
    if evidence and not evidence_sources.strip():
        raise ValueError("a local intervention's evidence level needs a source")
    item = Intervention.objects.create(
        organisation=organisation,
        name=name,
        main_area=main_area,
        target_group=target_group,
        description=description,
        age_band=age_band,
        evidence=evidence,
        evidence_sources=evidence_sources,
        cost=cost,
        cost_source=cost_source,
        created_by=by,
    )
    item.areas.set([main_area])
    item.indicators.set(indicators)
    record_change(actor=by, obj=item, action=ChangeAction.CREATE)
    return item
