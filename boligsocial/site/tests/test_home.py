"""The home page: the user's roles and the tiles of the apps, in the apps' order; the navigation
entries per persona."""

import re

import pytest
from django.urls import reverse

from boligsocial.cases.tests.factories import cases_world
from boligsocial.screening.tests.factories import screening_world


@pytest.fixture
def full_world(world, personas):
    cases_world(world, personas)
    screening_world(world)
    return world


def _counts(**given) -> dict[str, int]:
    return {"red": 0, "yellow": 0, "green": 0, "none": 0, **given}


def _tile_headings(body: str) -> list[str]:
    return re.findall(r'<h2 id="tile-([a-z_]+)">', body)


@pytest.mark.parametrize(
    ("persona", "tiles"),
    [
        ("staff_a", ["case_counts", "traffic_lights", "analysis_coverage", "housing"]),
        ("board_a", ["case_counts", "traffic_lights", "analysis_coverage", "housing"]),
        (
            "head_a",
            ["case_counts", "traffic_lights", "analysis_coverage", "housing", "people_review"],
        ),
        (
            "admin",
            ["case_counts", "traffic_lights", "analysis_coverage", "housing", "people_review"],
        ),
        ("nobody", []),
    ],
)
def test_home_shows_the_tiles_in_the_apps_order(full_world, client_for, persona, tiles):
    response = client_for(persona).get(reverse("site:home"))
    assert response.status_code == 200
    assert [t.key for t in response.context["tiles"]] == tiles
    assert _tile_headings(response.content.decode()) == tiles


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        # the world's 2024 lights: dept_a1 red, dept_a2 yellow, both of B's departments green
        ("dept_board_a1", {"year": 2024, "counts": _counts(red=1), "total": 1}),
        ("staff_a", {"year": 2024, "counts": _counts(red=1, yellow=1), "total": 2}),
        ("admin", {"year": 2024, "counts": _counts(red=1, yellow=1, green=2), "total": 4}),
    ],
)
def test_the_traffic_light_tile_counts_the_users_departments(
    full_world, client_for, persona, expected
):
    response = client_for(persona).get(reverse("site:home"))
    assert response.context["traffic_lights"] == expected
    assert f'href="{reverse("screening:index")}"' in response.content.decode()


def test_the_people_tile_counts_the_board_members_due_for_review(full_world, client_for, personas):
    from datetime import timedelta

    from django.utils import timezone

    from boligsocial.organisations.models import Membership

    response = client_for("head_a").get(reverse("site:home"))
    assert response.context["people_review"] == {"due": 0}
    two_years_ago = timezone.localdate() - timedelta(days=730)
    Membership.objects.filter(user=personas["board_a"]).update(appointed_on=two_years_ago)
    response = client_for("head_a").get(reverse("site:home"))
    assert response.context["people_review"] == {"due": 1}
    assert f'href="{reverse("accounts:review")}"' in response.content.decode()
    assert client_for("staff_a").get(reverse("site:home")).context["people_review"] is None


def test_nobody_gets_no_tiles_but_the_explanation(full_world, client_for):
    response = client_for("nobody").get(reverse("site:home"))
    assert response.context["case_counts"] is None
    assert response.context["traffic_lights"] is None
    assert response.context["housing"] is None
    assert "You have no role yet" in response.content.decode() or (
        "Du har endnu ingen rolle" in response.content.decode()
    )


@pytest.mark.parametrize(
    ("persona", "keys"),
    [
        (
            "staff_a",
            [
                "home",
                "municipality",
                "organisation",
                "area",
                "screening",
                "cases",
                "analyses",
                "visits",
                "surveys",
                "walks",
                "catalogue",
                "plans",
                "coordination",
                "reports",
                "reports-economics",
                "imports",  # a plan's budget lines and logs (decision 0044)
            ],
        ),
        ("nobody", ["home"]),
    ],
)
def test_navigation_entries_come_from_the_apps_in_order(full_world, client_for, persona, keys):
    items = client_for(persona).get(reverse("site:home")).context["nav_items"]
    assert [i.key for i in items] == keys


def _menu(response) -> list:
    return [
        (e.key, [i.key for i in e.items]) if getattr(e, "is_group", None) else e.key
        for e in response.context["nav_menu"]
    ]


def test_the_menu_groups_entries_in_submenus_and_shows_a_lone_member_on_its_own(
    full_world, client_for
):
    staff = client_for("staff_a").get(reverse("site:home"))
    assert _menu(staff) == [
        "home",
        "municipality",
        "organisation",
        "area",
        "screening",
        "cases",
        ("fieldwork", ["analyses", "visits", "surveys", "walks"]),
        ("efforts", ["catalogue", "plans", "coordination", "reports", "reports-economics"]),
        "imports",  # the data group's only entry for a social worker shows alone
    ]
    caretaker = client_for("caretaker_a").get(reverse("site:home"))
    assert _menu(caretaker)[6:] == [
        ("fieldwork", ["visits", "walks"]),
        ("efforts", ["catalogue", "plans"]),
    ]

    admin = client_for("admin").get(reverse("site:home"))
    assert _menu(admin)[-1] == ("data", ["imports", "accounts", "admin"])
    html = admin.content.decode()
    assert html.count('aria-controls="desktopmenu-efforts"') == 1
    assert html.count('aria-controls="mobilemenu-efforts"') == 1
    assert "<span>Indsatser og planer</span>" in html


def test_a_group_of_one_entry_shows_the_entry_alone():
    from boligsocial.core.contributions import NavItem
    from boligsocial.site.navigation import menu

    a, b, c = (NavItem(k, k, f"/{k}/") for k in "abc")
    assert menu([("", a), ("fieldwork", b), ("data", c)]) == [a, b, c]


def test_a_group_that_is_not_known_stops_the_menu(full_world, client_for, monkeypatch):
    from boligsocial.plans import nav

    monkeypatch.setattr(nav, "GROUP", "misc", raising=False)
    with pytest.raises(ValueError, match=r"plans\.nav\.GROUP 'misc'"):
        client_for("staff_a").get(reverse("site:home"))


def test_the_admin_entry_is_for_staff_administrators_only(full_world, client_for, personas):
    items = client_for("admin").get(reverse("site:home")).context["nav_items"]
    assert [(i.key, i.url) for i in items][-1] == ("admin", reverse("admin:index"))
    personas["admin"].is_staff = False
    personas["admin"].save()
    items = client_for("admin").get(reverse("site:home")).context["nav_items"]
    assert "admin" not in [i.key for i in items]


@pytest.mark.parametrize(
    ("url_name", "kwargs", "active"),
    [
        ("site:home", {}, "home"),
        ("organisations:municipality_list", {}, "municipality"),
        ("organisations:department", {"pk": "dept_a1"}, "organisation"),
        ("organisations:area_list", {}, "area"),
        ("screening:index", {}, "screening"),
        ("cases:list", {}, "cases"),
    ],
)
def test_the_current_entry_is_marked(full_world, client_for, url_name, kwargs, active):
    kwargs = {k: getattr(full_world, v).pk for k, v in kwargs.items()}
    response = client_for("staff_a").get(reverse(url_name, kwargs=kwargs))
    assert response.context["nav_active"] == active
    assert response.content.decode().count('aria-current="page"><span>') == 2  # bar and drawer
