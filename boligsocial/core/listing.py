"""Sorting, searching and paginating list pages the same way everywhere.

`Listing` reads `q`, `sort` and `page` from the query string; only whitelisted sort keys are
used, so a forged parameter falls back to the default order instead of failing."""

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
    base_params: dict[str, str] = field(default_factory=dict)
    page_param: str = "page"

    def url_for_page(self, number: int) -> str:
        return "?" + urlencode({**self.base_params, self.page_param: number})

    @property
    def previous_url(self) -> str:
        return self.url_for_page(self.page.number - 1) if self.page.has_previous() else ""

    @property
    def next_url(self) -> str:
        return self.url_for_page(self.page.number + 1) if self.page.has_next() else ""


def build_listing(
    request,
    queryset: QuerySet,
    *,
    search_fields: tuple[str, ...] = (),
    columns: tuple[SortColumn, ...] = (),
    default_sort: str = "",
    per_page: int = PER_PAGE,
    param_prefix: str = "",
) -> Listing:
    q_param, sort_param, page_param = (f"{param_prefix}{n}" for n in ("q", "sort", "page"))
    query = request.GET.get(q_param, "").strip()[:MAX_QUERY_LENGTH]
    if query and search_fields:
        condition = Q()
        for name in search_fields:
            condition |= Q(**{f"{name}__icontains": query})
        queryset = queryset.filter(condition)

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
    )
