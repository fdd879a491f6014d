"""The import pages with the housing kinds (departments, leases): access, the upload form, the
preview that changes nothing, the confirmation, the error report's structure (line and column,
not wording: the Danish catalogue is compiled by the lead) and the template files."""

import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from boligsocial.audit.models import ChangeLogEntry
from boligsocial.imports.models import ImportBatch
from boligsocial.organisations.models import Department, Lease
from boligsocial.organisations.tests.test_imports import (
    DEPT_HEADER,
    LEASE_HEADER,
    snapshot,
    xlsx_bytes,
)


@pytest.fixture
def client_for(client_for, settings):
    """The personas' clients, with English chosen (messages are asserted as msgids)."""

    def make(name):
        client = client_for(name)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return make


def upload_url(kind="afdelinger") -> str:
    return reverse("imports:upload", args=[kind])


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")


def post(client, world, kind, file, organisation=None):
    organisation = world.org_a if organisation is None else organisation
    return client.post(upload_url(kind), {"organisation": organisation.pk, "file": file})


def test_head_of_social_services_sees_the_import_form_with_columns_and_templates(world, client_for):
    client = client_for("head_a")
    for kind, header in (("afdelinger", DEPT_HEADER), ("lejemaal", LEASE_HEADER)):
        response = client.get(upload_url(kind), {"organisation": world.org_a.pk})
        assert response.status_code == 200
        html = response.content.decode()
        assert 'enctype="multipart/form-data"' in html
        assert '<label class="form-label" for="id_organisation">' in html
        assert '<label class="form-label" for="id_file">' in html
        assert '<select class="form-select" id="id_organisation" name="organisation">' in html
        assert f'<option value="{world.org_a.pk}" selected>Boligselskabet Alfa</option>' in html
        for column in header.split(";"):
            assert f"<code>{column}</code>" in html
        for fmt in ("csv", "xlsx"):
            url = reverse("imports:template", kwargs={"kind": kind, "fmt": fmt})
            assert f'href="{url}"' in html  # the empty template
            assert f'formaction="{url}"' in html  # pre-filled with the chosen organisation


def test_departments_are_previewed_unchanged_then_imported_once_confirmed(world, client_for):
    client = client_for("head_a")
    d1 = world.dept_a1
    file = upload(
        "afdelinger.csv",
        f"{DEPT_HEADER}\n3;Solparken;Solvej 1;8210;Aarhus V;751;120;1972\n"
        f"1;Alfaparken Nord;{d1.address};{d1.postal_code};{d1.city};751;821;"
        f"{d1.year_built}\n".encode(),
    )
    before = snapshot()
    response = post(client, world, "afdelinger", file)
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("imports:batch", args=[batch.pk])
    assert snapshot() == before  # the preview writes nothing
    html = client.get(response["Location"]).content.decode()
    assert "To be created: 1. To be changed: 1. Left alone: 0." in html
    rows = re.findall(r'<td data-title="Line">(\d+)</td>\s*<td data-title="Row">([^<]*)</td>', html)
    assert rows == [("2", "Department 3 Solparken"), ("3", "Department 1 Alfaparken Nord")]
    assert '<code>navn</code>: Alfaparken <span aria-hidden="true">→</span>' in html

    assert client.post(reverse("imports:confirm", args=[batch.pk])).status_code == 302
    assert snapshot() == (before[0] + 1, before[1], before[2] + 2, before[3])
    new = Department.objects.get(organisation=world.org_a, number=3)
    assert new.history.get().history_user.username == "head-a"
    world.dept_a1.refresh_from_db()
    assert (world.dept_a1.name, world.dept_a1.lease_count) == ("Alfaparken Nord", 821)
    done = client.get(reverse("imports:batch", args=[batch.pk])).content.decode()
    assert "Created: 1. Updated: 1. Unchanged: 0." in done
    entries = ChangeLogEntry.objects.filter(actor__username="head-a").order_by("id")
    assert [(e.object_repr, e.action) for e in entries] == [
        ("3 Solparken", "create"),
        ("1 Alfaparken Nord", "update"),
        ("afdelinger.csv", "import"),
    ]
    assert entries[1].changes == {
        "name": ["Alfaparken", "Alfaparken Nord"],
        "lease_count": [100, 821],
    }


def test_head_of_social_services_imports_leases_from_xlsx(world, client_for):
    client = client_for("head_a")
    content = xlsx_bytes(LEASE_HEADER.split(";"), (1, "Alfavej 3", "2. tv.", 65.5, 2)).getvalue()
    post(client, world, "lejemaal", SimpleUploadedFile("lejemaal.xlsx", content))
    batch = ImportBatch.objects.get()
    assert (batch.kind, batch.status, batch.organisation_id) == (
        "leases",
        "preview",
        world.org_a.pk,
    )
    assert not Lease.objects.filter(address="Alfavej 3").exists()
    client.post(reverse("imports:confirm", args=[batch.pk]))
    lease = Lease.objects.get(department=world.dept_a1, address="Alfavej 3")
    assert (lease.unit, lease.area_m2, lease.rooms) == ("2. tv.", Decimal("65.5"), 2)


def test_bad_file_renders_the_error_report_and_imports_nothing(world, client_for):
    client = client_for("head_a")
    content = (
        f"{DEPT_HEADER}\n3;Solparken;Solvej 1;8210;Aarhus V;751;120;1972\n"
        "4;Ukendt;Vej 2;8000;Aarhus C;999;10;1970\n4;Dublet;Vej 3;8000;Aarhus C;751;mange;1970\n"
    )
    before = snapshot()
    response = post(client, world, "afdelinger", upload("fejl.csv", content.encode()))
    assert response.status_code == 302
    assert snapshot() == before
    html = client.get(response["Location"]).content.decode()
    assert '<div class="alert alert-error" role="alert"' in html
    assert "<caption>" in html and "fejl.csv" in html
    assert html.count('<th scope="col">') >= 3
    rows = re.findall(r"<tr>\s*<td>(\d+)</td>\s*<td>([^<]*)</td>\s*<td>([^<]*)</td>", html)
    assert [(line, column) for line, column, _ in rows] == [
        ("3", "kommunekode"),
        ("4", "antal_lejemaal"),
        ("4", "afdelingsnummer"),
    ]
    assert "999" in rows[0][2]
    assert 'action="/import/' not in html  # nothing to confirm


def test_error_report_shows_whole_file_problems_and_counts_hidden_ones(world, client_for):
    client = client_for("head_a")
    rows = "".join(f"{n};A;B;8000;C;999;1;1970\n" for n in range(100, 305))
    response = post(
        client, world, "afdelinger", upload("mange.csv", (DEPT_HEADER + "\n" + rows).encode())
    )
    html = client.get(response["Location"]).content.decode()
    assert html.count("<td>kommunekode</td>") == 200
    assert re.search(r"<p>\s*5 ", html)  # "5 more problems are not shown", in either language
    empty = post(client, world, "afdelinger", upload("tom.csv", b""))
    page = client.get(empty["Location"]).content.decode()
    assert '<span class="sr-only">' in page.split("<tbody>")[1]


def test_missing_file_is_a_form_error_linked_to_the_field(world, client_for):
    before = snapshot()
    response = client_for("head_a").post(upload_url(), {"organisation": world.org_a.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="#id_file"' in html
    assert 'aria-describedby="id_file-hint id_file-error" aria-invalid="true"' in html
    assert snapshot() == before
    assert ImportBatch.objects.count() == 0


def test_a_manager_cannot_import_into_an_organisation_they_do_not_manage(world, client_for):
    before = snapshot()
    content = f"{DEPT_HEADER}\n3;Solparken;Solvej 1;8210;Aarhus V;751;120;1972\n".encode()
    response = post(
        client_for("head_a"),
        world,
        "afdelinger",
        upload("a.csv", content),
        organisation=world.org_b,
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "organisation": ["Choose one of the organisations in the list."]
    }
    assert snapshot() == before
    assert ImportBatch.objects.count() == 0


@pytest.mark.parametrize("persona", ["staff_a", "staff_b", "municipal", "nobody", "caretaker_a"])
def test_users_who_may_not_manage_housing_cannot_import(world, client_for, persona):
    client = client_for(persona)
    before = snapshot()
    content = f"{DEPT_HEADER}\n3;Solparken;Solvej 1;8210;Aarhus V;751;120;1972\n".encode()
    assert client.get(upload_url(), {"organisation": world.org_a.pk}).status_code == 403
    assert post(client, world, "afdelinger", upload("a.csv", content)).status_code == 403
    template = reverse("imports:template", kwargs={"kind": "afdelinger", "fmt": "csv"})
    assert client.get(template, {"organisation": world.org_a.pk}).status_code == 403
    assert snapshot() == before
    assert ImportBatch.objects.count() == 0


def test_anonymous_user_is_sent_to_login(world, client):
    response = client.get(upload_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_template_files_hold_the_organisations_own_departments_and_leases(world, client_for):
    client = client_for("head_a")

    def get(kind, fmt, **params):
        return client.get(
            reverse("imports:template", kwargs={"kind": kind, "fmt": fmt}),
            {"organisation": world.org_a.pk, **params},
        )

    response = get("afdelinger", "csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="afdelinger-')
    d1, d2 = world.dept_a1, world.dept_a2
    assert response.content.decode("utf-8-sig").splitlines() == [
        # the template offers the optional coordinates (empty: the test world has none)
        DEPT_HEADER + ";breddegrad;laengdegrad",
        f"1;Alfaparken;{d1.address};{d1.postal_code};{d1.city};751;{d1.lease_count};"
        f"{d1.year_built};;",
        f"2;Alfahaven;{d2.address};{d2.postal_code};{d2.city};751;{d2.lease_count};"
        f"{d2.year_built};;",
    ]
    response = get("lejemaal", "xlsx")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert [list(r) for r in book.worksheets[0].iter_rows(values_only=True)] == [
        LEASE_HEADER.split(";"),
        [1, "Alfavej 1", "st. tv.", 72.5, 3],
        [2, "Havevej 2", "1. th.", 72.5, 3],
    ]
    guide = [list(r) for r in book.worksheets[1].iter_rows(values_only=True)]
    assert [row[0] for row in guide] == ["Column", *LEASE_HEADER.split(";")]
    assert get("beboere", "csv").status_code == 404
    assert get("afdelinger", "pdf").status_code == 404
    assert get("afdelinger", "csv", organisation=world.org_b.pk).status_code == 404
