"""Benchmarks of the styringsdialog (issue 18 part 10): the organisation report of 60 departments
as a page and as a PDF (≤ 5 s), as head-a.

The demo has 60 departments in three organisations; inside a transaction that is rolled back
afterwards, organisation A is given all of them (organisations B's and C's departments renumbered
from 101 and 201), so the report covers 60 departments with ten years of screening, their plans,
cases and analyses."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.test import Client
from django.urls import reverse

from boligsocial.organisations.models import Department, Organisation
from boligsocial.reports import services
from boligsocial.reports.models import Report


def _get(client, url):
    def call():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response

    return call


def run(report) -> None:
    with transaction.atomic():
        orgs = list(Organisation.objects.filter(is_demo=True).order_by("pk"))
        org = orgs[0]
        for offset, other in zip((100, 200), orgs[1:], strict=False):
            Department.objects.filter(organisation=other).update(
                organisation=org, number=F("number") + offset
            )
        count = Department.objects.filter(organisation=org).count()
        year = (
            Report.objects.filter(organisation=org, department__isnull=True)
            .order_by("-year")
            .values_list("year", flat=True)
            .first()
        )
        Report.objects.filter(organisation=org, year=year, department__isnull=True).delete()
        head = get_user_model().objects.get(username="head-a")
        bench_report = services.create_report(by=head, organisation=org, year=year)
        client = Client()
        client.force_login(head)
        page = report.time(
            f"page reports:report, {count} departments",
            _get(client, reverse("reports:report", args=[bench_report.pk])),
            n=10,
        )
        pdf = report.time(
            f"PDF reports:report_pdf, {count} departments",
            _get(client, reverse("reports:report_pdf", args=[bench_report.pk])),
            n=5,
        )
        import pypdfium2

        content = _get(client, reverse("reports:report_pdf", args=[bench_report.pk]))().content
        pages = len(pypdfium2.PdfDocument(content))
        report.line(
            f"reports: organisation report of {count} departments, page p95 "
            f"{page.p95_ms / 1000:.2f} s, PDF p95 {pdf.p95_ms / 1000:.2f} s "
            f"({'within' if pdf.p95_ms <= 5000 else 'OVER'} the 5 s budget), {pages} PDF pages"
        )
        transaction.set_rollback(True)
