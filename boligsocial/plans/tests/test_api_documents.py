"""A plan's documents through the REST API (issue 16 part 7, decision 0044): the same services,
rights and logs as the documents page. Readers list and download (each download in the access
log), owners upload documents and versions (multipart, the file checked by its size and first
bytes, refused in Danish with nothing stored), the secretariat or the uploader removes a
version; another organisation's plan is a 404, a board reads only."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from boligsocial.audit.models import AccessLogEntry, ChangeLogEntry
from boligsocial.catalogue.models import LbfPeriod
from boligsocial.organisations.tests.factories import municipality
from boligsocial.plans import documents, services
from boligsocial.plans.models import DocumentVersion, PlanDocument

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n1 0 obj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def plan(world, settings, tmp_path):
    """Organisation A's own plan (B is no owner), with one document of two versions."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    plan = services.create_plan(
        by=None,
        name="Helhedsplan Alfaparken 2024–27",
        municipality=municipality(751),
        organisations=[world.org_a],
        departments=[world.dept_a1],
        period=LbfPeriod.objects.get(code="2019-26"),
        first_year=2024,
    )
    plan.doc = documents.add_document(
        plan=plan,
        by=None,
        kind="agreement",
        title="Strategisk aftale",
        uploaded=SimpleUploadedFile("aftale.pdf", PDF),
    )
    documents.add_version(
        document=plan.doc, by=None, uploaded=SimpleUploadedFile("aftale-2.pdf", PDF + b"2")
    )
    return plan


def url(name, *args):
    return reverse(f"api:plan-{name}", args=args)


def state():
    return (
        sorted(PlanDocument.objects.values_list("pk", "title")),
        sorted(DocumentVersion.objects.values_list("pk", "number", "original_name", "size")),
    )


def test_readers_list_the_documents_with_their_versions(plan, client_for):
    response = client_for("board_a").get(url("documents", plan.pk))
    assert response.status_code == 200
    (doc,) = response.json()
    v2, v1 = plan.doc.versions.order_by("-number")
    assert (doc["id"], doc["kind"], doc["title"]) == (plan.doc.pk, "agreement", "Strategisk aftale")
    assert [
        (v["id"], v["number"], v["original_name"], v["content_type"], v["size"], v["may_remove"])
        for v in doc["versions"]
    ] == [
        (v2.pk, 2, "aftale-2.pdf", "application/pdf", len(PDF) + 1, False),
        (v1.pk, 1, "aftale.pdf", "application/pdf", len(PDF), False),
    ]
    assert doc["versions"][0]["file"] == url("document-file", plan.pk, plan.doc.pk, v2.pk)
    staff = client_for("staff_a").get(url("documents", plan.pk)).json()
    assert [v["may_remove"] for v in staff[0]["versions"]] == [True, True]  # the secretariat


def test_download_is_the_file_as_uploaded_and_is_logged(plan, client_for):
    v1 = plan.doc.versions.get(number=1)
    before = AccessLogEntry.objects.count()
    response = client_for("board_a").get(url("document-file", plan.pk, plan.doc.pk, v1.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="aftale.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert AccessLogEntry.objects.count() == before + 1
    entry = AccessLogEntry.objects.latest("id")
    assert (entry.user.username, entry.object_id, entry.route, entry.purpose) == (
        "board-a",
        str(v1.pk),
        "api:plan-document-file",
        "plandokument",
    )


@pytest.mark.parametrize("persona", ["staff_b", "nobody"])
def test_another_organisation_gets_404_everywhere_and_nothing_changes(plan, client_for, persona):
    """Organisation B's staff and a user without a role see nothing of the plan: every
    document route is the API's 404."""
    c = client_for(persona)
    v1 = plan.doc.versions.get(number=1)
    before, logged = state(), AccessLogEntry.objects.count()
    pdf = {"kind": "other", "title": "X", "file": SimpleUploadedFile("x.pdf", PDF)}
    answers = [
        c.get(url("documents", plan.pk)),
        c.post(url("documents", plan.pk), pdf),
        c.post(
            url("document-versions", plan.pk, plan.doc.pk),
            {"file": SimpleUploadedFile("x.pdf", PDF)},
        ),
        c.get(url("document-file", plan.pk, plan.doc.pk, v1.pk)),
        c.delete(url("document-version", plan.pk, plan.doc.pk, v1.pk)),
    ]
    assert [(r.status_code, r.json()) for r in answers] == [(404, {"detail": "Ikke fundet."})] * 5
    assert (state(), AccessLogEntry.objects.count()) == (before, logged)


def test_a_board_reads_but_cannot_upload_or_remove(plan, client_for):
    c = client_for("board_a")
    v1 = plan.doc.versions.get(number=1)
    before = state()
    pdf = {"kind": "other", "title": "X", "file": SimpleUploadedFile("x.pdf", PDF)}
    assert c.post(url("documents", plan.pk), pdf).status_code == 403
    version = {"file": SimpleUploadedFile("x.pdf", PDF)}
    assert c.post(url("document-versions", plan.pk, plan.doc.pk), version).status_code == 403
    assert c.delete(url("document-version", plan.pk, plan.doc.pk, v1.pk)).status_code == 403
    assert state() == before


def test_an_owner_uploads_a_document_and_a_version_audited(plan, client_for, personas, tmp_path):
    c = client_for("staff_a")
    response = c.post(
        url("documents", plan.pk),
        {"kind": "budget", "title": "Budget 2024–27", "file": SimpleUploadedFile("b.png", PNG)},
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["kind"], body["title"], len(body["versions"])) == ("budget", "Budget 2024–27", 1)
    assert (body["versions"][0]["content_type"], body["versions"][0]["uploaded_by"]) == (
        "image/png",
        personas["staff_a"].get_full_name(),
    )
    document = PlanDocument.objects.get(pk=body["id"])
    response = c.post(
        url("document-versions", plan.pk, document.pk),
        {"file": SimpleUploadedFile("b2.pdf", PDF), "note": "Revideret"},
    )
    assert response.status_code == 201
    assert (response.json()["number"], response.json()["note"]) == (2, "Revideret")
    assert list(document.versions.values_list("number", "original_name")) == [
        (2, "b2.pdf"),
        (1, "b.png"),
    ]
    stored = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(stored) == 4  # the fixture's two and these two
    actions = list(
        ChangeLogEntry.objects.filter(actor__username="staff-a")
        .order_by("id")
        .values_list("action", "content_type__model")
    )
    assert actions == [
        ("create", "plandocument"),
        ("create", "documentversion"),
        ("create", "documentversion"),
    ]


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("tom.pdf", b"", "Filen er tom."),
        (
            "virus.pdf",
            b"MZ\x90\x00 not a pdf",
            "Filtypen er ikke tilladt. Tilladt: PDF, Word (DOCX), Excel (XLSX), JPEG, PNG.",
        ),
    ],
)
def test_a_bad_upload_is_refused_in_danish_and_nothing_is_stored(
    plan, client_for, tmp_path, name, content, message
):
    c = client_for("staff_a")
    before, files = state(), sorted(tmp_path.rglob("*"))
    response = c.post(
        url("documents", plan.pk),
        {"kind": "other", "title": "X", "file": SimpleUploadedFile(name, content)},
    )
    assert (response.status_code, response.json()) == (400, {"file": [message]})
    response = c.post(
        url("document-versions", plan.pk, plan.doc.pk), {"file": SimpleUploadedFile(name, content)}
    )
    assert (response.status_code, response.json()) == (400, {"file": [message]})
    assert (state(), sorted(tmp_path.rglob("*"))) == (before, files)


def test_a_too_large_upload_is_refused(plan, client_for, monkeypatch):
    monkeypatch.setattr(documents, "MAX_BYTES", 10)
    before = state()
    response = client_for("staff_a").post(
        url("document-versions", plan.pk, plan.doc.pk), {"file": SimpleUploadedFile("a.pdf", PDF)}
    )
    assert response.status_code == 400
    assert response.json() == {
        "file": ["Filen er for stor (0,0 MB). Den største tilladte størrelse er 0 MB."]
    }
    assert state() == before


def test_removing_versions_as_the_page_allows(plan, client_for, world, personas):
    v2, v1 = plan.doc.versions.order_by("-number")
    c = client_for("staff_a")
    response = c.delete(url("document-version", plan.pk, plan.doc.pk, v2.pk))
    assert (response.status_code, response.json()) == (200, {"document_removed": False})
    assert list(plan.doc.versions.values_list("number", flat=True)) == [1]
    # a version of another document of the plan, named under this document, is not found
    other = documents.add_document(
        plan=plan, by=None, kind="other", title="Andet", uploaded=SimpleUploadedFile("o.pdf", PDF)
    )
    wrong = url("document-version", plan.pk, plan.doc.pk, other.versions.get().pk)
    assert c.delete(wrong).status_code == 404
    response = c.delete(url("document-version", plan.pk, plan.doc.pk, v1.pk))
    assert (response.status_code, response.json()) == (200, {"document_removed": True})
    assert list(PlanDocument.objects.values_list("title", flat=True)) == ["Andet"]
