"""The import record moves from the screening app to the imports app with its rows and ids, and
back (migrations imports 0001 and screening 0016), on whichever database the tests run."""

from django.db import connection

BEFORE = [("screening", "0015_light_cells_indicator_ids"), ("imports", None)]


def test_the_batches_move_with_their_rows_and_back(fresh_database):
    """Back with a batch made in today's schema, then forward again: both directions carry the
    rows and ids. On a database of its own (`fresh_database`) that holds only what the two
    apps' migrations depend on."""
    latest = fresh_database.latest("imports") + fresh_database.latest("screening")

    now = fresh_database.migrate(latest)
    batch = now.get_model("imports", "ImportBatch").objects.create(
        filename="gammel.csv", kind="published_lists", status="done", created=1, rows_total=1
    )
    indicator = now.get_model("screening", "Indicator").objects.order_by("id").first()
    value = now.get_model("screening", "IndicatorValue").objects.create(
        indicator_id=indicator.pk, year=2023, value=1, batch_id=batch.pk
    )

    back = fresh_database.migrate(BEFORE)
    again = back.get_model("screening", "ImportBatch").objects.get(pk=batch.pk)
    assert (again.filename, again.kind, again.created) == ("gammel.csv", "published_lists", 1)
    assert back.get_model("screening", "IndicatorValue").objects.get(pk=value.pk).batch_id == (
        batch.pk
    )
    tables = connection.introspection.table_names()
    assert ("imports_importbatch" in tables, "screening_importbatch" in tables) == (False, True)

    new = fresh_database.migrate(latest)
    moved = new.get_model("imports", "ImportBatch").objects.get(pk=batch.pk)
    assert (moved.filename, moved.kind, moved.status, moved.created, moved.step) == (
        "gammel.csv",
        "published_lists",
        "done",
        1,
        "check",
    )
    assert (
        new.get_model("screening", "IndicatorValue").objects.get(pk=value.pk).batch_id == batch.pk
    )
    tables = connection.introspection.table_names()
    assert ("imports_importbatch" in tables, "screening_importbatch" in tables) == (True, False)
