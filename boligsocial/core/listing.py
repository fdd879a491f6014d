"""Sorting, searching, filtering and paginating list pages the same way everywhere.

`build_listing` reads `q` (free-text search), `sort` and `page` from the query string, and the
filters of a django-filter FilterSet when one is given: the same FilterSet the app's API uses,
so a filter means the same on the page and in the API. Only whitelisted sort keys are used, so a
forged parameter falls back to the default order instead of failing; an invalid filter value is
ignored on a page (the API answers it with a 400).

Every sort and page link keeps the search and the filters in use (`Listing.params`), so sorting
a filtered list or turning its page never loses the filter.

    listing = build_listing(
        request, visible_cases(user),
        filterset_class=CaseFilter,      # its filters are read from the query string
        search_filter="search",          # the FilterSet filter that `q` feeds
        fixed={"deadline": "overdue"},   # given by the page itself: applied, not in links
        columns=CASE_COLUMNS, default_sort="-received",
    )
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

PER_PAGE = 25
MAX_QUERY_LENGTH = 100


@dataclass
class SortColumn:
    key: str
    label: str
    order_by: tuple[str, ...]
    url: str = ""
    direction: str = ""  # "ascending" / "descending" / "" (for aria-sort)


@dataclass
class Listing:
    page: Page
    query: str
    sort: str
    columns: dict[str, SortColumn] = field(default_factory=dict)
    base_params: dict[str, str] = field(default_factory=dict)  # search, filters and sort in use
    page_param: str = "page"
    filterset: object = None  # the bound FilterSet, if the list has one
    filter_params: dict[str, str] = field(default_factory=dict)  # the filters in use

    def url_for_page(self, number: int) -> str:
        return "?" + urlencode({**self.base_params, self.page_param: number})

    @property
    def previous_url(self) -> str:
        return self.url_for_page(self.page.number - 1) if self.page.has_previous() else ""

    @property
    def next_url(self) -> str:
        return self.url_for_page(self.page.number + 1) if self.page.has_next() else ""

    @property
    def filters_active(self) -> bool:
        """A search or a filter narrows the list (the page says so when it is empty)."""
        return bool(self.query or self.filter_params)


def _filter(request, queryset, filterset_class, *, query, search_filter, fixed, defaults, kwargs):
    """The FilterSet bound to the query string (plus `q` as its search, plus `fixed`, plus
    `defaults` when the query string names no filter), the filtered queryset and the filter
    parameters to keep in links (never the defaults: they apply again on the next page)."""
    names = list(filterset_class.base_filters)
    data = request.GET.copy()
    if not any(name in request.GET for name in names if name != search_filter):
        for name, value in defaults.items():
            data[name] = value
    if search_filter:
        data[search_filter] = query
    for name, value in fixed.items():
        data[name] = value
    filterset = filterset_class(data=data, queryset=queryset, request=request, **kwargs)
    kept = {
        name: value
        for name in names
        if name not in fixed
        and name != search_filter
        and (value := request.GET.get(name, "").strip())
    }
    return filterset, filterset.qs, kept


def build_listing(
    request,
    queryset: QuerySet,
    *,
    search_fields: tuple[str, ...] = (),
    columns: tuple[SortColumn, ...] = (),
    default_sort: str = "",
    per_page: int = PER_PAGE,
    param_prefix: str = "",
    filterset_class=None,
    filterset_kwargs: dict | None = None,
    search_filter: str = "",
    fixed: dict[str, str] | None = None,
    defaults: dict[str, str] | None = None,
) -> Listing:
    """`search_fields` (icontains, OR-ed) or a FilterSet's `search_filter` answer `q`.
    `defaults`: filter values used while the query string names none of the FilterSet's filters
    (e.g. only open cases until the user chooses otherwise).
    `param_prefix` names the parameters of a second list on one page (no FilterSet there)."""
    if filterset_class is not None and param_prefix:
        raise ValueError("a list with a prefix has no FilterSet")
    q_param, sort_param, page_param = (f"{param_prefix}{n}" for n in ("q", "sort", "page"))
    query = request.GET.get(q_param, "").strip()[:MAX_QUERY_LENGTH]
    if query and search_fields:
        condition = Q()
        for name in search_fields:
            condition |= Q(**{f"{name}__icontains": query})
        queryset = queryset.filter(condition)
    filterset, kept = None, {}
    if filterset_class is not None:
        filterset, queryset, kept = _filter(
            request,
            queryset,
            filterset_class,
            query=query,
            search_filter=search_filter,
            fixed=fixed or {},
            defaults=defaults or {},
            kwargs=filterset_kwargs or {},
        )

    by_key = {c.key: c for c in columns}
    sort = request.GET.get(sort_param, default_sort)
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    if key not in by_key:
        sort, key, descending = default_sort, default_sort.lstrip("-"), default_sort.startswith("-")
    if key in by_key:
        order = by_key[key].order_by
        queryset = queryset.order_by(*(f"-{o}" if descending else o for o in order))

    params = {q_param: query} if query else {}
    params.update(kept)
    for column in columns:
        is_current = column.key == key
        next_sort = f"-{column.key}" if is_current and not descending else column.key
        column.url = "?" + urlencode({**params, sort_param: next_sort})
        column.direction = ("descending" if descending else "ascending") if is_current else ""
    if sort:
        params[sort_param] = sort

    paginator = Paginator(queryset, per_page)
    page = paginator.get_page(request.GET.get(page_param))
    return Listing(
        page=page,
        query=query,
        sort=sort,
        columns=by_key,
        base_params=params,
        page_param=page_param,
        filterset=filterset,
        filter_params=kept,
    )
