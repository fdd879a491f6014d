"""core.listing: search, sort and pages, with a FilterSet whose parameters every sort and page
link keeps. Built on Django's own User model, so core's test needs none of our apps."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django_filters import rest_framework as filters

from boligsocial.core.listing import SortColumn, build_listing

User = get_user_model()
COLUMNS = (
    SortColumn("name", "Name", ("username",)),
    SortColumn("joined", "Joined", ("date_joined", "id")),
)


class UserFilter(filters.FilterSet):
    active = filters.BooleanFilter(field_name="is_active")
    staff = filters.BooleanFilter(field_name="is_staff")
    pick = filters.ChoiceFilter(field_name="username", choices=[("user1", "user1")])
    search = filters.CharFilter(field_name="username", lookup_expr="icontains")

    class Meta:
        model = User
        fields = ["active", "staff", "pick", "search"]


@pytest.fixture
def users(db):
    for i in range(7):
        User.objects.create(username=f"user{i}", is_active=i != 3, is_staff=i % 2 == 0)
    return User.objects.order_by("id")


def _listing(query: dict, **kwargs):
    request = RequestFactory().get("/liste/", query)
    options = {"columns": COLUMNS, "default_sort": "name", "per_page": 2}
    return build_listing(request, User.objects.all(), **{**options, **kwargs})


def _params(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def _names(listing) -> list[str]:
    return [u.username for u in listing.page.object_list]


def test_filters_narrow_the_list_and_stay_in_every_sort_and_page_link(users):
    listing = _listing(
        {"active": "true", "staff": "true", "q": "user", "sort": "-name"},
        filterset_class=UserFilter,
        search_filter="search",
    )
    assert _names(listing) == ["user6", "user4"]
    assert listing.page.paginator.count == 4  # user0, 2, 4, 6
    assert listing.filter_params == {"active": "true", "staff": "true"}
    assert _params(listing.columns["name"].url) == {
        "q": ["user"],
        "active": ["true"],
        "staff": ["true"],
        "sort": ["name"],  # the current column, other way round
    }
    assert _params(listing.columns["joined"].url) == {
        "q": ["user"],
        "active": ["true"],
        "staff": ["true"],
        "sort": ["joined"],
    }
    assert _params(listing.next_url) == {
        "q": ["user"],
        "active": ["true"],
        "staff": ["true"],
        "sort": ["-name"],
        "page": ["2"],
    }
    assert listing.columns["name"].direction == "descending"
    assert listing.filters_active is True


def test_q_feeds_the_filtersets_search_and_a_search_parameter_of_its_own_is_not_used(users):
    listing = _listing(
        {"q": "user5", "search": "user1"}, filterset_class=UserFilter, search_filter="search"
    )
    assert _names(listing) == ["user5"]
    assert listing.query == "user5"
    assert listing.filter_params == {}
    assert _params(listing.columns["name"].url) == {"q": ["user5"], "sort": ["-name"]}


def test_an_invalid_filter_value_is_ignored_on_a_page(users):
    listing = _listing({"active": "maybe", "staff": "false"}, filterset_class=UserFilter)
    assert listing.page.paginator.count == 3  # user1, user3, user5: "active" ignored
    assert listing.filterset.errors == {}  # a BooleanFilter reads "maybe" as unknown: no error
    assert listing.filter_params == {"active": "maybe", "staff": "false"}


def test_a_value_the_filter_refuses_is_ignored_and_the_others_still_apply(users):
    listing = _listing({"pick": "nope", "staff": "false"}, filterset_class=UserFilter)
    assert list(listing.filterset.errors) == ["pick"]
    assert listing.page.paginator.count == 3
    assert _listing({"pick": "user1"}, filterset_class=UserFilter).page.paginator.count == 1


def test_a_fixed_filter_applies_but_is_not_in_the_links(users):
    listing = _listing({"staff": "true"}, filterset_class=UserFilter, fixed={"active": "false"})
    assert listing.page.paginator.count == 0  # user3 is inactive but not staff
    listing = _listing({}, filterset_class=UserFilter, fixed={"active": "false"})
    assert _names(listing) == ["user3"]
    assert listing.filter_params == {}
    assert _params(listing.columns["joined"].url) == {"sort": ["joined"]}
    assert listing.filters_active is False


def test_a_forged_sort_falls_back_to_the_default(users):
    listing = _listing({"sort": "password"})
    assert listing.sort == "name"
    assert _names(listing) == ["user0", "user1"]
    assert listing.columns["name"].direction == "ascending"


def test_search_fields_without_a_filterset(users):
    listing = _listing({"q": "USER2"}, search_fields=("username",))
    assert _names(listing) == ["user2"]
    assert listing.base_params == {"q": "USER2", "sort": "name"}
    assert listing.filterset is None


def test_a_prefixed_list_has_no_filterset():
    request = RequestFactory().get("/")
    with pytest.raises(ValueError, match="prefix"):
        build_listing(request, User.objects.none(), param_prefix="x_", filterset_class=UserFilter)
