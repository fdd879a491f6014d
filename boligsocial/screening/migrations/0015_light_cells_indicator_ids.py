"""A light's stored cells name their indicator by id instead of code (decision 0015).

Existing lights are converted in place, 2,000 at a time (they are derived data: a screen would
also rebuild them); back again on reversal."""

from django.db import migrations

BATCH = 2_000


def rekey(text: str, key_of) -> str:
    """`text` (cells separated by ';', the first of each cell's six fields the indicator) with
    each indicator replaced by `key_of(indicator)`."""
    if not text:
        return text
    cells = []
    for cell in text.split(";"):
        indicator, rest = cell.split(",", 1)
        cells.append(f"{key_of(indicator)},{rest}")
    return ";".join(cells)


def _convert(apps, schema_editor, key_of) -> None:
    table = apps.get_model("screening", "Light")._meta.db_table
    with schema_editor.connection.cursor() as cursor:
        last = 0
        while True:
            cursor.execute(
                f"SELECT id, indicators FROM {table} WHERE id > %s ORDER BY id LIMIT %s",  # noqa: S608
                [last, BATCH],
            )
            rows = cursor.fetchall()
            if not rows:
                return
            last = rows[-1][0]
            changed = [(rekey(text, key_of), pk) for pk, text in rows if text]
            if changed:
                cursor.executemany(
                    f"UPDATE {table} SET indicators = %s WHERE id = %s",  # noqa: S608
                    changed,
                )


def _pairs(apps) -> list[tuple[int, str]]:
    return list(apps.get_model("screening", "Indicator").objects.values_list("id", "code"))


def _lookup(mapping: dict, what: str):
    def key_of(key: str) -> str:
        try:
            return mapping[key]
        except KeyError:
            raise ValueError(f"a stored light names an unknown indicator {what}: {key}") from None

    return key_of


def to_ids(apps, schema_editor) -> None:
    ids = {code: str(pk) for pk, code in _pairs(apps)}
    _convert(apps, schema_editor, _lookup(ids, "code"))


def to_codes(apps, schema_editor) -> None:
    codes = {str(pk): code for pk, code in _pairs(apps)}
    _convert(apps, schema_editor, _lookup(codes, "id"))


class Migration(migrations.Migration):
    dependencies = [
        ("screening", "0014_value_scope_keys_without_plain_index"),
    ]

    operations = [
        migrations.RunPython(to_ids, to_codes),
    ]
