"""Cached analyses follow the housing model (`screening/signals.py`): renaming or moving a
department or an area blanks the cached texts, in the admin's save and in the department import;
other changes leave them alone."""

import io

import pytest

from boligsocial.organisations.imports import import_departments
from boligsocial.organisations.tests.factories import municipality
from boligsocial.screening.models import Light
from boligsocial.screening.tests.factories import screening_world

pytestmark = pytest.mark.django_db

DEPT_HEADER = "afdelingsnummer;navn;adresse;postnummer;by;kommunekode;antal_lejemaal;opfoerelsesaar"


@pytest.fixture
def sw(world):
    sw = screening_world(world)
    for light in Light.objects.all():
        assert light.analysis is not None  # render and cache every text
    return sw


def cached() -> dict[int, str]:
    return dict(Light.objects.values_list("id", "analysis_text"))


def import_row(sw, user, department, **changes):
    values = {
        "number": department.number,
        "name": department.name,
        "address": department.address,
        "postal_code": department.postal_code,
        "city": department.city,
        "municipality": department.municipality_id,
        "lease_count": department.lease_count,
        "year_built": department.year_built,
        **changes,
    }
    row = ";".join(str(v) for v in values.values())
    data = io.BytesIO(f"{DEPT_HEADER}\n{row}\n".encode())
    return import_departments(organisation=sw.org_a, file=data, filename="a.csv", user=user)


def test_the_screening_world_has_cached_texts_naming_the_department(sw):
    texts = cached()
    assert len(texts) == Light.objects.count() > 0
    assert sum(1 for text in texts.values() if text) > 0
    light = Light.objects.get(department=sw.dept_a1, year=2024)
    assert "Alfaparken" in light.analysis_text


@pytest.mark.parametrize(
    ("scope", "field", "old", "new"),
    [
        ("dept_a1", "department", "Alfaparken", "Nye Alfaparken"),
        ("area_shared", "area", "Fællesområdet", "Det fælles område"),
    ],
)
def test_renaming_blanks_the_texts_and_the_next_read_has_the_new_name(sw, scope, field, old, new):
    renamed = getattr(sw, scope)
    renamed.name = new
    renamed.save()
    assert set(cached().values()) == {""}
    light = Light.objects.get(**{field: renamed}, year=2024)
    assert new in light.analysis
    assert old not in light.analysis.replace(new, "")


def test_moving_a_department_to_another_municipality_blanks_the_texts(sw):
    sw.dept_a2.municipality = municipality(101)
    sw.dept_a2.save()
    assert set(cached().values()) == {""}


def test_a_save_that_changes_nothing_watched_keeps_the_texts(sw):
    before = cached()
    sw.dept_a1.lease_count += 1
    sw.dept_a1.save()
    sw.dept_a2.save()
    assert cached() == before


def test_a_department_import_that_renames_blanks_the_texts(sw, personas):
    result = import_row(sw, personas["head_a"], sw.dept_a1, name="Alfaparken Syd")
    assert (result.issues, result.updated) == ([], 1)
    assert set(cached().values()) == {""}
    assert "Alfaparken Syd" in Light.objects.get(department=sw.dept_a1, year=2024).analysis


def test_a_department_import_that_changes_other_fields_keeps_the_texts(sw, personas):
    before = cached()
    result = import_row(sw, personas["head_a"], sw.dept_a1, lease_count=333, year_built=1980)
    assert (result.issues, result.updated) == ([], 1)
    assert cached() == before
