"""Stored lights name their indicators by id (decision 0015): what is stored, how it is read
back with codes (`fields.IndicatorKeys`), and migration 0015 that converts stored lights."""

from importlib import import_module

import pytest
from django.apps import apps
from django.db import connection, transaction

from boligsocial.screening import cells
from boligsocial.screening.fields import INDICATOR_KEYS
from boligsocial.screening.models import Indicator, Light
from boligsocial.screening.tests.factories import UNCOLOURED, screening_world

pytestmark = pytest.mark.django_db
migration = import_module("boligsocial.screening.migrations.0015_light_cells_indicator_ids")


def _stored() -> dict[int, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, indicators FROM screening_light ORDER BY id")
        return dict(cursor.fetchall())


def test_a_screened_light_stores_ids_and_reads_back_codes(world):
    screening_world(world)
    ids = dict(Indicator.objects.values_list("code", "id"))
    light = Light.objects.get(pk=world.light_a1.pk)
    stored = _stored()[light.pk]
    assert "outside_work_education" in light.indicators
    assert stored == cells.encode(light.indicators, ids=ids)
    assert [int(cell.split(",")[0]) for cell in stored.split(";")] == [
        ids[code] for code in light.indicators
    ]
    assert stored.split(";")[0].split(",")[0] == str(ids["residents"])


def test_an_indicator_added_since_the_keys_were_read_is_found(world):
    new = Indicator.objects.create(code="ny_indikator", name="Ny", unit="pct", source="register")
    INDICATOR_KEYS._load()  # the pairs as another process read them, before the indicator:
    del INDICATOR_KEYS._codes[new.pk], INDICATOR_KEYS._ids["ny_indikator"]
    assert INDICATOR_KEYS._codes  # read, not empty: the next decode misses and reads again
    assert INDICATOR_KEYS.decode(f"{new.pk},12345,---,,,") == {
        "ny_indikator": {**UNCOLOURED, "value": "1.2345"}
    }
    del INDICATOR_KEYS._ids["ny_indikator"]
    assert INDICATOR_KEYS.encode(cells.decode("ny_indikator,12345,---,,,")) == (
        f"{new.pk},12345,---,,,"
    )


def test_an_unknown_indicator_is_a_clear_error(world):
    unknown = Indicator.objects.order_by("-id").values_list("id", flat=True).first() + 1000
    with pytest.raises(ValueError, match=f"unknown indicator id: {unknown}"):
        INDICATOR_KEYS.decode(f"{unknown},1,---,,,")
    with pytest.raises(ValueError, match="unknown indicator code: 'findes_ikke'"):
        INDICATOR_KEYS.encode({"findes_ikke": cells.decode("x,1,---,,,")["x"]})


def test_saving_or_deleting_an_indicator_forgets_the_keys(world):
    residents = Indicator.objects.get(code="residents")
    INDICATOR_KEYS.decode(f"{residents.pk},1,---,,,")  # reads the pairs
    assert INDICATOR_KEYS._ids["residents"] == residents.pk
    indicator = Indicator.objects.create(code="midlertidig", name="M", unit="pct", source="survey")
    assert INDICATOR_KEYS._codes == {} and INDICATOR_KEYS._ids == {}
    assert INDICATOR_KEYS.encode({"midlertidig": cells.decode("x,1,---,,,")["x"]}) == (
        f"{indicator.pk},1,---,,,"
    )
    pk = indicator.pk
    indicator.delete()
    assert INDICATOR_KEYS._codes == {} and INDICATOR_KEYS._ids == {}
    with pytest.raises(ValueError, match=f"unknown indicator id: {pk}"):
        INDICATOR_KEYS.decode(f"{pk},1,---,,,")


class _Editor:
    connection = connection


def test_migration_0015_converts_stored_lights_both_ways(world, monkeypatch):
    screening_world(world)
    with_ids = _stored()
    assert len(with_ids) == 21
    codes = dict(Indicator.objects.values_list("id", "code"))
    monkeypatch.setattr(migration, "BATCH", 4)  # several batches
    migration.to_codes(apps, _Editor())
    with_codes = _stored()
    assert with_codes == {
        pk: migration.rekey(text, lambda key: codes[int(key)]) for pk, text in with_ids.items()
    }
    assert with_codes[world.light_a1.pk].startswith("residents,")
    assert all(cells.decode(text) for text in with_codes.values())
    migration.to_ids(apps, _Editor())
    assert _stored() == with_ids


def test_migration_0015_refuses_an_unknown_code_and_the_transaction_changes_nothing(world):
    screening_world(world)
    migration.to_codes(apps, _Editor())
    bad = max(_stored())
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE screening_light SET indicators = %s WHERE id = %s",
            ["residents,1,---,,,;findes_ikke,1,---,,,", bad],
        )
    before = _stored()
    assert before[min(before)].startswith("residents,")
    with (
        pytest.raises(ValueError, match="unknown indicator code: findes_ikke"),
        transaction.atomic(),
    ):
        migration.to_ids(apps, _Editor())
    assert _stored() == before


def test_rekey_keeps_everything_but_the_indicator():
    text = "1,431000,rww,2023,2,17;12,,---,,,"
    assert migration.rekey(text, {"1": "a", "12": "b"}.__getitem__) == (
        "a,431000,rww,2023,2,17;b,,---,,,"
    )
    assert migration.rekey("", str.upper) == ""
