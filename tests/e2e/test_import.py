"""Import departments in the browser: reached from the organisation page; a file with errors is
refused with a Danish report and changes nothing; the corrected file is previewed (nothing
saved), imported once confirmed, and undone; the downloaded template imports unchanged and
changes nothing."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import check_axe, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

HEADER = "afdelingsnummer;navn;adresse;postnummer;by;kommunekode;antal_lejemaal;opfoerelsesaar"


def test_import_with_errors_then_preview_confirm_and_undo(
    page, live_server, world, personas, login, console_errors, tmp_path
):
    from boligsocial.organisations.models import Department

    def departments():
        return sorted(Department.objects.values_list("organisation_id", "number", "name"))

    bad = tmp_path / "afdelinger.csv"
    bad.write_text(
        f"{HEADER}\n"
        "10;Solgården;Solvej 1;8000;Aarhus C;751;120;1968\n"
        "11;Månegården;Månevej 2;8000;Aarhus C;999;80;1971\n"
        "10;Stjernegården;Stjernevej 3;8000;Aarhus C;751;60;1990\n",
        encoding="utf-8",
    )
    before = departments()

    login("head-a")
    page.goto(f"{live_server.url}/organisationer/{world.org_a.pk}/")
    page.get_by_role("link", name="Importér afdelinger, lejemål eller trafiklysdata").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import")
    check_axe(page)
    screenshot(page, "import-index")
    page.locator("#import-kinds").get_by_role("link", name="Afdelinger").click()
    expect(page.get_by_label("Boligorganisation")).to_have_value(str(world.org_a.pk))
    check_axe(page)
    screenshot(page, "import-upload")
    page.get_by_label("Fil", exact=True).set_input_files(str(bad))
    page.get_by_role("button", name="Kontrollér filen").click()

    report = page.locator("#import-problems")
    expect(page.get_by_text("Filen blev ikke importeret")).to_be_visible()
    expect(report).to_contain_text("Ukendt kommunekode 999")
    expect(report).to_contain_text("kommunekode")
    expect(report.locator("tbody tr")).to_have_count(2)
    check_axe(page)
    screenshot(page, "import-errors")
    assert departments() == before

    good = tmp_path / "afdelinger-rettet.csv"
    good.write_text(
        f"{HEADER}\n"
        "10;Solgården;Solvej 1;8000;Aarhus C;751;1.120;1968\n"
        "11;Månegården;Månevej 2;8000;Aarhus C;751;80;1971\n",
        encoding="cp1252",  # as Danish Excel saves "CSV (semikolonsepareret)"
    )
    page.get_by_role("link", name="Indlæs den rettede fil").click()
    page.get_by_label("Fil", exact=True).set_input_files(str(good))
    page.get_by_role("button", name="Kontrollér filen").click()

    expect(
        page.get_by_role("heading", name="Filen er kontrolleret: Intet er gemt endnu")
    ).to_be_visible()
    expect(page.locator("#import-summary")).to_have_text("Oprettes: 2. Ændres: 0. Uændret: 0.")
    changes = page.locator("#import-changes tbody tr")
    expect(changes).to_have_count(2)
    expect(changes.first).to_contain_text("Afdeling 10 Solgården")
    expect(changes.first).to_contain_text("1120")
    check_axe(page)
    screenshot(page, "import-preview")
    assert departments() == before  # nothing is saved before the confirmation

    page.get_by_role("button", name="Bekræft og importér").click()
    expect(page.get_by_role("heading", name="Filen blev importeret")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Oprettet: 2. Opdateret: 0. Uændret: 0.")
    check_axe(page)
    screenshot(page, "import-done")
    assert Department.objects.filter(organisation=world.org_a).count() == 4
    assert Department.objects.get(organisation=world.org_a, number=10).lease_count == 1120

    page.get_by_role("link", name="Fortryd importen").click()
    expect(page.get_by_role("heading", name="Vil du fortryde importen?")).to_be_visible()
    check_axe(page)
    screenshot(page, "import-undo")
    page.get_by_role("button", name="Ja, fortryd importen").click()
    expect(page.get_by_role("heading", name="Importen er fortrudt")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Importen af")).to_contain_text(
        "Slettet: 2. Gendannet: 0."
    )
    assert departments() == before
    page.get_by_role("link", name="Gå til boligorganisationen").click()
    expect(page.locator("#departments tbody tr")).to_have_count(2)
    check_axe(page)
    assert console_errors == []


def test_the_downloaded_template_imports_unchanged_and_changes_nothing(
    page, live_server, world, personas, login, console_errors, tmp_path
):
    from boligsocial.organisations.models import Department

    before = sorted(Department.objects.values_list("pk", "number", "name", "lease_count"))
    login("head-a")
    page.goto(f"{live_server.url}/import/afdelinger/?organisation={world.org_a.pk}")
    with page.expect_download() as download:
        page.get_by_role("button", name="Hent skabelon (Excel)").click()
    template = tmp_path / "skabelon.xlsx"
    download.value.save_as(template)
    page.get_by_label("Fil", exact=True).set_input_files(str(template))
    page.get_by_role("button", name="Kontrollér filen").click()
    expect(
        page.get_by_role("heading", name="Intet at importere: Alt i filen er allerede gemt")
    ).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Oprettet: 0. Opdateret: 0. Uændret: 2.")
    check_axe(page)
    screenshot(page, "import-template-unchanged")
    assert sorted(Department.objects.values_list("pk", "number", "name", "lease_count")) == before
    assert console_errors == []
