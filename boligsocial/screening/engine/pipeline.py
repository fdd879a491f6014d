"""Screening: from stored indicator values to stored traffic lights and statutory statuses.

`screen()` reads the values of the departments/areas asked for, runs the traffic-light rules
(`trafficlight/`) and the statutory rules (`statutory.py`) and replaces their `Light` and
`StatutoryStatus` rows. Built for screening all of Denmark at once (benchmark P1, decisions
0005, 0010, 0012 and 0014):

* the values are read per chunk of scopes straight into a polars frame (`reading.read_frame`),
  already scaled to integers (value x 10,000, `scaled.py`) so that every rule is exact;
* `bulk.light_rows` computes the lights of a chunk vectorised; `single.compute_scope` computes
  them for one scope by calling the pure `trafficlight` rules (small screens, e.g. re-screening
  a department, and what the bulk path does not take); the two give the same rows (tested);
* the legends, weights and policies are read once (`config.load_config`);
* results are written with one DELETE and a bulk insert per chunk (`writing.py`);
* outside a transaction, the chunks run as a pipeline: read on a second connection, compute
  here, write on a writer thread (`_pipelined`);
* the Danish analysis is **not** written here: `Light.analysis` renders it from the stored
  facts and the comparison figures when it is first read (`analysis.py`). A screen writes fresh
  rows with a blank text.

`screen(department_ids=..., area_ids=...)`: with both None everything is screened; if only one
is given, only those scopes are (no areas when only departments are asked for). `years`
restricts the years stored; all years are read, because trend, direction and "since" look back.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from boligsocial.organisations.models import Area, Department
from boligsocial.screening.engine.config import load_config
from boligsocial.screening.engine.reading import (
    grouped,
    id_batches,
    read_frame,
    read_national,
    read_values,
    values_by_scope,
)
from boligsocial.screening.engine.single import compute_scope, with_derived_ratio
from boligsocial.screening.engine.statuses import area_statuses, statutory_ids
from boligsocial.screening.engine.writing import (
    adapt_now,
    bulk_rows,
    delete_rows,
    result_rows,
    write_lights,
)
from boligsocial.screening.models import Light, PublishedListMembership, StatutoryStatus

CHUNK = 2_000  # departments per chunk of a screen (the first and last: a quarter of it)


@dataclass(frozen=True)
class ScreenStats:
    departments: int = 0
    areas: int = 0
    lights: int = 0
    statuses: int = 0
    seconds: float = 0.0


def screen(
    department_ids: Iterable[int] | None = None,
    area_ids: Iterable[int] | None = None,
    years: Iterable[int] | None = None,
) -> ScreenStats:
    """Compute and store the lights (and the areas' statutory statuses); see the module doc.

    Called outside any transaction (a full screen from the command line, the task, the
    benchmark), more than one chunk of departments is screened as a pipeline (`_pipelined`);
    inside a transaction (e.g. re-screening after an import in the import's transaction) the
    values may be uncommitted, so everything is read through this thread's connection."""
    started = time.perf_counter()
    parallel = not connection.in_atomic_block
    if department_ids is None and area_ids is None:
        dept_ids: list[int] | None = None
        area_list: list[int] | None = None
        do_departments = do_areas = True
    else:
        dept_ids = sorted(set(department_ids or ()))
        area_list = sorted(set(area_ids or ()))
        do_departments, do_areas = bool(dept_ids), bool(area_list)
    year_set = None if years is None else set(years)
    with transaction.atomic():
        cfg = load_config()
        national = read_national()
        now = adapt_now()
        departments = lights = 0
        area_results: list[tuple[int, int, int]] = []

        def screen_areas() -> None:
            area_results.append(_screen_areas(cfg, area_list, year_set, national, now))

        meanwhile = screen_areas if do_areas else None
        if do_departments:
            departments, lights = _screen_departments(
                cfg, dept_ids, year_set, national, now, parallel, meanwhile
            )
        if do_areas and not area_results:  # not screened while the departments' pipeline read
            screen_areas()
        areas, area_lights, statuses = area_results[0] if area_results else (0, 0, 0)
        lights += area_lights
    return ScreenStats(departments, areas, lights, statuses, time.perf_counter() - started)


def _scope_chunks(ids: list[int], explicit: bool):
    """Read arguments per chunk of scope ids: an id list, or a BETWEEN range of all ids. When
    there is more than one chunk, the first and the last are a quarter of the others: the
    pipeline's writer starts sooner, and less is left to write when the computing is done."""
    if len(ids) <= CHUNK:
        batches = [ids] if ids else []
    else:
        q = max(1, CHUNK // 4)
        batches = [ids[:q], *id_batches(ids[q:-q], CHUNK), ids[-q:]]
    for batch in batches:
        if explicit:
            yield {"ids": batch}
        else:
            yield {"between": (batch[0], batch[-1])}


SMALL = 2_000  # values: fewer than this are screened by the single path (no polars overhead)
SMALL_SCOPES = 10  # departments asked for: up to this many are read and screened in plain Python


def _compute_chunk(cfg, column, frame, scopes, policies, years, national, now):
    """(rows, number of scopes) for one chunk: a frame of LIGHT_COLUMNS from the bulk path, or
    a list of row tuples from the single path for small chunks (a re-screen of a department),
    and for what the bulk path does not take (`bulk.handles`: values too large for 64-bit
    arithmetic, too many indicators, years so far apart that its grid would be mostly empty).
    Both give the same rows (tested)."""
    import boligsocial.screening.engine.bulk as bulk  # polars, imported when first needed

    if frame.is_empty():
        return None, 0
    if frame.height >= SMALL and bulk.handles(cfg, frame):
        frame = frame.join(scopes.select("s"), on="s", how="semi")
        frame = bulk.with_derived_ratio(cfg, frame, national)
        lights = bulk.light_rows(cfg, frame, scopes, policies, years)
        count = frame.get_column("s").n_unique()
        return bulk_rows(column, lights, cfg.weight_set_id, now), count
    policy_of = dict(scopes.iter_rows())
    rows: list[tuple] = []
    count = 0
    for scope_id, values in values_by_scope(frame):
        if scope_id not in policy_of:
            continue
        with_derived_ratio(cfg, values, national)
        p = policy_of[scope_id]
        policy = cfg.policy(None if p == -1 else p)
        results = compute_scope(cfg, values, policy, years)
        rows.extend(result_rows(column, scope_id, results, cfg, now))
        count += 1
    return rows, count


def _screen_departments(
    cfg, dept_ids, years, national, now, parallel, meanwhile=None
) -> tuple[int, int]:
    """(departments, lights). `meanwhile`: work for this thread's connection that the pipeline
    runs while its reader reads the first chunks (the areas); not run on the other paths."""
    import polars as pl

    import boligsocial.screening.engine.bulk as bulk

    departments = lights = 0
    depts = Department.objects.order_by("id").values_list("id", "organisation_id")
    if dept_ids is not None:
        meta = []
        for batch in id_batches(dept_ids):
            meta.extend(depts.filter(id__in=batch))
    else:
        meta = list(depts)
    delete_rows(Light, "department_id", dept_ids, years)
    if not meta:
        return 0, 0
    if dept_ids is not None and len(meta) <= SMALL_SCOPES:  # e.g. re-screening one department
        organisation_of = dict(meta)
        rows: list[tuple] = []
        for scope_id, values in grouped(read_values("department_id", list(organisation_of))):
            with_derived_ratio(cfg, values, national)
            policy = cfg.policy(organisation_of[scope_id])
            results = compute_scope(cfg, values, policy, years)
            rows.extend(result_rows("department_id", scope_id, results, cfg, now))
            departments += 1
        return departments, write_lights(rows)
    with_policy = {k for k in cfg.policies if k is not None}
    scopes_all = pl.DataFrame(
        [(d, org if org in with_policy else -1) for d, org in meta],
        schema={"s": pl.Int64, "p": pl.Int64},
        orient="row",
    )
    policies = bulk.policy_frames(cfg)
    ids = [d for d, _ in meta]
    chunks = list(_scope_chunks(ids, dept_ids is not None))

    def compute(frame):
        return _compute_chunk(
            cfg, "department_id", frame, scopes_all, policies, years, national, now
        )

    if parallel and len(chunks) > 1:
        return _pipelined(chunks, compute, meanwhile)
    for args in chunks:
        rows, count = compute(read_frame("department_id", **args))
        if rows is not None:
            lights += write_lights(rows)
            departments += count
    return departments, lights


def _pipelined(chunks: list[dict], compute, meanwhile=None) -> tuple[int, int]:
    """Read, compute and write the chunks as a pipeline on three threads (benchmark P1): a
    reader with its own database connection reads chunk k + 1 while this thread computes chunk
    k (polars, without the GIL) and a writer inserts chunk k - 1 through this thread's
    connection, i.e. inside the screen's transaction. Only when the screen is the outermost
    transaction: the reader sees committed values only (`screen(parallel=...)`). This thread
    does not use its connection until the writer is done."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections

    connection.ensure_connection()
    raw = connection.connection  # the writer's: this thread's connection, in the transaction
    departments = lights = 0
    reader = ThreadPoolExecutor(1, thread_name_prefix="screen-read")
    writer = ThreadPoolExecutor(1, thread_name_prefix="screen-write")
    try:
        pending = reader.submit(read_frame, "department_id", **chunks[0])
        if meanwhile is not None:
            meanwhile()  # this thread's connection is free until the first write
        written = None
        for k in range(len(chunks)):
            frame = pending.result()
            if k + 1 < len(chunks):
                pending = reader.submit(read_frame, "department_id", **chunks[k + 1])
            rows, count = compute(frame)
            if written is not None:
                lights += written.result()
                written = None
            if isinstance(rows, list):  # a small chunk by the single path: multi-row INSERTs
                lights += write_lights(rows)  # here, the writer being idle
                departments += count
            elif rows is not None:
                written = writer.submit(write_lights, rows, raw)
                departments += count
        if written is not None:
            lights += written.result()
    finally:
        writer.shutdown(wait=True)
        reader.submit(connections.close_all).result()  # the reader thread's connection
        reader.shutdown(wait=True)
    return departments, lights


def _screen_areas(cfg, area_ids, years, national, now) -> tuple[int, int, int]:
    import polars as pl

    import boligsocial.screening.engine.bulk as bulk

    qs = Area.objects.values_list("id", flat=True)
    if area_ids is not None:
        qs = qs.filter(id__in=area_ids)
    meta = sorted(qs)
    published: dict[int, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    memberships = PublishedListMembership.objects.filter(area_id__in=meta)
    for area_id, year, name in memberships.values_list("area_id", "year", "list"):
        published[area_id][year].add(name)
    field_ids = statutory_ids()
    delete_rows(Light, "area_id", None if area_ids is None else meta, years)
    status_qs = StatutoryStatus.objects.filter(area_id__in=meta)
    if years is not None:
        status_qs = status_qs.filter(year__in=sorted(years))
    status_qs.delete()
    if not meta:
        return 0, 0, 0
    frame = read_frame("area_id", ids=meta)
    scopes = pl.DataFrame({"s": meta, "p": [-1] * len(meta)}, schema={"s": pl.Int64, "p": pl.Int64})
    rows, _count = _compute_chunk(
        cfg, "area_id", frame, scopes, bulk.policy_frames(cfg), years, national, now
    )
    lights = 0 if rows is None else write_lights(rows)
    statuses: list[StatutoryStatus] = []
    aware_now = timezone.now()
    seen: set[int] = set()
    for area_id, values in values_by_scope(frame):
        seen.add(area_id)
        with_derived_ratio(cfg, values, national)
        statuses.extend(area_statuses(area_id, values, published.get(area_id, {}), national,
                                  field_ids, years, aware_now))  # fmt: skip
    for area_id in set(published) - seen:
        statuses.extend(
            area_statuses(area_id, {}, published[area_id], national, field_ids, years, aware_now)
        )
    StatutoryStatus.objects.bulk_create(statuses, batch_size=500)
    return len(meta), lights, len(statuses)
