"""The gap rule (issue 17, part 3), pure.

A place (a department or a housing area) **needs an effort** when at least one of these holds:

* its traffic light is red or yellow (the latest light);
* its area is on a § 61a list (`on_lists`) or the forecast has it entering one next year
  (`approaching`);
* its vulnerability analysis is weak: the `vulnerability_score` indicator is red in the light;
* another source reports it weak (`signals`: e.g. a low safety score from the safety walks or a
  survey, registered through `core.contributions.register_place_signal_provider`).

It is **covered** when an effort in the period covers it (the effort's place is the place itself,
covers one of its departments, or is the whole municipality) and is aimed at one of the themes of
its red indicators; a place with no red indicator theme (yellow only, a list or a signal) is
covered by any effort there. A place that needs an effort and is not covered is a gap, with
its reasons and the themes no effort is aimed at.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Signal:
    code: str  # e.g. "safety"
    label: str  # Danish: "Lav tryghedsscore (tryghedsvandring 2026: 2,1 af 5)"


@dataclass(frozen=True)
class PlaceState:
    place: tuple  # ("department", id) or ("area", id)
    departments: frozenset[int]  # the place's departments ({id} for a department)
    colour: str | None = None  # "red" | "yellow" | "green" | None (no light)
    red_themes: tuple[str, ...] = ()
    on_lists: tuple[str, ...] = ()
    approaching: tuple[str, ...] = ()
    weak_analysis: bool = False
    signals: tuple[Signal, ...] = ()


@dataclass(frozen=True)
class Cover:
    """An effort as the gap rule sees it (already limited to the period)."""

    place: tuple
    departments: frozenset[int]
    themes: frozenset[str]

    @property
    def covers_all(self) -> bool:
        return self.place[0] == "municipality"


@dataclass(frozen=True)
class Reason:
    code: str  # "light" | "list" | "forecast" | "analysis" | a signal's code
    detail: str = ""  # the colour, the list names, the signal's label


@dataclass(frozen=True)
class Gap:
    place: tuple
    reasons: tuple[Reason, ...]
    missing_themes: tuple[str, ...] = field(default=())


def reasons(state: PlaceState) -> tuple[Reason, ...]:
    found = []
    if state.colour in ("red", "yellow"):
        found.append(Reason("light", state.colour))
    if state.on_lists:
        found.append(Reason("list", ", ".join(state.on_lists)))
    if state.approaching:
        found.append(Reason("forecast", ", ".join(state.approaching)))
    if state.weak_analysis:
        found.append(Reason("analysis"))
    found.extend(Reason(s.code, s.label) for s in state.signals)
    return tuple(found)


def covers(cover: Cover, state: PlaceState) -> bool:
    return (
        cover.covers_all
        or cover.place == state.place
        or bool(cover.departments & state.departments)
    )


def is_aimed(cover: Cover, state: PlaceState) -> bool:
    return not state.red_themes or bool(cover.themes & set(state.red_themes))


def gap(state: PlaceState, covers_here: Iterable[Cover]) -> Gap | None:
    why = reasons(state)
    if not why:
        return None
    present = [c for c in covers_here if covers(c, state)]
    if any(is_aimed(c, state) for c in present):
        return None
    aimed = set().union(*(c.themes for c in present)) if present else set()
    missing = tuple(t for t in state.red_themes if t not in aimed)
    return Gap(place=state.place, reasons=why, missing_themes=missing)


def find_gaps(states: Iterable[PlaceState], efforts: Iterable[Cover]) -> list[Gap]:
    """The gaps among `states`, in their order. Efforts are indexed by department and place, so
    each place looks only at the efforts that can cover it."""
    efforts = list(efforts)
    wide = [c for c in efforts if c.covers_all]
    by_key: dict[tuple, list[Cover]] = {}
    for c in efforts:
        if c.covers_all:
            continue
        by_key.setdefault(c.place, []).append(c)
        for department in c.departments:
            by_key.setdefault(("d", department), []).append(c)
    found = []
    for state in states:
        near = list(wide)
        near.extend(by_key.get(state.place, ()))
        for department in state.departments:
            near.extend(by_key.get(("d", department), ()))
        result = gap(state, near)
        if result is not None:
            found.append(result)
    return found
