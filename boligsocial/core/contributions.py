"""What an app hands the `site` app: its navigation entries and its dashboard tiles.

An app contributes by a module of its own, found by discovery (`boligsocial.site.discovery`) with
a checked interface, the way `demo.py` modules contribute demo data:

* `<app>/nav.py`: `ORDER: int`, `NAMESPACE: str` (its URL namespace) and
  `items(user, scope) -> list[NavItem]`; optionally `active_key(url_name) -> str`, the key of the
  entry that is current on a page of the namespace (default: NAMESPACE).
* `<app>/dashboard.py`: `ORDER: int`, `KEY: str`, `TEMPLATE: str` and
  `data(user, scope) -> dict | None` (None: no tile for this user).

`scope` is `boligsocial.organisations.access.scope(user)`, computed once per request by the site
app. The two types live here, in core, so an app never imports the site app above it.
"""

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class NavItem:
    key: str  # marks the entry as current (aria-current) on the pages it covers
    label: str
    url: str


@dataclass(frozen=True)
class Tile:
    """One tile of the home page: `template` is rendered with `tile` (this object) in context."""

    key: str
    template: str
    data: dict[str, Any] = field(default_factory=dict)


# --- contribution hooks between capabilities ---------------------------------------------------
# A lower app's page may show what a higher app knows without importing it: the higher app
# registers a provider in its AppConfig.ready(), the lower one asks the registry here.


@dataclass(frozen=True)
class Recommendation:
    """One recommended intervention for a department (the catalogue's answer to screening)."""

    title: str
    url: str
    evidence: str  # "A", "B/C", ... or "" (not rated)
    reason: str  # "rettet mod: andel ... (rød siden 2022)"


_RECOMMENDATION_PROVIDERS: list = []
_BULK_RECOMMENDATION_PROVIDERS: dict = {}  # provider -> its bulk form
_INTERVENTION_USE_PROVIDERS: list = []


def register_recommendation_provider(provider, *, bulk=None) -> None:
    """`provider(*, user, department, year) -> list[Recommendation]`; `bulk` (optional):
    `bulk(*, user, departments, year) -> {department_id: list[Recommendation]}`, the same
    answer for many departments at once (used by `recommendations_for_departments`)."""
    if provider not in _RECOMMENDATION_PROVIDERS:
        _RECOMMENDATION_PROVIDERS.append(provider)
    if bulk is not None:
        _BULK_RECOMMENDATION_PROVIDERS[provider] = bulk


def recommendations_for(*, user, department, year) -> list[Recommendation]:
    """What the registered providers recommend for `department` in `year` (empty without any)."""
    if year is None:
        return []
    found: list[Recommendation] = []
    for provider in _RECOMMENDATION_PROVIDERS:
        found.extend(provider(user=user, department=department, year=year))
    return found


def recommendations_for_departments(*, user, departments, year) -> dict[int, list]:
    """`recommendations_for` of each of `departments`, by department id, through each
    provider's bulk form where it has one (a constant number of queries)."""
    departments = list(departments)
    found: dict[int, list[Recommendation]] = {d.pk: [] for d in departments}
    if year is None:
        return found
    for provider in _RECOMMENDATION_PROVIDERS:
        bulk = _BULK_RECOMMENDATION_PROVIDERS.get(provider)
        if bulk is None:
            for d in departments:
                found[d.pk].extend(provider(user=user, department=d, year=year))
            continue
        for department_id, recommendations in bulk(
            user=user, departments=departments, year=year
        ).items():
            found[department_id].extend(recommendations)
    return found


@dataclass(frozen=True)
class InterventionUse:
    """A department where an intervention ran, from its first year (the plans' answer to the
    catalogue's outcome panel)."""

    department_id: int
    first_year: int


def register_intervention_use_provider(provider) -> None:
    """`provider(intervention_id: int) -> list[InterventionUse]`."""
    if provider not in _INTERVENTION_USE_PROVIDERS:
        _INTERVENTION_USE_PROVIDERS.append(provider)


def intervention_uses(intervention_id: int) -> list[InterventionUse]:
    """Where the intervention ran (the earliest first year per department)."""
    first: dict[int, int] = {}
    for provider in _INTERVENTION_USE_PROVIDERS:
        for use in provider(intervention_id):
            year = first.get(use.department_id)
            first[use.department_id] = use.first_year if year is None else min(year, use.first_year)
    return [InterventionUse(d, y) for d, y in sorted(first.items())]


@dataclass(frozen=True)
class InterventionPanel:
    """What a higher app adds to a catalogue intervention's outcome panel (the economics' stored
    effect measurements): `template` is rendered with `panel` (this object) in context, as a
    Tile; `data` is plain data computed by the provider (templates compute nothing)."""

    key: str
    template: str
    data: dict[str, Any] = field(default_factory=dict)


_INTERVENTION_PANEL_PROVIDERS: list = []


def register_intervention_panel_provider(provider) -> None:
    """`provider(*, user, intervention) -> InterventionPanel | None`; it is asked for a user who
    sees the intervention's page and applies its own rules to what it adds."""
    if provider not in _INTERVENTION_PANEL_PROVIDERS:
        _INTERVENTION_PANEL_PROVIDERS.append(provider)


def intervention_panels(*, user, intervention) -> list[InterventionPanel]:
    found = []
    for provider in _INTERVENTION_PANEL_PROVIDERS:
        panel = provider(user=user, intervention=intervention)
        if panel is not None:
            found.append(panel)
    return found


# --- retention jobs ----------------------------------------------------------------------------
# The daily retention task of cases (cases.tasks.anonymise_closed_cases, enqueued by
# `manage.py cases_daily`) also runs the retention of the apps above it, which register here.

_RETENTION_JOBS: dict[str, object] = {}


def register_retention_job(name: str, job) -> None:
    """`job(now=None, dry_run=False) -> int` (how many records it deleted or would delete)."""
    _RETENTION_JOBS[name] = job


def run_retention_jobs(*, now=None, dry_run: bool = False) -> dict[str, int]:
    return {name: job(now=now, dry_run=dry_run) for name, job in sorted(_RETENTION_JOBS.items())}


# --- coordination (issue 17): what the field work and the surveys add to the picture ----------


@dataclass(frozen=True)
class PlaceSignal:
    """A weakness another app knows of a department or an area (a low safety score from a safety
    walk, a low survey score). `weak` marks the place as needing an effort in the gap rule."""

    department_id: int | None
    area_id: int | None
    code: str  # "safety", "survey", ...
    label: str  # Danish, shown as the gap's reason
    weak: bool = True


@dataclass(frozen=True)
class MapLayer:
    """An extra layer of the coordination map: `features` are GeoJSON Point features (dicts with
    "geometry" and "properties": at least "name" and "text", the Danish line for the table)."""

    key: str
    label: str
    features: tuple = ()


_PLACE_SIGNAL_PROVIDERS: list = []
_MAP_LAYER_PROVIDERS: list = []


def register_place_signal_provider(provider) -> None:
    """`provider(*, municipality_code: int) -> list[PlaceSignal]`."""
    if provider not in _PLACE_SIGNAL_PROVIDERS:
        _PLACE_SIGNAL_PROVIDERS.append(provider)


def place_signals(*, municipality_code: int) -> list[PlaceSignal]:
    found: list[PlaceSignal] = []
    for provider in _PLACE_SIGNAL_PROVIDERS:
        found.extend(provider(municipality_code=municipality_code))
    return found


def register_map_layer_provider(provider) -> None:
    """`provider(*, user, municipality_code: int) -> list[MapLayer]` (the provider applies its
    own access rules for `user`)."""
    if provider not in _MAP_LAYER_PROVIDERS:
        _MAP_LAYER_PROVIDERS.append(provider)


def map_layers(*, user, municipality_code: int) -> list[MapLayer]:
    found: list[MapLayer] = []
    for provider in _MAP_LAYER_PROVIDERS:
        found.extend(provider(user=user, municipality_code=municipality_code))
    return found
