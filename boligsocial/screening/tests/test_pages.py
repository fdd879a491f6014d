"""The trafiklys pages: what each persona sees, filters, sorting, the numbers shown."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse

from boligsocial.organisations.models import Department
from boligsocial.screening import selectors


def _get(client, name, *args, **params):
    return client.get(reverse(f"screening:{name}", args=args), params)


def _names(response):
    return [r.department.name for r in response.context["listing"].page.object_list]


def test_scorecard_lists_the_visible_departments_red_first_with_counts(sw, client_for):
    response = _get(client_for("head_a"), "scorecard", sw.org_a.pk)
    assert response.status_code == 200
    assert response.context["year"] == 2024
    assert _names(response) == ["Alfaparken", "Alfahaven"]
    assert response.context["counts"] == {"red": 1, "yellow": 1, "green": 0, "none": 0}
    first = response.context["listing"].page.object_list[0]
    assert first.score_display == "94,4"
    cells = {c.code: c for c in first.cells}
    assert (cells["outside_work_education"].colour, cells["outside_work_education"].display) == (
        "red",
        "43,1",
    )
    assert cells["outside_work_education"].trend == "worse"
    assert first.sparkline.startswith('<svg class="sparkline"')
    body = response.content.decode()
    assert "43,1" in body and 'class="tl tl-red"' in body


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"sort": "score"}, ["Alfahaven", "Alfaparken"]),
        ({"sort": "-score"}, ["Alfaparken", "Alfahaven"]),
        ({"sort": "outside_work_education"}, ["Alfahaven", "Alfaparken"]),
        ({"sort": "-name"}, ["Alfaparken", "Alfahaven"]),
        ({"sort": "evil;drop"}, ["Alfaparken", "Alfahaven"]),  # forged: the default order
        ({"farve": "red"}, ["Alfaparken"]),
        ({"farve": "green"}, []),
        ({"farve": "purple"}, ["Alfaparken", "Alfahaven"]),  # forged: ignored
        ({"q": "haven"}, ["Alfahaven"]),
        ({"q": "2"}, ["Alfahaven"]),  # department number
        ({"kommune": "851"}, ["Alfaparken", "Alfahaven"]),  # not among the options: ignored
        ({"aar": "1999"}, ["Alfaparken", "Alfahaven"]),  # no data that year: the newest year
    ],
)
def test_scorecard_sorts_and_filters(sw, client_for, params, expected):
    # The factory numbers addresses by a sequence ("Testvej 12"), and the search also matches
    # addresses: give both departments an address without digits other than 1.
    Department.objects.filter(pk__in=[sw.dept_a1.pk, sw.dept_a2.pk]).update(address="Skovvej 1")
    response = _get(client_for("head_a"), "scorecard", sw.org_a.pk, **params)
    assert _names(response) == expected
    assert response.context["year"] == 2024


def test_scorecard_year_2023_shows_that_years_lights(sw, client_for):
    response = _get(client_for("head_a"), "scorecard", sw.org_a.pk, aar="2023")
    assert response.context["year"] == 2023
    assert [y["value"] for y in response.context["years"]] == [2024, 2023, 2022]


@pytest.mark.parametrize(
    ("persona", "org", "expected"),
    [
        ("dept_board_a1", "org_a", ["Alfaparken"]),
        ("municipal", "org_b", ["Betagården"]),
        ("staff_b", "org_b", ["Betabakken", "Betagården"]),
    ],
)
def test_scorecard_shows_only_departments_the_user_may_see(sw, client_for, persona, org, expected):
    response = _get(client_for(persona), "scorecard", getattr(sw, org).pk, sort="name")
    assert _names(response) == expected


def test_scorecard_query_count_does_not_grow_with_departments(
    sw, client_for, django_assert_num_queries
):
    from boligsocial.organisations.tests.factories import DepartmentFactory
    from boligsocial.screening.engine import screen
    from boligsocial.screening.models import IndicatorValue

    client = client_for("head_a")
    url = reverse("screening:scorecard", args=[sw.org_a.pk])
    client.get(url)
    # On SQLite and PostgreSQL alike, with 10 departments as with 2: 16 when the page's rows
    # are built (the rows' data versions, their lights' cells, 2 for their history), 13 when
    # they come from the row cache (screening/rowcache.py).
    cache.clear()
    with django_assert_num_queries(16):
        client.get(url)
    with django_assert_num_queries(13):
        client.get(url)
    template = list(IndicatorValue.objects.filter(department=sw.dept_a2))
    new = [DepartmentFactory(organisation=sw.org_a, number=100 + i) for i in range(8)]
    IndicatorValue.objects.bulk_create(
        IndicatorValue(
            indicator_id=v.indicator_id, department=d, year=v.year, value=v.value, source="t"
        )
        for d in new
        for v in template
    )
    screen(department_ids=[d.id for d in new])
    with django_assert_num_queries(16):  # the 8 new rows are built
        response = client.get(url)
    assert len(response.context["listing"].page.object_list) == 10
    cache.clear()
    with django_assert_num_queries(16):
        client.get(url)
    with django_assert_num_queries(13):
        response = client.get(url)
    assert len(response.context["listing"].page.object_list) == 10


def test_a_rescreen_after_an_import_is_shown_not_the_cached_row(sw, client_for):
    from boligsocial.screening.engine import rescreen
    from boligsocial.screening.models import Indicator, IndicatorValue, Light

    client = client_for("head_a")
    year = Light.objects.filter(department=sw.dept_a1).order_by("-year").first().year
    url = reverse("screening:scorecard", args=[sw.org_a.pk]) + f"?aar={year}&sort=name"

    def tbody():
        page = client.get(url).content.decode()
        return page[page.index("<tbody>") : page.index("</tbody>")]

    before = tbody()
    assert tbody() == before  # from the cache
    indicator = Indicator.objects.get(code="rent_arrears")
    value = IndicatorValue.objects.get(department=sw.dept_a1, indicator=indicator, year=year)
    value.value = Decimal("77.7")
    value.save()
    rescreen(department_ids=[sw.dept_a1.pk], years=[year])
    after = tbody()
    assert "77,7" in after and "77,7" not in before


def test_department_page_shows_light_charts_and_twins(sw, client_for):
    response = _get(client_for("admin"), "department", sw.dept_a1.pk)
    context = response.context
    assert context["year"] == 2024
    assert context["light"]["colour"] == "red"
    assert context["light"]["score"] == "94,4"
    assert context["light"]["follow_up"] == "Handlingsplan og opfølgning hvert kvartal"
    assert context["light"]["analysis"][0].startswith("I 2024 er 8 af 9 indikatorer røde")
    assert len(context["blocks"]) == 13
    assert [h["year"] for h in context["colour_history"]] == [2022, 2023, 2024]
    # Betabakken (80 residents) has its register figures suppressed: too little to compare.
    assert [t.department.name for t in context["twins"]] == ["Alfahaven", "Betagården"]
    assert context["twins"][0].distance <= context["twins"][-1].distance
    assert response.content.decode().count('<svg role="img"') == 13


def test_department_board_sees_no_twins_outside_its_department(sw, client_for):
    response = _get(client_for("dept_board_a1"), "department", sw.dept_a1.pk)
    assert response.context["twins"] == []
    assert _get(client_for("dept_board_a1"), "department", sw.dept_a2.pk).status_code == 404


def test_suppressed_values_are_not_shown(sw, client_for):
    response = _get(client_for("staff_b"), "department", sw.dept_b_other.pk)
    cells = {b.indicator.code: b.cell for b in response.context["blocks"]}
    assert cells["outside_work_education"].suppressed is True
    assert cells["outside_work_education"].display == ""
    assert "47,0" not in response.content.decode()


def test_area_page_shows_statutory_status_with_distances(sw, client_for):
    response = _get(client_for("staff_a"), "area", sw.area_shared.pk)
    status = response.context["status"]
    assert status["status"].lists == ["udsat", "parallelsamfund", "omdannelse"]
    by_name = {c.name: c for c in status["criteria"]}
    assert by_name["beskaeftigelse"].met is True
    assert by_name["beskaeftigelse"].distance_pp == "3,0"  # 43.0 - 40
    assert by_name["beboere"].value == "2.420"
    assert [h["year"] for h in response.context["status_history"]][:3] == [2024, 2023, 2022]
    # staff_a sees only its own department of the shared area
    assert [d.name for d in response.context["departments"]] == ["Alfaparken"]


def test_municipality_view_counts_per_organisation(sw, client_for):
    response = _get(client_for("municipal"), "municipality", 751)
    rows = {
        r["name"]: (r["red"], r["yellow"], r["green"], r["total"])
        for r in response.context["organisations"]
    }
    assert rows == {"Boligselskabet Alfa": (1, 1, 0, 2), "Boligforeningen Beta": (0, 0, 1, 1)}
    assert [s["status"].area.name for s in response.context["statuses"]] == [
        "Fællesområdet",
        "Haveområdet",
    ]
    assert "Alfaparken" not in response.content.decode()  # aggregates only


def test_statutory_lists_filter_and_csv(sw, client_for):
    client = client_for("admin")
    response = _get(client, "statutory_lists")
    lists = {
        entry["key"]: [r["status"].area.name for r in entry["rows"]]
        for entry in response.context["lists"]
    }
    assert lists == {
        "udsat": ["Fællesområdet"],
        "parallelsamfund": ["Fællesområdet"],
        "omdannelse": ["Fællesområdet"],
        "forebyggelse": ["Haveområdet"],
    }
    only_aalborg = _get(client, "statutory_lists", kommune="851")
    assert [r["status"].area.name for r in only_aalborg.context["rows"]] == ["Nordområdet"]
    csv_response = _get(client, "statutory_lists_csv", kommune="751")
    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    assert csv_response["Content-Disposition"] == (
        'attachment; filename="lovbestemte-lister-2024-751.csv"'
    )
    lines = csv_response.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 3
    assert all(len(line.split(";")) == 28 for line in lines)
    first = lines[1].split(";")
    assert first[:3] == ["2024", "Fællesområdet", "Aarhus"]
    assert first[5] == ""  # "beboere" has no distance in percentage points
    assert first[7] == "3,0"  # beskaeftigelse: 43.0 - 40


def test_statutory_lists_csv_ignores_a_municipality_the_user_cannot_see(sw, client_for):
    response = _get(client_for("staff_a"), "statutory_lists_csv", kommune="851")
    names = [line.split(";")[1] for line in response.content.decode("utf-8-sig").splitlines()[1:]]
    assert names == ["Fællesområdet", "Haveområdet"]


def test_index_redirects_to_the_chosen_scorecard_and_refuses_a_forged_one(sw, client_for):
    client = client_for("staff_a")
    response = _get(client, "index", organisation=str(sw.org_a.pk), aar="2023")
    assert response.status_code == 302
    assert response["Location"] == reverse("screening:scorecard", args=[sw.org_a.pk]) + "?aar=2023"
    forged = _get(client, "index", organisation=str(sw.org_b.pk))
    assert forged.status_code == 200
    assert forged.context["error"] is True
    assert [o.name for o in forged.context["organisations"]] == ["Boligselskabet Alfa"]


def test_smoke(sw, client_for):
    c = client_for("admin")
    for name, args in [
        ("index", ()),
        ("scorecard", (sw.org_a.pk,)),
        ("department", (sw.dept_a1.pk,)),
        ("department_report", (sw.dept_a1.pk,)),
        ("organisation_report", (sw.org_a.pk,)),
        ("area", (sw.area_shared.pk,)),
        ("municipality", (751,)),
        ("statutory_lists", ()),
        ("statutory_lists_csv", ()),
    ]:
        r = _get(c, name, *args)
        assert r.status_code == 200, name


@pytest.mark.parametrize(
    ("persona", "a1", "a2", "exact"),
    [
        # evictions per 1,000 leases in 2024, 100 leases each: 6.0 (0.6 -> 1 eviction) and 1.0
        ("head_a", "6,0", "1,0", True),
        ("board_a", "x", "x", False),
        ("municipal", "x", "x", False),
    ],
)
def test_the_municipality_sees_department_lights_with_small_counts_hidden(
    sw, client_for, persona, a1, a2, exact
):
    # item 17: the municipality sees every department's light and values in its municipality;
    # a rate that gives away 1..4 evictions reads "x" for those who are not staff
    response = _get(client_for(persona), "scorecard", sw.org_a.pk, sort="name")
    assert response.status_code == 200
    assert response.context["exact"] is exact
    html = response.content.decode()
    codes = [i.code for i in selectors.light_indicators()]
    rows = {}
    for tr in html[html.index("<tbody>") : html.index("</tbody>")].split("<tr>")[1:]:
        name = tr.split('<th scope="row" class="sticky-col"><a href="')[1].split(">")[1]
        cells = tr.split('<td class="cell nowrap">')[1:]
        # the cell of evictions_per_1000 (vulnerability_score, from the analyses, comes after it)
        rows[name.split("<")[0]] = cells[codes.index("evictions_per_1000")]
    assert set(rows) == {"Alfaparken", "Alfahaven"}
    for name, expected in (("Alfaparken", a1), ("Alfahaven", a2)):
        if expected == "x":
            assert 'class="suppressed"' in rows[name] and ">x<" in rows[name]
        else:
            assert f"</span>{expected}</span>" in rows[name]
    # the lights themselves are shown to all three
    assert html.count('<span class="tl tl-') >= 2 * 12


@pytest.mark.parametrize(
    ("persona", "display", "trend"), [("head_a", "6,0", "worse"), ("municipal", "", "")]
)
def test_the_department_page_hides_a_rate_of_a_small_count_from_the_municipality(
    sw, client_for, persona, display, trend
):
    # 6.0 evictions per 1,000 of 100 leases is 1 eviction: hidden ("–") for the municipality,
    # its value, trend and chart points; the light and the other values stay
    response = _get(client_for(persona), "department", sw.dept_a1.pk)
    assert response.status_code == 200
    blocks = {b.indicator.code: b for b in response.context["blocks"]}
    evictions = blocks["evictions_per_1000"]
    assert (evictions.cell.display, evictions.cell.trend) == (display, trend)
    assert blocks["outside_work_education"].cell.display == "43,1"
    own = {c.code: c.display for c in response.context["own_cells"]}
    assert own["evictions_per_1000"] == display
    assert response.context["light"]["colour"] == sw.light_a1.colour


@pytest.mark.parametrize(
    ("persona", "ascending", "descending"),
    [
        ("head_a", ["Alfahaven", "Alfaparken"], ["Alfaparken", "Alfahaven"]),
        # hidden values go last in both directions: their order would tell them
        ("municipal", ["Alfaparken", "Alfahaven"], ["Alfaparken", "Alfahaven"]),
    ],
)
def test_sorting_by_a_hidden_rate_tells_nothing(sw, client_for, persona, ascending, descending):
    client = client_for(persona)
    up = _get(client, "scorecard", sw.org_a.pk, sort="evictions_per_1000")
    down = _get(client, "scorecard", sw.org_a.pk, sort="-evictions_per_1000")
    assert (_names(up), _names(down)) == (ascending, descending)


def test_the_organisation_report_hides_a_rate_of_a_small_count_from_the_municipality(
    sw, client_for
):
    shown = {}
    for persona in ("head_a", "municipal"):
        response = _get(client_for(persona), "organisation_report", sw.org_a.pk)
        rows = {r.department.name: r for r in response.context["rows"]}
        shown[persona] = [c.display for c in rows["Alfaparken"].cells if c.code.startswith("evic")]
    assert shown == {"head_a": ["6,0"], "municipal": [""]}


def test_cached_rows_follow_the_viewer_class_and_the_housing_data(sw, client_for):
    def tbody(persona):
        page = _get(client_for(persona), "scorecard", sw.org_a.pk, sort="name").content.decode()
        return page[page.index("<tbody>") : page.index("</tbody>")]

    staff, municipal = tbody("head_a"), tbody("municipal")
    value = "</span>6,0</span>"  # dept_a1's evictions per 1,000 leases
    assert value in staff and value not in municipal  # one row cache, two viewer classes
    assert tbody("head_a") == staff
    Department.objects.filter(pk=sw.dept_a1.pk).update(name="Alfaparken Nord")
    assert "Alfaparken Nord" in tbody("head_a")
    Department.objects.filter(pk=sw.dept_a1.pk).update(lease_count=1000)  # 6.0 -> 6 evictions
    assert value in tbody("municipal")
