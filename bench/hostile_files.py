"""Hostile workbooks for `make bench` (bench/imports.py): how fast, and with how little memory,
the import refuses them (targets: within 2 s and 200 MB, issue 12).

- 4.5 million blank rows (`<row/>`): tens of KB on disk, about 27 MB of XML;
- one row at row 4,500,000 (openpyxl fills the gap with empty rows);
- one shared string of 200 MB (a few hundred KB on disk).

Each is refused in a fresh child process (`python -m bench.hostile_files NAME`), so that its
peak memory is its own: the growth of the child's maximum resident set while it uploads the file
as the upload page does (`imports.services.start`, which checks it in the request) and while the
background task would (`imports.processing.run_guarded`)."""

import io
import json
import os
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
HEADER = "aar;organisation;afdeling;omraade;kommunekode;indikator;vaerdi;taeller;naevner;kilde"
PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
        'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
        'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
        'worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/workbook.xml": (
        f'<?xml version="1.0"?><workbook xmlns="{NS}" xmlns:r="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships"><sheets><sheet name="A" sheetId="1" r:id="rId1"/>'
        "</sheets></workbook>"
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
    ),
}
BLANK_ROWS = 4_500_000
SHARED_STRING_BYTES = 200 * 1024 * 1024


def _header_row() -> bytes:
    cells = "".join(
        f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{name}</t></is></c>'
        for i, name in enumerate(HEADER.split(";"))
    )
    return f'<row r="1">{cells}</row>'.encode()


def build(name: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for part, text in PARTS.items():
            archive.writestr(part, text)
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as strings:
            strings.write(f'<?xml version="1.0"?><sst xmlns="{NS}"><si><t>'.encode())
            if name == "shared_string":
                block = b"x" * (1 << 20)
                for _ in range(SHARED_STRING_BYTES // len(block)):
                    strings.write(block)
            strings.write(b"</t></si></sst>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(f'<?xml version="1.0"?><worksheet xmlns="{NS}"><sheetData>'.encode())
            sheet.write(_header_row())
            if name == "blank_rows":
                block = b"<row/>" * 100_000
                for _ in range(BLANK_ROWS // 100_000):
                    sheet.write(block)
            elif name == "far_row":
                sheet.write(b'<row r="4500000"><c r="A4500000"><v>2024</v></c></row>')
            sheet.write(b"</sheetData></worksheet>")
    return out.getvalue()


def _child(name: str) -> dict:
    """In the child: set Django up, then refuse the file in the request path and the worker's."""
    import django

    django.setup()
    import openpyxl  # noqa: F401 (loaded before the baseline, as in a running server)
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile

    from boligsocial.imports import processing, registry, services
    from boligsocial.imports.models import ImportBatch

    data = build(name)
    user = get_user_model().objects.get(username="head-a")
    kind = registry.by_code("values")
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    batch = services.start(kind=kind, upload=SimpleUploadedFile(f"{name}.xlsx", data), user=user)
    request_s = time.perf_counter() - started
    request_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert batch.status == "failed", batch.status
    message = batch.errors[0]["message"]
    again = ImportBatch.objects.create(kind=kind.code, filename=f"{name}.xlsx", created_by=user)
    started = time.perf_counter()
    processing.run_guarded(again, data)
    worker_s = time.perf_counter() - started
    again.refresh_from_db()
    assert again.status == "failed", again.status
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    ImportBatch.objects.filter(pk__in=[batch.pk, again.pk]).delete()
    return {
        "name": name,
        "bytes": len(data),
        "request_s": request_s,
        "worker_s": worker_s,
        "request_peak_mb": (request_peak - baseline) / 1024,
        "peak_mb": (peak - baseline) / 1024,
        "message": message,
    }


def measure(name: str) -> dict:
    done = subprocess.run(  # noqa: S603 (this module, with one of our own names)
        [sys.executable, "-m", "bench.hostile_files", name],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        check=True,
        env=os.environ,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    print(json.dumps(_child(sys.argv[1])))
