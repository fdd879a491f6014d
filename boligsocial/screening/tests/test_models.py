"""The screening models: seeded indicators, legends, weights, policy and the constraints."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from boligsocial.screening.engine import pure_ranges
from boligsocial.screening.models import (
    Indicator,
    IndicatorValue,
    LegendSet,
    Light,
    PublishedListMembership,
    ScreeningPolicy,
    WeightSet,
)
from boligsocial.screening.trafficlight import Colour, colour_for, validate_legend

pytestmark = pytest.mark.django_db

LIGHT_CODES = [
    "outside_work_education",
    "convicted_ratio_national",
    "basic_education",
    "income_pct_region",
    "single_parents",
    "move_out_rate",
    "vacant_leases",
    "rent_arrears",
    "evictions_per_1000",
    "vulnerability_score",  # analyses migration 0003, fed by the vulnerability analyses
    "safety_survey_score",  # surveys migration 0003, fed by the resident surveys
]


def test_seeded_indicators_in_order():
    codes = list(Indicator.objects.values_list("code", flat=True))
    assert codes == [
        "residents",
        "outside_work_education",
        "convicted",
        "convicted_ratio_national",
        "basic_education",
        "income_pct_region",
        "nonwestern",
        "children",
        "single_parents",
        "move_out_rate",
        "vacant_leases",
        "rent_arrears",
        "evictions_per_1000",
        "house_rule_cases_per_100",  # migration 0006, fed by the case module
        "vulnerability_score",  # analyses migration 0003, fed by the vulnerability analyses
        "safety_survey_score",  # surveys migration 0003, fed by the resident surveys
    ]
    assert (
        list(Indicator.objects.filter(in_light=True).values_list("code", flat=True)) == LIGHT_CODES
    )
    keys = dict(Indicator.objects.exclude(statutory_key="").values_list("code", "statutory_key"))
    assert keys == {
        "residents": "residents",
        "outside_work_education": "pct_outside_work_education",
        "convicted": "pct_convicted",
        "basic_education": "pct_basic_education",
        "income_pct_region": "income_pct_of_region",
        "nonwestern": "pct_nonwestern",
    }


def test_seeded_legends_are_valid_version_1_for_every_light_indicator():
    sets = LegendSet.objects.select_related("indicator")
    assert sorted(s.indicator.code for s in sets) == sorted(LIGHT_CODES)
    for legend_set in sets:
        assert legend_set.version == 1
        assert validate_legend(pure_ranges(legend_set.ranges.all())) == [], legend_set


@pytest.mark.parametrize(
    ("code", "value", "colour"),
    [
        # § 61 a: "over 40 %" is strict; § 61 b: "over 30 %"
        ("outside_work_education", "40", Colour.YELLOW),
        ("outside_work_education", "40.0001", Colour.RED),
        ("outside_work_education", "30", Colour.GREEN),
        ("outside_work_education", "30.0001", Colour.YELLOW),
        # "mindst 3 x" / "mindst 2 x" the national average
        ("convicted_ratio_national", "3", Colour.RED),
        ("convicted_ratio_national", "2.9999", Colour.YELLOW),
        ("convicted_ratio_national", "2", Colour.YELLOW),
        ("convicted_ratio_national", "1.9999", Colour.GREEN),
        ("basic_education", "60", Colour.YELLOW),
        ("basic_education", "60.0001", Colour.RED),
        # "mindre end 55 %" / "mindre end 65 %"
        ("income_pct_region", "54.9999", Colour.RED),
        ("income_pct_region", "55", Colour.YELLOW),
        ("income_pct_region", "65", Colour.GREEN),
        ("evictions_per_1000", "5", Colour.RED),
    ],
)
def test_statutory_edges_of_the_seeded_legends(code, value, colour):
    legend_set = LegendSet.objects.get(indicator__code=code)
    assert colour_for(Decimal(value), pure_ranges(legend_set.ranges.all())) is colour


# Indicators fed by later capabilities, in the light with no weight in weight set 1.
FED_LATER = {"vulnerability_score", "safety_survey_score"}


def test_weight_set_1_and_global_policy():
    weight_set = WeightSet.objects.get()
    assert weight_set.version == 1
    assert (weight_set.yellow_from, weight_set.red_from) == (Decimal("33.34"), Decimal("66.67"))
    weights = {w.indicator.code: w.weight for w in weight_set.weights.select_related("indicator")}
    # weight set 1 predates the vulnerability score: it counts in the light with no weight until
    # an administrator gives it one in a new weight set (decision 0025)
    assert weights == dict.fromkeys([c for c in LIGHT_CODES if c not in FED_LATER], Decimal(1))
    policy = ScreeningPolicy.objects.get()
    assert policy.organisation is None
    assert policy.min_residents == 100
    assert policy.follow_up_red == "Handlingsplan og opfølgning hvert kvartal"
    assert (policy.review_months_green, policy.review_months_yellow) == (12, 6)


def test_only_one_global_policy(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        ScreeningPolicy.objects.create(organisation=None)
    ScreeningPolicy.objects.create(organisation=world.org_a)
    assert ScreeningPolicy.objects.count() == 2


def _value(**kw):
    kw.setdefault("indicator", Indicator.objects.get(code="rent_arrears"))
    kw.setdefault("year", 2024)
    kw.setdefault("value", Decimal("1.5"))
    return IndicatorValue.objects.create(**kw)


def test_value_scope_constraints(world):
    _value(department=world.dept_a1)
    _value(area=world.area_shared)
    _value()  # national
    for kw in (
        {"department": world.dept_a1},
        {"area": world.area_shared},
        {},
        {"department": world.dept_a2, "area": world.area_a2},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            _value(**kw)
    assert IndicatorValue.objects.count() == 3
    _value(department=world.dept_a1, year=2023)
    assert IndicatorValue.objects.count() == 4


def test_light_needs_exactly_one_scope(world):
    weight_set = WeightSet.objects.get()
    common = {
        "year": 2024,
        "colour": "none",
        "weight_set": weight_set,
        "computed_at": "2025-01-01T00:00Z",
    }
    for kw in ({}, {"department": world.dept_a1, "area": world.area_shared}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Light.objects.create(**common, **kw)
    Light.objects.create(**common, department=world.dept_a1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Light.objects.create(**common, department=world.dept_a1)
    assert Light.objects.count() == 1


def test_published_membership_unique(world):
    PublishedListMembership.objects.create(area=world.area_shared, year=2020, list="udsat")
    with pytest.raises(IntegrityError), transaction.atomic():
        PublishedListMembership.objects.create(area=world.area_shared, year=2020, list="udsat")
    assert PublishedListMembership.objects.count() == 1


@pytest.mark.django_db
def test_light_ids_have_no_sqlite_autoincrement_and_an_identity_on_postgresql():
    """`RebuiltAutoField` (decision 0011): lights are rebuilt by every screen."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'screening_light'")
            table_sql = cursor.fetchone()[0]
            assert '"id" integer NOT NULL PRIMARY KEY,' in table_sql
            assert "AUTOINCREMENT" not in table_sql
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'screening_indicatorvalue'")
            assert "AUTOINCREMENT" in cursor.fetchone()[0]  # other tables keep it
        else:
            cursor.execute(
                "SELECT is_identity FROM information_schema.columns "
                "WHERE table_name = 'screening_light' AND column_name = 'id'"
            )
            assert cursor.fetchone()[0] == "YES"


def test_the_database_keeps_every_value_times_10000_exactly(world):
    """`IndicatorValue.scaled` (decision 0012): exact at the column's limits, for values that
    floating point cannot hold (SQLite keeps decimals as floats: 41.23 x 10,000 is
    412299.99999999994 there), and kept up to date when a value changes."""
    texts = ["41.23", "-0.0001", "0.0005", "9999999999.9999", "-9999999999.9999", "0.1", "7"]
    indicators = list(Indicator.objects.order_by("id")[: len(texts)])
    created = IndicatorValue.objects.bulk_create(
        IndicatorValue(indicator=ind, department=world.dept_a1, year=2024, value=Decimal(text))
        for ind, text in zip(indicators, texts, strict=True)
    )
    stored = dict(
        IndicatorValue.objects.filter(department=world.dept_a1).values_list("value", "scaled")
    )
    assert stored == {
        Decimal("41.2300"): 412_300,
        Decimal("-0.0001"): -1,
        Decimal("0.0005"): 5,
        Decimal("9999999999.9999"): 99_999_999_999_999,
        Decimal("-9999999999.9999"): -99_999_999_999_999,
        Decimal("0.1000"): 1_000,
        Decimal("7.0000"): 70_000,
    }
    created[0].value = Decimal("-12.3456")
    IndicatorValue.objects.bulk_update([created[0]], ["value"])
    IndicatorValue.objects.filter(pk=created[1].pk).update(value=Decimal("3.0001"))
    assert IndicatorValue.objects.get(pk=created[0].pk).scaled == -123_456
    assert IndicatorValue.objects.get(pk=created[1].pk).scaled == 30_001


def test_a_light_written_without_a_time_gets_the_database_time(world):
    """The bulk screening's COPY leaves `computed_at` out on PostgreSQL (decision 0012)."""
    from django.utils import timezone

    before = timezone.now()
    light = Light.objects.create(
        department=world.dept_a1, year=2024, colour="none", weight_set=WeightSet.objects.get()
    )
    light.refresh_from_db()
    assert (
        before - timedelta(seconds=5) <= light.computed_at <= timezone.now() + timedelta(seconds=5)
    )


def test_the_values_indexes_on_department_and_area_are_the_partial_unique_ones():
    """Migration 0014: no plain index on the department or area key (each imported value would
    update it); filters on either key use the unique constraints' partial indexes."""
    from django.db import connection

    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, IndicatorValue._meta.db_table)
    by_columns = {
        tuple(c["columns"]): (name, c["unique"]) for name, c in found.items() if c["index"]
    }
    assert ("department_id",) not in by_columns
    assert ("area_id",) not in by_columns
    assert by_columns[("department_id", "indicator_id", "year")] == (
        "value_unique_department",
        True,
    )
    assert by_columns[("area_id", "indicator_id", "year")] == ("value_unique_area", True)


@pytest.mark.parametrize(
    ("lookup", "index"),
    [
        ({"department_id": 1}, "value_unique_department"),
        ({"department_id__in": [1, 2, 3]}, "value_unique_department"),
        ({"area_id": 1}, "value_unique_area"),
        ({"area_id__in": [1, 2]}, "value_unique_area"),
    ],
)
def test_a_filter_on_the_department_or_area_uses_its_partial_index(lookup, index):
    from django.db import connection

    sql, params = IndicatorValue.objects.filter(**lookup).query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The test tables are nearly empty: make a table scan the last resort, so that the
            # plan shows whether the index can serve the condition at all.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql, params)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert f" {index} " in plan + " ", plan
