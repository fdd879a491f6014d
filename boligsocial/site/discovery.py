"""Finding the modules our apps contribute to the site (`demo`, `nav`, `dashboard`), with a
checked interface: a module that lacks a required name, or has one of the wrong type, stops the
start with ImproperlyConfigured instead of failing later on some page.

`core` and `site` contribute none: core is the ground floor the contributions are written in,
and the site app is the one that collects them."""

import importlib
from collections.abc import Callable, Mapping
from types import ModuleType

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import module_has_submodule

#: Apps whose modules of these names are not contributions (see the module docstring).
NOT_CONTRIBUTORS = frozenset({"boligsocial.core", "boligsocial.site"})

#: A required name: its type, or `callable` for a function.
Requirement = type | tuple[type, ...] | Callable


def check_module(module: ModuleType, required: Mapping[str, Requirement]) -> ModuleType:
    """`module` if it defines every required name with the required type, else
    ImproperlyConfigured naming what is missing."""
    problems = []
    for name, kind in required.items():
        value = getattr(module, name, None)
        ok = callable(value) if kind is callable else isinstance(value, kind)
        if isinstance(value, bool) and kind is int:  # True is an int to Python, not to us
            ok = False
        if not ok:
            wanted = "a function" if kind is callable else getattr(kind, "__name__", str(kind))
            problems.append(f"{name} ({wanted})")
    if problems:
        raise ImproperlyConfigured(f"{module.__name__} must define {', '.join(problems)}.")
    return module


def app_modules(submodule: str, required: Mapping[str, Requirement]) -> list[ModuleType]:
    """The `<app>.<submodule>` modules of our installed apps, checked, sorted by ORDER (then
    name)."""
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("boligsocial.") or config.name in NOT_CONTRIBUTORS:
            continue
        if not module_has_submodule(config.module, submodule):
            continue
        module = importlib.import_module(f"{config.name}.{submodule}")
        found.append(check_module(module, required))
    return sorted(found, key=lambda m: (m.ORDER, m.__name__))
