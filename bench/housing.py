"""Housing pages and API with the demo data: the largest department's lease list, the
organisation page, the API department list; compared with the raw SQL of the lease page."""

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Q
from django.test import Client
from django.urls import reverse

from boligsocial.organisations import access
from boligsocial.organisations.models import Department, Lease


def _client(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def _get(client: Client, url: str):
    def call():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    return call


def run(report) -> None:
    staff = _client("staff-a")
    user = get_user_model().objects.get(username="staff-a")
    org_id = access.scope(user).org_ids
    largest = Department.objects.filter(organisation_id__in=org_id).order_by("-lease_count")[0]
    dept_url = reverse("organisations:department", args=[largest.pk])
    org_url = reverse("organisations:organisation", args=[largest.organisation_id])

    page = report.time(
        f"department page, {largest.lease_count} leases, page 1",
        _get(staff, dept_url),
        note="staff-a",
    )
    report.time(
        "department page, search 'vej 1' (htmx partial)",
        _get_htmx(staff, dept_url + "?q=vej+1"),
    )
    report.time(
        "department page, last page sorted by m² desc", _get(staff, dept_url + "?sort=-m2&page=999")
    )
    report.time(
        f"organisation page ({largest.organisation.departments.count()} departments)",
        _get(staff, org_url),
    )
    report.time(
        "municipality list (admin, 98 rows)",
        _get(_client("admin"), reverse("organisations:municipality_list")),
    )
    report.time(
        "API /api/v1/departments/ (admin, 60 rows)",
        _get(_client("admin"), "/api/v1/departments/?page_size=100"),
    )
    report.time(
        f"API /api/v1/leases/?department={largest.pk}",
        _get(staff, f"/api/v1/leases/?department={largest.pk}"),
    )

    # The same data as the lease table, straight from SQL: the floor the page is measured against.
    table = Lease._meta.db_table
    sql = (
        f"SELECT id, address, unit, area_m2, rooms FROM {table} "  # noqa: S608 (constants only)
        "WHERE department_id = %s ORDER BY address, unit LIMIT 50"
    )

    def raw():
        with connection.cursor() as cursor:
            cursor.execute(sql, [largest.pk])
            cursor.fetchall()
            cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE department_id = %s", [largest.pk])  # noqa: S608
            cursor.fetchone()

    raw_row = report.time("raw SQL: the lease page's rows + count", raw)
    report.line(
        f"department page p95 / raw SQL p95 = {page.p95_ms / raw_row.p95_ms:.1f}x "
        f"(template rendering, session, access checks on top of the two queries)"
    )

    def filtered():
        list(
            access.visible_departments(user)
            .filter(Q(name__icontains="park") | Q(address__icontains="vej"))
            .values_list("id", flat=True)
        )

    report.time("access.visible_departments(staff-a) filtered", filtered)


def _get_htmx(client: Client, url: str):
    def call():
        response = client.get(url, HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        assert b"<html" not in response.content

    return call
