"""The stored effect measurements as plain rows: for the measurement's own page and for the
catalogue intervention's outcome panel, which the economics feed through
`core.contributions.register_intervention_panel_provider` (the catalogue sits below the reports
and never imports them; decision 0048).

Who sees the panel: whoever sees the intervention's page (the catalogue's access), so a board
or the municipality sees what the housing organisations measured. What it shows is no count
of people: per target indicator the effect (a difference of indicator values), its interval,
and the numbers of departments and twin departments; the link to the measurement's own page
only for those who may open it (the economics' access)."""

from decimal import Decimal

from django.urls import reverse

from boligsocial.core.contributions import InterventionPanel
from boligsocial.core.permissions import can
from boligsocial.reports import access
from boligsocial.reports.models import EffectMeasurement

TEMPLATE = "reports/economics/_intervention_panel.html"
MAX_SHOWN = 10  # the newest measurements of the intervention


def _number(value) -> Decimal | None:
    return None if value is None else Decimal(value)


def measurement_rows(measurement: EffectMeasurement) -> list[dict]:
    """The stored rows with the effect and its interval as decimals (None: no estimate)."""
    return [
        {
            **row,
            "effect_n": _number(row["effect"]),
            "ci_low_n": _number(row["ci_low"]),
            "ci_high_n": _number(row["ci_high"]),
        }
        for row in (measurement.result or {}).get("rows", [])
    ]


def panel_data(user, intervention_id: int) -> dict:
    """The intervention's stored measurements, newest first (one query)."""
    measurements = list(
        EffectMeasurement.objects.filter(intervention_id=intervention_id)
        .select_related("organisation")
        .order_by("-computed_at", "-pk")[: MAX_SHOWN + 1]
    )
    shown = []
    for m in measurements[:MAX_SHOWN]:
        result = m.result or {}
        shown.append(
            {
                "pk": m.pk,
                "organisation": m.organisation.name,
                "computed_at": m.computed_at,
                "departments": result.get("departments", 0),
                "twins": result.get("twins", 0),
                "min_treated": result.get("min_treated"),
                "min_controls": result.get("min_controls"),
                "rows": measurement_rows(m),
                "url": (
                    reverse("reports:econ_measurement", args=[m.pk])
                    if can(user, access.ECON_VIEW, m)
                    else ""
                ),
            }
        )
    return {
        "measurements": shown,
        "more": len(measurements) > MAX_SHOWN,
        "list_url": (
            reverse("reports:econ_measurements")
            if access.economics_org_ids(user) != frozenset()
            else ""
        ),
        "create_url": (
            reverse("reports:econ_measurement_create") if can(user, access.ECON_EDIT, None) else ""
        ),
    }


def intervention_panel(*, user, intervention) -> InterventionPanel | None:
    """The catalogue's hook: the panel, or None when there is no measurement and the user
    could not make one."""
    data = panel_data(user, intervention.pk)
    if not data["measurements"] and not data["create_url"]:
        return None
    return InterventionPanel(key="effect_measurements", template=TEMPLATE, data=data)
