"""The import kinds of the installed apps, found by discovery (as `core.demo.demo_modules`).

Every app of ours may declare kinds in its module `boligsocial.<app>.import_kinds`, which defines

    KINDS: tuple[core.importkinds.ImportKind, ...]

Each kind's `code` (stored in ImportBatch.kind) and `slug` (in URLs) must be unique across apps;
a module that breaks the interface is an ImproperlyConfigured error at the first look-up. The
apps are found once per process, in INSTALLED_APPS order; the pages list kinds by `order`."""

import importlib

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import module_has_submodule

from boligsocial.core.importkinds import ImportKind

MODULE = "import_kinds"

# slug -> kind and code -> kind; filled on first use (tests may monkeypatch entries).
BY_SLUG: dict[str, ImportKind] = {}
BY_CODE: dict[str, ImportKind] = {}


def kind_modules() -> list:
    modules = []
    for config in apps.get_app_configs():
        if config.name.startswith("boligsocial.") and module_has_submodule(config.module, MODULE):
            modules.append(importlib.import_module(f"{config.name}.{MODULE}"))
    return modules


def discover() -> None:
    found: list[ImportKind] = []
    for module in kind_modules():
        kinds = getattr(module, "KINDS", None)
        if not isinstance(kinds, tuple) or not all(isinstance(k, ImportKind) for k in kinds):
            raise ImproperlyConfigured(f"{module.__name__} must define KINDS: tuple[ImportKind].")
        found.extend(kinds)
    by_slug: dict[str, ImportKind] = {}
    by_code: dict[str, ImportKind] = {}
    for kind in found:
        if kind.slug in by_slug or kind.code in by_code:
            raise ImproperlyConfigured(
                f"Import kind {kind.code!r}/{kind.slug!r} is declared twice."
            )
        by_slug[kind.slug] = kind
        by_code[kind.code] = kind
    BY_SLUG.clear()
    BY_SLUG.update(by_slug)
    BY_CODE.clear()
    BY_CODE.update(by_code)


def _ensure() -> None:
    if not BY_SLUG:
        discover()


def kinds() -> list[ImportKind]:
    """Every kind, in page order."""
    _ensure()
    return sorted(BY_SLUG.values(), key=lambda k: (k.order, k.slug))


def by_slug(slug: str) -> ImportKind | None:
    _ensure()
    return BY_SLUG.get(slug)


def by_code(code: str) -> ImportKind | None:
    _ensure()
    return BY_CODE.get(code)


def label_of(code: str) -> str:
    kind = by_code(code)
    return str(kind.label) if kind else code


def kinds_for(user) -> list[ImportKind]:
    """The kinds `user` may import."""
    return [kind for kind in kinds() if kind.may_import(user)]
