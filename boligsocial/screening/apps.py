import os
import sys

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def polars_threads(cpus: int | None) -> int:
    """polars' thread pool for this process: half the CPUs, at least one. A full screen runs as
    a pipeline of its own (a reader, the thread that computes with polars, a writer and the
    database's two processes, decision 0012); on 2 cores a second polars thread only competes
    with them (P1 took 5-8 % longer with it)."""
    return max(1, (cpus or 1) // 2)


class ScreeningConfig(AppConfig):
    name = "boligsocial.screening"
    label = "screening"
    verbose_name = _("Screening")

    def ready(self) -> None:
        # polars reads POLARS_MAX_THREADS once, when it is first imported; the screening imports
        # it lazily, after this. An operator's own setting wins.
        if "polars" not in sys.modules:
            os.environ.setdefault("POLARS_MAX_THREADS", str(polars_threads(os.cpu_count())))
        from boligsocial.core import permissions
        from boligsocial.screening import (
            access,
            signals,  # noqa: F401 (connects the receivers)
        )
        from boligsocial.screening.engine import render_analyses
        from boligsocial.screening.models import Light

        permissions.register(access.can, actions=access.ACTIONS)
        # `Light.analysis` renders through the engine, which imports the models (not back)
        Light.render_analyses = staticmethod(render_analyses)
