"""Import departments in the browser: a file with errors is refused with a Danish report and
changes nothing; the corrected file is imported."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import check_axe, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

HEADER = "afdelingsnummer;navn;adresse;postnummer;by;kommunekode;antal_lejemaal;opfoerelsesaar"


def test_import_with_errors_changes_nothing_then_the_fixed_file_is_imported(
    page, live_server, world, personas, login, console_errors, tmp_path
):
    from boligsocial.organisations.models import Department

    bad = tmp_path / "afdelinger.csv"
    bad.write_text(
        f"{HEADER}\n"
        "10;Solgården;Solvej 1;8000;Aarhus C;751;120;1968\n"
        "11;Månegården;Månevej 2;8000;Aarhus C;999;80;1971\n"
        "10;Stjernegården;Stjernevej 3;8000;Aarhus C;751;60;1990\n",
        encoding="utf-8",
    )
    before = sorted(Department.objects.values_list("organisation_id", "number", "name"))

    login("head-a")
    page.goto(f"{live_server.url}/organisationer/{world.org_a.pk}/")
    page.get_by_role("link", name="Importér afdelinger eller lejemål").click()
    check_axe(page)
    page.get_by_label("Hvad vil du importere?").select_option("afdelinger")
    page.get_by_label("Fil", exact=True).set_input_files(str(bad))
    page.get_by_role("button", name="Kontrollér og importér").click()

    report = page.locator("table").filter(has_text="Linje")
    expect(page.get_by_text("Filen blev ikke importeret")).to_be_visible()
    expect(report).to_contain_text("Ukendt kommunekode 999")
    expect(report).to_contain_text("kommunekode")
    expect(report.locator("tbody tr")).to_have_count(2)
    check_axe(page)
    screenshot(page, "import-errors")
    assert sorted(Department.objects.values_list("organisation_id", "number", "name")) == before

    good = tmp_path / "afdelinger-rettet.csv"
    good.write_text(
        f"{HEADER}\n"
        "10;Solgården;Solvej 1;8000;Aarhus C;751;120;1968\n"
        "11;Månegården;Månevej 2;8000;Aarhus C;751;80;1971\n",
        encoding="utf-8",
    )
    page.get_by_label("Hvad vil du importere?").select_option("afdelinger")
    page.get_by_label("Fil", exact=True).set_input_files(str(good))
    page.get_by_role("button", name="Kontrollér og importér").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Boligselskabet Alfa")
    expect(page.get_by_role("status").first).to_contain_text("2")
    expect(page.locator("#departments tbody tr")).to_have_count(4)
    check_axe(page)
    assert Department.objects.filter(organisation=world.org_a).count() == 4
    assert console_errors == []
