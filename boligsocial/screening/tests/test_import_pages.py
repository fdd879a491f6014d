"""The import pages: upload, the report of problems, the progress of a background import (htmx
polling), and the template files."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from boligsocial.screening.imports import batches
from boligsocial.screening.models import ImportBatch, IndicatorValue

HEADER = "aar;organisation;afdeling;omraade;kommunekode;indikator;vaerdi;taeller;naevner;kilde"
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def client_for(client_for, settings):
    """The personas' clients, with English chosen (messages are asserted as msgids)."""

    def make(name):
        client = client_for(name)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return make


def _file(world, rows: list[str], name="vaerdier.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, ("\n".join([HEADER, *rows]) + "\n").encode())


def _rows(world, n: int, value="12") -> list[str]:
    return [
        f"{2000 + i % 25};{world.org_a.lbf_number};{1 + i // 25 % 2};;;children;{value};;;"
        for i in range(n)
    ]


def _post(client, upload, kind="vaerdier"):
    return client.post(reverse("screening:import"), {"kind": kind, "file": upload})


def test_upload_page_lists_formats_indicator_codes_and_earlier_imports(world, client_for):
    ImportBatch.objects.create(filename="gammel.csv", organisation=world.org_a, status="done")
    ImportBatch.objects.create(filename="beta.csv", organisation=world.org_b, status="done")
    response = client_for("head_a").get(reverse("screening:import"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<code>outside_work_education</code>" in html
    assert "<code>kommunekode</code>" in html
    assert [b.filename for b in response.context["listing"].page.object_list] == ["gammel.csv"]
    assert 'href="/trafiklys/import/skabelon/vaerdier.xlsx"' in html


def test_upload_without_a_file_keeps_the_choice_and_says_so(world, client_for):
    response = client_for("head_a").post(reverse("screening:import"), {"kind": "lister"})
    assert response.status_code == 200
    assert response.context["form"].errors == {"file": ["Choose the file to import."]}
    assert '<option value="lister" selected>' in response.content.decode()
    assert ImportBatch.objects.count() == 0


def test_a_file_with_problems_shows_the_report_and_changes_nothing(world, client_for):
    client = client_for("head_a")
    rows = [f"2023;{world.org_a.lbf_number};1;;;children;12;;;", "2023;;;;;nope;x;;;"]
    response = _post(client, _file(world, rows))
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("screening:import_batch", args=[batch.pk])
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "The file was not imported" in html
    assert "The file has 3 problems." in html
    assert "Unknown indicator code “nope”" in html
    assert "hx-trigger" not in html
    assert [(e["row"], e["column"]) for e in page.context["errors"]] == [
        (3, "indikator"),  # unknown code
        (3, "indikator"),  # a national value, and head_a is not an administrator
        (3, "vaerdi"),
    ]
    assert IndicatorValue.objects.count() == 0


def test_a_good_file_is_imported_and_the_page_shows_the_counts(world, client_for):
    client = client_for("management_a")
    response = _post(client, _file(world, _rows(world, 4)))
    page = client.get(response["Location"])
    assert "Created: 4. Updated: 0. Unchanged: 0." in page.content.decode()
    assert IndicatorValue.objects.count() == 4


def test_an_xlsx_file_of_published_lists(world, client_for):
    workbook = openpyxl.Workbook()
    workbook.active.append(["aar", "omraade", "kommunekode", "liste"])
    workbook.active.append([2019, "Haveområdet", 751, "udsat"])
    out = io.BytesIO()
    workbook.save(out)
    upload = SimpleUploadedFile("lister.xlsx", out.getvalue())
    _post(client_for("head_a"), upload, kind="lister")
    batch = ImportBatch.objects.get()
    assert (batch.kind, batch.status, batch.created) == ("published_lists", "done", 1)


def test_a_large_file_is_imported_in_the_background(world, client_for, settings, tmp_path):
    settings.SCREENING_IMPORT_SYNC_MAX_BYTES = 100
    settings.TASKS = IMMEDIATE
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    response = _post(client_for("head_a"), _file(world, _rows(world, 50)))
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert (batch.status, batch.created, batch.rows_total, batch.rows_done) == ("done", 50, 50, 50)
    assert batch.task_id != ""
    assert list(tmp_path.rglob("*")) == [tmp_path / "screening-imports"]  # the file is gone


@pytest.mark.django_db(transaction=True)
def test_progress_is_polled_until_the_worker_has_imported_the_file(
    world, client_for, settings, tmp_path
):
    settings.SCREENING_IMPORT_SYNC_MAX_BYTES = 100
    settings.TASKS = DATABASE
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    client = client_for("head_a")
    response = _post(client, _file(world, _rows(world, 50, value="bad")))
    batch = ImportBatch.objects.get()
    assert batch.status == "pending"
    url = reverse("screening:import_batch", args=[batch.pk])
    assert response["Location"] == url

    waiting = client.get(url, HTTP_HX_REQUEST="true")
    html = waiting.content.decode()
    assert html.lstrip().startswith(f'<div id="import-progress" hx-get="{url}"')
    assert 'hx-trigger="every 1s"' in html
    assert "<h1>" not in html  # only the partial
    assert "The import is waiting to start" in html

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    batch.refresh_from_db()
    assert (batch.status, batch.rows_total, batch.rows_done) == ("failed", 50, 50)
    done = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in done
    assert "The file has 50 problems." in done
    assert IndicatorValue.objects.count() == 0
    assert not (tmp_path / "screening-imports" / f"{batch.pk}.csv").exists()


def test_the_progress_partial_counts_rows_checked(world, client_for):
    batch = ImportBatch.objects.create(
        filename="stor.csv",
        organisation=world.org_a,
        status="running",
        rows_total=80_000,
        rows_done=20_000,
    )
    response = client_for("head_a").get(
        reverse("screening:import_batch", args=[batch.pk]),
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert "20000 of 80000 rows checked." in html
    assert '<progress id="import-progress-bar" max="100" value="25">' in html


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_template_files_have_the_columns_and_an_example(world, client_for, fmt):
    response = client_for("admin").get(
        reverse("screening:import_template", kwargs={"kind": "vaerdier", "fmt": fmt})
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="trafiklys-vaerdier-')
    if fmt == "csv":
        lines = response.content.decode("utf-8-sig").splitlines()
        assert lines[0] == HEADER
        assert lines[1] == "2024;123;1;;;outside_work_education;23,4;187;799;Danmarks Statistik"
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        assert [c.value for c in sheet[1]] == HEADER.split(";")


def test_the_template_with_a_real_organisation_number_imports(world, personas, client_for):
    template = client_for("head_a").get(
        reverse("screening:import_template", kwargs={"kind": "vaerdier", "fmt": "csv"})
    )
    text = template.content.decode("utf-8-sig").replace(";123;", f";{world.org_a.lbf_number};")
    batch = batches.start(
        kind=batches.KIND_BY_BATCH_KIND["values"],
        upload=SimpleUploadedFile("skabelon.csv", text.encode()),
        user=personas["head_a"],
    )
    assert (batch.status, batch.created) == ("done", 1), batch.errors
