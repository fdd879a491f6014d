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
