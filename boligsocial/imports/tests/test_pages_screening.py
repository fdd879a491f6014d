"""The import pages with the screening's kinds: upload, the report of problems, the preview and
its confirmation, the progress of a background import (htmx polling), and the template files."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from boligsocial.imports import registry, services
from boligsocial.imports.models import ImportBatch
from boligsocial.screening.models import Indicator, IndicatorValue

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
    return client.post(reverse("imports:upload", args=[kind]), {"file": upload})


def _confirm(client, batch):
    return client.post(reverse("imports:confirm", args=[batch.pk]))


def test_upload_page_lists_formats_indicator_codes_and_earlier_imports(world, client_for):
    ImportBatch.objects.create(filename="gammel.csv", organisation=world.org_a, status="done")
    ImportBatch.objects.create(filename="beta.csv", organisation=world.org_b, status="done")
    ImportBatch.objects.create(
        filename="lister.csv", organisation=world.org_a, kind="published_lists"
    )
    response = client_for("head_a").get(reverse("imports:upload", args=["vaerdier"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<code>outside_work_education</code>" in html
    assert "<code>kommunekode</code>" in html
    assert [b.filename for b in response.context["listing"].page.object_list] == ["gammel.csv"]
    assert 'href="/import/vaerdier/skabelon.xlsx"' in html
    assert f'<option value="{world.org_a.pk}" selected>' in html  # the template's organisation


def test_upload_without_a_file_keeps_the_choice_and_says_so(world, client_for):
    response = client_for("head_a").post(reverse("imports:upload", args=["lister"]), {})
    assert response.status_code == 200
    assert response.context["form"].errors == {"file": ["Choose the file to import."]}
    assert response.context["kind"].slug == "lister"
    assert "<h1>Import: Published lists</h1>" in response.content.decode()
    assert ImportBatch.objects.count() == 0


def test_a_file_with_problems_shows_the_report_and_changes_nothing(world, client_for):
    client = client_for("head_a")
    rows = [f"2023;{world.org_a.lbf_number};1;;;children;12;;;", "2023;;;;;nope;x;;;"]
    response = _post(client, _file(world, rows))
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("imports:batch", args=[batch.pk])
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


def test_a_good_file_is_previewed_and_imported_once_confirmed(world, client_for):
    client = client_for("management_a")
    response = _post(client, _file(world, _rows(world, 4)))
    preview = client.get(response["Location"]).content.decode()
    assert "To be created: 4. To be changed: 0. Left alone: 0." in preview
    assert IndicatorValue.objects.count() == 0  # nothing is written before the confirmation
    batch = ImportBatch.objects.get()
    assert _confirm(client, batch)["Location"] == reverse("imports:batch", args=[batch.pk])
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
    client = client_for("head_a")
    _post(client, upload, kind="lister")
    batch = ImportBatch.objects.get()
    assert (batch.kind, batch.status, batch.created) == ("published_lists", "preview", 1)
    _confirm(client, batch)
    batch.refresh_from_db()
    assert (batch.kind, batch.status, batch.created) == ("published_lists", "done", 1)


def test_a_large_file_is_imported_in_the_background(world, client_for, settings, tmp_path):
    settings.IMPORT_SYNC_MAX_BYTES = 100
    settings.TASKS = IMMEDIATE
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    client = client_for("head_a")
    response = _post(client, _file(world, _rows(world, 50)))
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert (batch.status, batch.created, batch.rows_total, batch.rows_done) == (
        "preview",
        50,
        50,
        50,
    )
    assert list(tmp_path.rglob("*")) == [
        tmp_path / "imports",
        tmp_path / "imports" / f"{batch.pk}.csv",
    ]
    _confirm(client, batch)
    batch.refresh_from_db()
    assert (batch.status, batch.created, batch.rows_total, batch.rows_done) == ("done", 50, 50, 50)
    assert batch.task_id != ""
    assert list(tmp_path.rglob("*")) == [tmp_path / "imports"]  # the file is gone


@pytest.mark.django_db(transaction=True)
def test_progress_is_polled_until_the_worker_has_imported_the_file(
    world, client_for, settings, tmp_path
):
    settings.IMPORT_SYNC_MAX_BYTES = 100
    settings.TASKS = DATABASE
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    client = client_for("head_a")
    response = _post(client, _file(world, _rows(world, 50, value="bad")))
    batch = ImportBatch.objects.get()
    assert batch.status == "pending"
    url = reverse("imports:batch", args=[batch.pk])
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
    assert not (tmp_path / "imports" / f"{batch.pk}.csv").exists()


def test_the_progress_partial_counts_rows_checked(world, client_for):
    batch = ImportBatch.objects.create(
        filename="stor.csv",
        organisation=world.org_a,
        status="running",
        rows_total=80_000,
        rows_done=20_000,
    )
    response = client_for("head_a").get(
        reverse("imports:batch", args=[batch.pk]),
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert "20000 of 80000 rows checked." in html
    assert '<progress id="import-progress-bar" max="100" value="25">' in html


def _stored_values(world):
    indicator = Indicator.objects.get(code="outside_work_education")
    children = Indicator.objects.get(code="children")
    IndicatorValue.objects.bulk_create(
        [
            IndicatorValue(
                indicator=indicator,
                department=world.dept_a1,
                year=2023,
                value=Decimal("23.4"),
                numerator=187,
                denominator=799,
                source="Danmarks Statistik",
            ),
            IndicatorValue(
                indicator=children, department=world.dept_a2, year=2023, value=Decimal("12")
            ),
            IndicatorValue(
                indicator=indicator, department=world.dept_a1, year=2022, value=Decimal("30")
            ),
            IndicatorValue(
                indicator=indicator, department=world.dept_b1, year=2023, value=Decimal("40")
            ),
        ]
    )


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_template_files_have_the_columns_and_the_organisations_latest_values(
    world, client_for, fmt
):
    _stored_values(world)
    client = client_for("admin")
    empty = client.get(reverse("imports:template", kwargs={"kind": "vaerdier", "fmt": fmt}))
    response = client.get(
        reverse("imports:template", kwargs={"kind": "vaerdier", "fmt": fmt}),
        {"organisation": world.org_a.pk},
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="vaerdier-')
    lbf = world.org_a.lbf_number
    if fmt == "csv":
        assert empty.content.decode("utf-8-sig").splitlines() == [HEADER]
        lines = response.content.decode("utf-8-sig").splitlines()
        assert lines == [
            HEADER,
            f"2023;{lbf};1;;;outside_work_education;23,4;187;799;Danmarks Statistik",
            f"2023;{lbf};2;;;children;12;;;",
        ]
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
        assert [list(r) for r in sheet.iter_rows(values_only=True)] == [
            HEADER.split(";"),
            [
                2023,
                lbf,
                1,
                None,
                None,
                "outside_work_education",
                23.4,
                187,
                799,
                "Danmarks Statistik",
            ],
            [2023, lbf, 2, None, None, "children", 12, None, None, None],
        ]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_organisations_template_imports_unchanged_and_changes_nothing(
    world, personas, client_for, fmt
):
    _stored_values(world)
    template = client_for("head_a").get(
        reverse("imports:template", kwargs={"kind": "vaerdier", "fmt": fmt}),
        {"organisation": world.org_a.pk},
    )
    before = sorted(IndicatorValue.objects.values_list("id", "value", "source", "batch_id"))
    batch = services.start(
        kind=registry.by_code("values"),
        upload=SimpleUploadedFile(f"skabelon.{fmt}", template.content),
        user=personas["head_a"],
    )
    assert (batch.status, batch.created, batch.updated, batch.unchanged) == ("done", 0, 0, 2), (
        batch.errors
    )
    assert sorted(IndicatorValue.objects.values_list("id", "value", "source", "batch_id")) == before


def test_a_batch_whose_worker_died_is_shown_as_failed_not_running(world, client_for):
    from datetime import timedelta

    from django.utils import timezone

    batch = ImportBatch.objects.create(
        filename="stor.csv",
        organisation=world.org_a,
        status="running",
        rows_total=80_000,
        rows_done=20_000,
        heartbeat_at=timezone.now() - timedelta(minutes=11),
    )
    html = client_for("head_a").get(reverse("imports:batch", args=[batch.pk])).content.decode()
    assert "hx-trigger" not in html
    assert "The file was not imported" in html
    assert "the process that worked on it did not answer for too long" in html
    batch.refresh_from_db()
    assert batch.status == "failed"
