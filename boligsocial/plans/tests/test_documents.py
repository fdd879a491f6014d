"""A plan's documents with versions (issue 16 part 7, decision 0044): upload, a new version
keeps the old one downloadable, checked size and sniffed type (a refused file leaves no row and
no file), private storage served only through the plan's access (forged ids 404), an audit entry
per upload, a read-log entry per download, confirmation before removing a version."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from boligsocial.audit.models import AccessLogEntry, ChangeLogEntry
from boligsocial.plans import documents
from boligsocial.plans.models import DocumentVersion, PlanDocument
from boligsocial.plans.tests.factories import make_plan

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n1 0 obj\n%%EOF\n"


@pytest.fixture
def client_for(client_for, settings):
    """English pages (the messages asserted are msgids; the services' refusals are Danish)."""

    def make(name):
        client = client_for(name)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return make


def xlsx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    return out.getvalue()


def files(tmp_path) -> list:
    return sorted(p.name for p in tmp_path.rglob("*") if p.is_file())


def test_upload_versions_download_and_remove(
    world, client_for, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    plan = make_plan(world)
    staff = client_for("staff_a")
    url = reverse("plans:add_document", args=[plan.pk])
    page = staff.get(url).content.decode()
    assert 'enctype="multipart/form-data"' in page
    response = staff.post(
        url,
        {
            "kind": "agreement",
            "title": "Strategisk aftale",
            "file": SimpleUploadedFile("aftale.pdf", PDF),
            "note": "Underskrevet",
        },
    )
    assert response.status_code == 302
    document = PlanDocument.objects.get()
    assert (document.plan, document.kind, document.title) == (
        plan,
        "agreement",
        "Strategisk aftale",
    )
    v1 = document.versions.get()
    assert (v1.number, v1.original_name, v1.content_type, v1.size, v1.note) == (
        1,
        "aftale.pdf",
        "application/pdf",
        len(PDF),
        "Underskrevet",
    )
    assert v1.file.name.startswith(f"plans/{plan.pk}/") and "aftale" not in v1.file.name
    # A new version, an Excel workbook, by another owner (B's social worker).
    staff_b = client_for("staff_b")
    staff_b.post(
        reverse("plans:add_document_version", args=[document.pk]),
        {"file": SimpleUploadedFile("budget.xlsx", xlsx()), "note": "Revideret"},
    )
    v2 = document.versions.get(number=2)
    assert v2.content_type == documents.XLSX
    assert len(files(tmp_path)) == 2
    audit = ChangeLogEntry.objects.filter(content_type__model="documentversion").order_by("id")
    assert [(e.actor.username, e.action, e.changes["original_name"]) for e in audit] == [
        ("staff-a", "create", [None, "aftale.pdf"]),
        ("staff-b", "create", [None, "budget.xlsx"]),
    ]
    # The tab lists both; the old version stays downloadable, and the read is logged.
    tab = client_for("board_a").get(reverse("plans:documents", args=[plan.pk])).content.decode()
    assert tab.index("budget.xlsx") < tab.index("aftale.pdf")  # newest first
    assert reverse("plans:remove_document_version", args=[v1.pk]) not in tab  # a reader
    response = client_for("board_a").get(reverse("plans:document_download", args=[v1.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert 'attachment; filename="aftale.pdf"' in response["Content-Disposition"]
    read = AccessLogEntry.objects.get(content_type__model="documentversion")
    assert (read.user.username, read.route, read.purpose) == (
        "board-a",
        "plans:document_download",
        "plandokument",
    )
    # Removing asks first; a POST without the confirmation changes nothing.
    remove = reverse("plans:remove_document_version", args=[v2.pk])
    confirm = staff.get(remove).content.decode()
    assert "Remove version 2 of Strategisk aftale?" in confirm
    assert '<input type="hidden" name="confirmed" value="yes">' in confirm
    staff.post(remove)
    assert document.versions.count() == 2 and len(files(tmp_path)) == 2
    with django_capture_on_commit_callbacks(execute=True):  # the file goes once committed
        staff_b.post(remove, {"confirmed": "yes"})  # its uploader
    assert list(document.versions.values_list("number", flat=True)) == [1]
    assert len(files(tmp_path)) == 1
    assert (
        client_for("staff_b")
        .post(reverse("plans:remove_document_version", args=[v1.pk]), {"confirmed": "yes"})
        .status_code
        == 403
    )  # not hers, not the secretariat
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(reverse("plans:remove_document_version", args=[v1.pk]), {"confirmed": "yes"})
    assert not PlanDocument.objects.exists() and files(tmp_path) == []
    deleted = ChangeLogEntry.objects.filter(
        action="delete", content_type__model__in=["documentversion", "plandocument"]
    ).order_by("id")
    assert [(e.actor.username, e.object_repr) for e in deleted] == [
        ("staff-b", "Strategisk aftale v2"),
        ("staff-a", "Strategisk aftale v1"),
        ("staff-a", "Strategisk aftale"),
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("tom.pdf", b"", "Filen er tom."),
        ("script.pdf", b"<script>alert(1)</script>", "Filtypen er ikke tilladt."),
        ("fake.docx", b"PK\x03\x04 not a zip", "Filtypen er ikke tilladt."),
        ("gif.pdf", b"GIF89a....", "Filtypen er ikke tilladt."),
    ],
)
def test_a_refused_file_leaves_no_row_and_no_file(
    world, client_for, settings, tmp_path, name, content, message
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    plan = make_plan(world)
    response = client_for("staff_a").post(
        reverse("plans:add_document", args=[plan.pk]),
        {"kind": "budget", "title": "Budget", "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert (PlanDocument.objects.count(), DocumentVersion.objects.count()) == (0, 0)
    assert files(tmp_path) == []


def test_too_large_and_forged_ids(world, client_for, settings, tmp_path, monkeypatch):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    monkeypatch.setattr(documents, "MAX_BYTES", 10)
    plan = make_plan(world)
    with pytest.raises(documents.PlanError, match=r"Filen er for stor \(0,0 MB\)"):
        documents.add_document(
            plan=plan, by=None, kind="other", title="X", uploaded=SimpleUploadedFile("a.pdf", PDF)
        )
    monkeypatch.setattr(documents, "MAX_BYTES", 1024)
    document = documents.add_document(
        plan=plan, by=None, kind="other", title="X", uploaded=SimpleUploadedFile("a.pdf", PDF)
    )
    version = document.versions.get()
    outsider = client_for("nobody")  # outside the plan: 404, as for a forged id
    for name, pk in (
        ("plans:document_download", version.pk),
        ("plans:remove_document_version", version.pk),
        ("plans:add_document_version", document.pk),
        ("plans:document_download", 999999),
    ):
        assert outsider.get(reverse(name, args=[pk])).status_code == 404
    assert not AccessLogEntry.objects.filter(content_type__model="documentversion").exists()


def test_groups_and_spending_from_the_pages(world, client_for):
    """The two small pieces of parts 4 and 6 that had no page: the plan's board and groups (the
    secretariat), spending against each owner's own budget row."""
    from decimal import Decimal

    from boligsocial.plans import services
    from boligsocial.plans.models import Group, Spending
    from boligsocial.plans.tests.factories import balanced_budget

    plan = make_plan(world)
    balanced_budget(plan)
    staff = client_for("staff_a")
    response = staff.post(
        reverse("plans:add_group", args=[plan.pk]),
        {"kind": "board", "name": "Bestyrelsen for helhedsplanen", "members": "Formand: X"},
    )
    assert response.status_code == 302
    assert list(Group.objects.values_list("plan", "kind", "name", "members")) == [
        (plan.pk, "board", "Bestyrelsen for helhedsplanen", "Formand: X")
    ]
    assert client_for("staff_b").get(reverse("plans:add_group", args=[plan.pk])).status_code == 403
    lbf = plan.funders.get(kind="lbf")
    url = reverse("plans:add_spending", args=[plan.pk])
    staff.post(url, {"funder": lbf.pk, "year": 2024, "amount": "12.500,50", "note": "Løn"})
    # B's social worker records against its own row only; LBF is not offered to her.
    page = client_for("staff_b").get(url).content.decode()
    assert f'value="{lbf.pk}"' not in page
    client_for("staff_b").post(url, {"funder": lbf.pk, "year": 2024, "amount": "1"})
    bad = staff.post(url, {"funder": lbf.pk, "year": 2024, "amount": "1,005"})
    assert "hele øre" in bad.content.decode()
    assert list(Spending.objects.values_list("funder", "year", "amount", "note")) == [
        (lbf.pk, 2024, Decimal("12500.50"), "Løn")
    ]
    row = next(r for r in services.budget_check(plan).rows if r.is_lbf)
    assert (row.budgeted, row.spent, row.left) == (
        Decimal("300000.00"),
        Decimal("12500.50"),
        Decimal("287499.50"),
    )
