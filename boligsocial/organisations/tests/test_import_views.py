"""The import view and the template files: access, the error report's structure (line and
column, not wording: the Danish catalogue is compiled by the lead) and that nothing changes."""

import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from boligsocial.organisations.models import Department, Lease
from boligsocial.organisations.tests.test_imports import (
    DEPT_HEADER,
    LEASE_HEADER,
    snapshot,
    xlsx_bytes,
)


def import_url(world) -> str:
    return reverse("organisations:import", kwargs={"pk": world.org_a.pk})


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")


def test_head_of_social_services_sees_the_import_form_with_columns_and_templates(world, client_for):
    response = client_for("head_a").get(import_url(world))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert '<label class="form-label" for="id_kind">' in html
    assert '<label class="form-label" for="id_file">' in html
    assert '<select class="form-select" id="id_kind" name="kind">' in html
    for column in [*DEPT_HEADER.split(";"), *LEASE_HEADER.split(";")]:
        assert f"<code>{column}</code>" in html
    for kind in ("afdelinger", "lejemaal"):
        for fmt in ("csv", "xlsx"):
            url = reverse(
                "organisations:import_template",
                kwargs={"pk": world.org_a.pk, "kind": kind, "fmt": fmt},
            )
            assert f'href="{url}"' in html


def test_head_of_social_services_imports_departments_and_is_sent_to_the_organisation(
    world, client_for
):
    file = upload(
        "afdelinger.csv",
        f"{DEPT_HEADER}\n3;Solparken;Solvej 1;8210;Aarhus V;751;120;1972\n".encode(),
    )
    before = snapshot()
    response = client_for("head_a").post(import_url(world), {"kind": "afdelinger", "file": file})
    assert response.status_code == 302
    assert response["Location"] == reverse("organisations:organisation", args=[world.org_a.pk])
    assert snapshot() == (before[0] + 1, before[1], before[2] + 1, before[3])
    new = Department.objects.get(organisation=world.org_a, number=3)
    assert new.history.get().history_user.username == "head-a"
    [message] = list(get_messages(response.wsgi_request))
    assert message.level_tag == "success"
    assert "afdelinger.csv" in message.message
    assert ": 1." in message.message  # created: 1


def test_head_of_social_services_imports_leases_from_xlsx(world, client_for):
    content = xlsx_bytes(LEASE_HEADER.split(";"), (1, "Alfavej 3", "2. tv.", 65.5, 2)).getvalue()
    file = SimpleUploadedFile("lejemaal.xlsx", content)
    response = client_for("head_a").post(import_url(world), {"kind": "lejemaal", "file": file})
    assert response.status_code == 302
    lease = Lease.objects.get(department=world.dept_a1, address="Alfavej 3")
    assert (lease.unit, lease.area_m2, lease.rooms) == ("2. tv.", Decimal("65.5"), 2)


def test_bad_file_renders_the_error_report_and_imports_nothing(world, client_for):
    content = (
        f"{DEPT_HEADER}\n3;Solparken;Solvej 1;8210;Aarhus V;751;120;1972\n"
        "4;Ukendt;Vej 2;8000;Aarhus C;999;10;1970\n4;Dublet;Vej 3;8000;Aarhus C;751;mange;1970\n"
    )
    before = snapshot()
    response = client_for("head_a").post(
        import_url(world), {"kind": "afdelinger", "file": upload("fejl.csv", content.encode())}
    )
    assert response.status_code == 200
    assert snapshot() == before
    html = response.content.decode()
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
    assert list(get_messages(response.wsgi_request)) == []


def test_error_report_shows_whole_file_problems_and_counts_hidden_ones(world, client_for):
    rows = "".join(f"{n};A;B;8000;C;999;1;1970\n" for n in range(100, 305))
    response = client_for("head_a").post(
        import_url(world),
        {"kind": "afdelinger", "file": upload("mange.csv", (DEPT_HEADER + "\n" + rows).encode())},
    )
    html = response.content.decode()
    assert html.count("<td>kommunekode</td>") == 200
    assert re.search(r"<p>\s*5 ", html)  # "5 more problems are not shown", in either language
    empty = client_for("head_a").post(
        import_url(world), {"kind": "afdelinger", "file": upload("tom.csv", b"")}
    )
    assert empty.status_code == 200
    assert '<span class="sr-only">' in empty.content.decode().split("<tbody>")[1]


def test_missing_file_is_a_form_error_linked_to_the_field(world, client_for):
    before = snapshot()
    response = client_for("head_a").post(import_url(world), {"kind": "afdelinger"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="#id_file"' in html
    assert 'aria-describedby="id_file-hint id_file-error" aria-invalid="true"' in html
    assert snapshot() == before


@pytest.mark.parametrize(
    ("persona", "status"), [("staff_a", 403), ("staff_b", 404), ("municipal", 403), ("nobody", 404)]
)
def test_users_who_may_not_manage_the_organisation_cannot_import(
    world, client_for, persona, status
):
    client = client_for(persona)
    before = snapshot()
    content = f"{DEPT_HEADER}\n3;Solparken;Solvej 1;8210;Aarhus V;751;120;1972\n".encode()
    assert client.get(import_url(world)).status_code == status
    post = client.post(import_url(world), {"kind": "afdelinger", "file": upload("a.csv", content)})
    assert post.status_code == status
    template = reverse(
        "organisations:import_template",
        kwargs={"pk": world.org_a.pk, "kind": "afdelinger", "fmt": "csv"},
    )
    assert client.get(template).status_code == status
    assert snapshot() == before


def test_anonymous_user_is_sent_to_login(world, client):
    response = client.get(import_url(world))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_template_files_have_the_header_and_one_example_row(world, client_for):
    client = client_for("head_a")

    def get(kind, fmt):
        return client.get(
            reverse(
                "organisations:import_template",
                kwargs={"pk": world.org_a.pk, "kind": kind, "fmt": fmt},
            )
        )

    response = get("afdelinger", "csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="afdelinger-')
    assert response.content.decode("utf-8-sig").splitlines() == [
        DEPT_HEADER,
        "1;Solparken;Solvej 1;8000;Aarhus C;751;120;1972",
    ]
    response = get("lejemaal", "xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [list(r) for r in sheet.iter_rows(values_only=True)] == [
        LEASE_HEADER.split(";"),
        [1, "Solvej 1", "2. th.", 72.5, 3],
    ]
    assert get("beboere", "csv").status_code == 404
    assert get("afdelinger", "pdf").status_code == 404
