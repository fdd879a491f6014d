"""Survey results no one can be identified from (pure; issue 15, part 5; decision 0032).

Every figure goes through `core.disclosure` — for every viewer, staff included:

1. *Groups*: the organisation (the survey), its municipalities (when the departments lie in
   more than one), the departments and, within a department with more than one building, the
   buildings. Their respondent counts are cells of sum relations (organisation = Σ departments,
   municipality = Σ its departments, organisation = Σ municipalities, department = Σ
   buildings) and are protected together: a group of fewer than k households is hidden
   ("<k"), and so is every further group that would give it away (secondary suppression: the
   department that is the organisation minus the others), top down (`protect_tree`) so that
   no chain of relations (organisation → department → buildings) narrows a hidden group.
2. *Per question* (and the index): the counts of households that answered it are protected over
   the same relations, starting from the groups hidden in step 1 (`protect_tree(hidden=...)`), so a
   question skipped by many cannot reveal a small group either.
3. A shown group shows the distribution of its answers, the share in the favourable end
   (choices scoring below 50, e.g. "meget tryg" and "tryg"; "ved ikke" left out) with a 95 %
   Wilson interval, and its index. A hidden group shows nothing but its mark.
4. Free-text answers are given only for shown departments (at least k households; a comment
   is not a count, so the question's own answered count need not reach k), and only when the
   caller asks (it shows them to the social unit only).
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from functools import cached_property

from boligsocial.core import disclosure
from boligsocial.core.disclosure import protect_tree
from boligsocial.guides import scoring
from boligsocial.guides.spec import TEXT, Guide
from boligsocial.surveys import index as survey_index

ORG = ("org",)
Z95 = 1.959963984540054
FAVOURABLE_BELOW = Decimal(50)


@dataclass(frozen=True)
class DepartmentInfo:
    id: int
    label: str
    municipality_code: int
    municipality: str
    buildings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Share:
    count: int
    base: int
    percent: Decimal
    low: Decimal
    high: Decimal


@dataclass(frozen=True)
class ChoiceResult:
    """A choice's households out of the question's (its share computed when read)."""

    value: str
    label: str
    count: int
    base: int

    @cached_property
    def share(self) -> Share:
        return wilson(self.count, self.base)


@dataclass(frozen=True)
class QuestionResult:
    """`counts`: (households in the favourable end, households with a scored answer)."""

    key: str
    answered: disclosure.Figure | None
    choices: tuple[ChoiceResult, ...] = ()
    counts: tuple[int, int] | None = None

    @cached_property
    def favourable(self) -> Share | None:
        return wilson(*self.counts) if self.counts and self.counts[1] else None


@dataclass
class GroupResult:
    key: Hashable
    label: str
    level: str
    respondents: disclosure.Figure
    index: Decimal | None = None
    index_households: disclosure.Figure | None = None
    questions: dict[str, QuestionResult] = field(default_factory=dict)
    texts: dict[str, list[str]] = field(default_factory=dict)

    @property
    def shown(self) -> bool:
        return self.respondents.shown


@dataclass
class Results:
    groups: list[GroupResult]
    k: int

    def by_key(self) -> dict[Hashable, GroupResult]:
        return {g.key: g for g in self.groups}


def _q(value: float) -> Decimal:
    return Decimal(str(value * 100)).quantize(Decimal("0.1"), rounding=ROUND_HALF_EVEN)


def wilson(count: int, base: int) -> Share:
    """The share count/base in per cent with its 95 % Wilson score interval."""
    if base <= 0:
        raise ValueError("a share needs a base above 0")
    p = count / base
    z2 = Z95 * Z95
    centre = (p + z2 / (2 * base)) / (1 + z2 / base)
    half = Z95 * math.sqrt(p * (1 - p) / base + z2 / (4 * base * base)) / (1 + z2 / base)
    return Share(count, base, _q(p), _q(max(0.0, centre - half)), _q(min(1.0, centre + half)))


def layout(departments: Sequence[DepartmentInfo]):
    """The groups (key → (label, level)) and the sum relations between them, top down: every
    relation's total is the root or a part of an earlier relation."""
    groups: dict[Hashable, tuple[str, str]] = {ORG: ("", "organisation")}
    relations = []
    municipalities: dict[int, list[DepartmentInfo]] = defaultdict(list)
    for d in departments:
        municipalities[d.municipality_code].append(d)
    if len(municipalities) > 1:
        relations.append(
            disclosure.Relation(ORG, tuple(("muni", code) for code in sorted(municipalities)))
        )
        for code, members in sorted(municipalities.items()):
            groups[("muni", code)] = (members[0].municipality, "municipality")
            relations.append(
                disclosure.Relation(("muni", code), tuple(("dept", d.id) for d in members))
            )
    else:
        relations.append(disclosure.Relation(ORG, tuple(("dept", d.id) for d in departments)))
    for d in departments:
        groups[("dept", d.id)] = (d.label, "department")
        if len(d.buildings) > 1:
            parts = tuple(("bldg", d.id, b) for b in d.buildings)
            for b in d.buildings:
                groups[("bldg", d.id, b)] = (b, "building")
            relations.append(disclosure.Relation(("dept", d.id), parts))
    return groups, relations


def _group_keys(department_id: int, building: str, departments, muni_groups: bool):
    d = departments[department_id]
    keys = [ORG, ("dept", department_id)]
    if muni_groups:
        keys.append(("muni", d.municipality_code))
    if len(d.buildings) > 1 and building in d.buildings:
        keys.append(("bldg", department_id, building))
    return keys


@dataclass
class Tally:
    """The raw counts of one survey's answers per group (not for display: `publish` protects
    them). Cached per survey and answers version by the selectors."""

    groups: dict
    relations: list
    respondents: dict
    answered: dict
    chosen: dict
    favourable: dict
    indexes: dict
    free: dict


def _household(values, keys, scores, conditional, by_key) -> Decimal | None:
    """`index.household_index` with the guide's maps computed once per tally (same result:
    tested against it)."""
    total = Decimal(0)
    n = 0
    for key in keys:
        value = values.get(key)
        if value is None or key not in by_key:
            continue
        if key in conditional and not scoring.is_shown(by_key[key], values, by_key):
            continue
        picked = value if isinstance(value, list) else (value,)
        found = [scores[key][v] for v in picked if v in scores[key]]
        if found:
            total += survey_index.HUNDRED - max(found)
            n += 1
    return total / n if n else None


class _Cells:
    """Numbers for the counted cells of one tally: ("answered", question), ("chosen",
    question, value), ("favourable", question, yes/no). A leaf counts them in a flat list."""

    def __init__(self, questions):
        self.ids: dict[tuple, int] = {}
        for q in questions:
            self.id(("answered", q.key))
            for c in q.choices:
                self.id(("chosen", q.key, c.value))
            self.id(("favourable", q.key, True))
            self.id(("favourable", q.key, False))

    def id(self, key: tuple) -> int:
        found = self.ids.get(key)
        if found is None:
            found = self.ids[key] = len(self.ids)
        return found


def _contribution(values: Mapping, questions, index_keys, scores, conditional, by_key, cells):
    """What one household adds to its groups: (its index or None, the numbers of the cells it
    counts in, the (question, text) of its free texts)."""
    household = _household(values, index_keys, scores, conditional, by_key)
    counted, free = [], []
    for q in questions:
        value = values.get(q.key)
        if value is None or value == "" or value == []:
            continue
        if q.key in conditional and not scoring.is_shown(q, values, by_key):
            continue
        counted.append(cells.id(("answered", q.key)))
        if q.type == TEXT:
            free.append((q.key, str(value)))
            continue
        picked = value if isinstance(value, list) else (value,)
        counted.extend(cells.id(("chosen", q.key, v)) for v in picked)
        found = [scores[q.key][v] for v in picked if v in scores[q.key]]
        if found:
            counted.append(cells.id(("favourable", q.key, max(found) < FAVOURABLE_BELOW)))
    return household, tuple(counted), tuple(free)


@dataclass
class _Leaf:
    """The counts of one (department, building) before they are added to its groups."""

    counts: list
    respondents: int = 0
    indexes: list = field(default_factory=list)
    free: list = field(default_factory=list)


def tally(
    guide: Guide,
    rows: Iterable[tuple[int, str, Mapping | str]],
    *,
    departments: Sequence[DepartmentInfo],
    index_keys: Sequence[str] = (),
) -> Tally:
    """Count the submitted answers `rows` ((department id, building, answers as a mapping or
    as JSON text)) per group. Each distinct JSON text is read and scored once; the counts are
    gathered per (department, building) in a flat list and then added to that leaf's groups."""
    groups, relations = layout(departments)
    by_dept = {d.id: d for d in departments}
    muni_groups = any(key[0] == "muni" for key in groups)
    questions = guide.questions()
    by_key = {q.key: q for q in questions}
    scores = {
        q.key: {c.value: c.score for c in q.choices if c.score is not None} for q in questions
    }
    conditional = {q.key for q in questions if q.show_if_key}
    cells = _Cells(questions)
    seen: dict[str, tuple] = {}
    leaves: dict[tuple, _Leaf] = {}
    for department_id, building, values in rows:
        if department_id not in by_dept:
            continue
        part = seen.get(values) if isinstance(values, str) else None
        if part is None:
            loaded = json.loads(values) if isinstance(values, str) else values
            part = _contribution(loaded, questions, index_keys, scores, conditional, by_key, cells)
            if isinstance(values, str):
                seen[values] = part
        leaf = leaves.get((department_id, building))
        if leaf is None:
            leaf = leaves[(department_id, building)] = _Leaf([0] * len(cells.ids))
        household, counted, texts = part
        leaf.respondents += 1
        if household is not None:
            leaf.indexes.append(household)
        counts = leaf.counts
        if len(counts) < len(cells.ids):  # a value the guide does not list
            counts.extend([0] * (len(cells.ids) - len(counts)))
        for cell in counted:
            counts[cell] += 1
        if texts:
            leaf.free.extend(texts)
    names = list(cells.ids)
    respondents: dict[Hashable, int] = dict.fromkeys(groups, 0)
    answered: dict[str, dict[Hashable, int]] = {q.key: dict.fromkeys(groups, 0) for q in questions}
    chosen: dict[tuple, int] = defaultdict(int)  # (question, group, value) → households
    favourable: dict[tuple, list[int]] = {}  # (question, group) → [favourable, scored]
    indexes: dict[Hashable, list[Decimal]] = defaultdict(list)
    free: dict[tuple, list[str]] = defaultdict(list)
    for (department_id, building), leaf in leaves.items():
        keys = _group_keys(department_id, building, by_dept, muni_groups)
        present = [(names[i], n) for i, n in enumerate(leaf.counts) if n]
        for key in keys:
            respondents[key] += leaf.respondents
            indexes[key].extend(leaf.indexes)
            for name, n in present:
                if name[0] == "answered":
                    answered[name[1]][key] += n
                elif name[0] == "chosen":
                    chosen[(name[1], key, name[2])] += n
                else:
                    cell = favourable.setdefault((name[1], key), [0, 0])
                    cell[1] += n
                    cell[0] += n if name[2] else 0
            if key[0] == "dept":
                for qkey, text in leaf.free:
                    free[(qkey, key)].append(text)
    return Tally(
        groups, relations, respondents, answered, dict(chosen), favourable,
        {key: v for key, v in indexes.items() if v}, dict(free),
    )  # fmt: skip


def publish(
    guide: Guide, counts: Tally, *, organisation_label: str, k: int, texts: bool = False
) -> Results:
    """The protected results of a tally (module doc); free texts only when `texts`."""
    k = disclosure.check_min_count(k)
    groups, relations = counts.groups, counts.relations
    questions = guide.questions()
    figures = protect_tree(counts.respondents, relations, k=k)
    hidden = [key for key, f in figures.items() if f.suppressed]
    index_counts = {key: len(counts.indexes.get(key, ())) for key in groups}
    index_figures = protect_tree(index_counts, relations, k=k, hidden=hidden)
    question_figures = {
        q.key: protect_tree(counts.answered[q.key], relations, k=k, hidden=hidden)
        for q in questions
    }
    out = []
    for key, (label, level) in groups.items():
        result = GroupResult(
            key=key,
            label=label or organisation_label,
            level=level,
            respondents=figures[key],
            index_households=index_figures[key],
        )
        out.append(result)
        if not figures[key].shown:
            continue
        if index_figures[key].shown and counts.indexes.get(key):
            result.index, _n = survey_index.group_index(counts.indexes[key])
        for q in questions:
            fig = question_figures[q.key][key]
            if q.type == TEXT and texts and key[0] == "dept":
                # a comment is not a count: it is shown for a shown department of at least k
                found = counts.free.get((q.key, key), [])
                if found:
                    result.texts[q.key] = sorted(found)
            if not fig.shown or not fig.value:
                result.questions[q.key] = QuestionResult(q.key, fig)
                continue
            choices = ()
            if q.type != TEXT:
                choices = tuple(
                    ChoiceResult(
                        c.value, c.label, counts.chosen.get((q.key, key, c.value), 0), fig.value
                    )
                    for c in q.choices
                )
            fav = counts.favourable.get((q.key, key))
            result.questions[q.key] = QuestionResult(
                q.key, fig, choices, tuple(fav) if fav and fav[1] else None
            )
    return Results(out, k)


def compute(
    guide: Guide,
    rows: Iterable[tuple[int, str, Mapping]],
    *,
    departments: Sequence[DepartmentInfo],
    organisation_label: str,
    k: int,
    index_keys: Sequence[str] = (),
    texts: bool = False,
) -> Results:
    """`tally` and `publish` in one step."""
    counts = tally(guide, rows, departments=departments, index_keys=index_keys)
    return publish(guide, counts, organisation_label=organisation_label, k=k, texts=texts)


# --- stored form (models.ResultGroup; selectors) ------------------------------------------


def _fig_out(f: disclosure.Figure | None):
    return None if f is None else [f.status, f.value]


def _fig_in(data, k: int) -> disclosure.Figure | None:
    return None if data is None else disclosure.Figure(data[0], data[1], k)


def key_out(key: Hashable) -> str:
    return json.dumps(list(key), ensure_ascii=False)


def key_in(text: str) -> tuple:
    return tuple(json.loads(text))


def stored(group: GroupResult) -> tuple[dict, dict]:
    """(summary, detail) of a group as JSON: the overview's figures (respondents, index and
    each question's favourable counts) and the per-question counts with the free texts
    (counts, not shares: the shares are computed for the groups a page shows)."""
    summary = {
        "label": group.label,
        "respondents": _fig_out(group.respondents),
        "index": None if group.index is None else str(group.index),
        "index_households": _fig_out(group.index_households),
        "favourable": {key: q.counts for key, q in group.questions.items() if q.counts},
    }
    detail = {
        "questions": {
            key: {
                "answered": _fig_out(q.answered),
                "choices": [[c.value, c.count] for c in q.choices],
                "favourable": q.counts,
            }
            for key, q in group.questions.items()
        },
        "texts": group.texts,
    }
    return summary, detail


def from_stored(
    key: tuple, level: str, summary: dict, detail: dict | None, *, k: int, labels: Mapping,
    texts: bool,
) -> GroupResult:  # fmt: skip
    """The group again (`detail` None: the overview only, each question with its favourable
    counts and no choices). `labels`: {(question key, choice value): label}."""
    group = GroupResult(
        key=key,
        label=summary["label"],
        level=level,
        respondents=_fig_in(summary["respondents"], k),
        index=None if summary["index"] is None else Decimal(summary["index"]),
        index_households=_fig_in(summary["index_households"], k),
    )
    if detail is None:
        for qkey, counts in summary["favourable"].items():
            group.questions[qkey] = QuestionResult(qkey, None, counts=tuple(counts))
        return group
    for qkey, q in detail["questions"].items():
        answered = _fig_in(q["answered"], k)
        group.questions[qkey] = QuestionResult(
            qkey,
            answered,
            tuple(
                ChoiceResult(value, labels.get((qkey, value), value), count, answered.value)
                for value, count in q["choices"]
            ),
            tuple(q["favourable"]) if q["favourable"] else None,
        )
    if texts:
        group.texts = detail["texts"]
    return group
