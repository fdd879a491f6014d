"""Data-migration helpers for other apps that feed the screening an indicator of their own
(analyses' `vulnerability_score`, surveys' `safety_survey_score`): the indicator with its legend
set v1, seeded idempotently, and removed again on the way back.

They work on the historical models a migration passes in (`apps`), never on the current ones, so
a migration that calls them keeps working as the models change."""

from decimal import Decimal


def seed_fed_indicator(apps, *, legend: list[tuple[Decimal | None, Decimal | None, str]], **fields):
    """Create the indicator `fields["code"]` (unless it exists) and its legend set v1 from
    `legend`: (lower, upper, colour) ranges in order."""
    Indicator = apps.get_model("screening", "Indicator")
    LegendSet = apps.get_model("screening", "LegendSet")
    LegendRange = apps.get_model("screening", "LegendRange")
    if Indicator.objects.filter(code=fields["code"]).exists():
        return
    indicator = Indicator.objects.create(statutory_key="", in_light=True, **fields)
    legend_set = LegendSet.objects.create(
        indicator=indicator, version=1, note="Standardfarveskala."
    )
    LegendRange.objects.bulk_create(
        LegendRange(legend_set=legend_set, position=i, lower=lower, upper=upper, colour=colour)
        for i, (lower, upper, colour) in enumerate(legend, start=1)
    )


def unseed_fed_indicator(apps, schema_editor, code: str) -> None:
    """Remove the indicator `code` with its legend and values: children first, one model at a
    time, without the cascade collector (it would collect related models of other apps'
    historical states and fail with "Must be a LegendSet instance")."""
    alias = schema_editor.connection.alias
    get = apps.get_model
    get("screening", "LegendRange").objects.filter(legend_set__indicator__code=code)._raw_delete(
        alias
    )
    get("screening", "LegendSet").objects.filter(indicator__code=code)._raw_delete(alias)
    get("screening", "IndicatorValue").objects.filter(indicator__code=code)._raw_delete(alias)
    get("screening", "Indicator").objects.filter(code=code)._raw_delete(alias)
