"""The screening engine, the one door into the screening's computations.

Other code calls only what is exported here; the modules inside are the engine's own:

* `pipeline.py`: `screen()`, from stored values to stored lights and statutory statuses;
* `rescreening.py`: `rescreen()` after values changed (`screening.feeds`),
  `rescreen_after_import()` after an import batch;
* `reproduction.py`: `reproduce()`, a stored light recomputed with the rules it recorded;
* `analysis.py`: `render_analyses()`, the Danish analysis of stored lights, rendered when read
  (`Light.analysis`), and `blank_cached_analyses()`;
* `rule_sets.py`: reading and saving the versioned legend sets and weight sets.

Inside: `config.py` (what a screen screens with), `reading.py` and `writing.py` (the database),
`single.py` (one scope, by the pure rules of `trafficlight/`), `bulk.py` (many scopes at once,
vectorised: the same rules, tested equal), `statuses.py` (the statutory lists' rows) and
`scaled.py` (the values as integers x 10,000). Decision 0016.
"""

from boligsocial.screening.engine.analysis import blank_cached_analyses, render_analyses
from boligsocial.screening.engine.pipeline import ScreenStats, screen
from boligsocial.screening.engine.reproduction import Reproduced, reproduce
from boligsocial.screening.engine.rescreening import rescreen, rescreen_after_import
from boligsocial.screening.engine.rule_sets import (
    RangeInput,
    current_legends,
    legend_used,
    pure_ranges,
    save_new_version,
    save_new_weight_set,
)

__all__ = [
    "RangeInput",
    "Reproduced",
    "ScreenStats",
    "blank_cached_analyses",
    "current_legends",
    "legend_used",
    "pure_ranges",
    "render_analyses",
    "reproduce",
    "rescreen",
    "rescreen_after_import",
    "save_new_version",
    "save_new_weight_set",
    "screen",
]
