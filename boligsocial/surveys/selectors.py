"""Reads shared by the survey pages, the API and the dashboard (on querysets that already went
through `access`): response rates and the protected results (results.py)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Q, TextField
from django.db.models.functions import Cast

from boligsocial.guides.spec import in_language
from boligsocial.surveys import results as rules
from boligsocial.surveys.models import Invitation, ResultGroup, Survey, SurveyAnswer

CACHE_SECONDS = 60 * 60


@dataclass(frozen=True)
class Rate:
    label: str
    invited: int
    answered: int

    @property
    def percent(self) -> Decimal | None:
        if not self.invited:
            return None
        return (Decimal(100 * self.answered) / self.invited).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_EVEN
        )


def response_rates(survey: Survey) -> dict:
    """Invited and answered households, in total, per department and per building (two
    queries). A response rate is not a result (it says who answered, not what): staff see it
    exactly, to plan reminders."""
    rows = (
        Invitation.objects.filter(survey=survey)
        .values("department_id", "department__number", "department__name", "building")
        .annotate(invited=Count("id"), answered=Count("id", filter=Q(answered=True)))
        .order_by("department__number", "building")
    )
    departments: dict[int, dict] = {}
    for row in rows:
        entry = departments.setdefault(
            row["department_id"],
            {
                "label": f"{row['department__number']} {row['department__name']}",
                "invited": 0,
                "answered": 0,
                "buildings": [],
            },
        )
        entry["invited"] += row["invited"]
        entry["answered"] += row["answered"]
        entry["buildings"].append(Rate(row["building"], row["invited"], row["answered"]))
    total = Rate(
        survey.name,
        sum(d["invited"] for d in departments.values()),
        sum(d["answered"] for d in departments.values()),
    )
    return {
        "total": total,
        "departments": [
            {"rate": Rate(d["label"], d["invited"], d["answered"]), "buildings": d["buildings"]}
            for d in departments.values()
        ],
        "reminders": list(survey.reminder_rounds.all()[:20]),
    }


def department_infos(survey: Survey) -> list[rules.DepartmentInfo]:
    buildings: dict[int, list[str]] = {}
    for department_id, building in (
        Invitation.objects.filter(survey=survey)
        .values_list("department_id", "building")
        .distinct()
        .order_by("department_id", "building")
    ):
        buildings.setdefault(department_id, []).append(building)
    return [
        rules.DepartmentInfo(
            id=d.id,
            label=f"{d.number} {d.name}",
            municipality_code=d.municipality_id,
            municipality=f"{d.municipality.name} Kommune",
            buildings=tuple(buildings.get(d.id, ())),
        )
        for d in survey.departments.select_related("municipality").order_by("number")
    ]


def tally(survey: Survey, guide=None) -> rules.Tally:
    """The survey's raw counts, recounted from its submitted answers (`publish_results`
    stores what they give once per answers version)."""
    guide = guide or guide_of(survey)
    rows = (
        SurveyAnswer.objects.filter(survey=survey, submitted=True)
        .annotate(text=Cast("values", TextField()))  # JSON text: each distinct one read once
        .values_list("department_id", "building", "text")
    )
    return rules.tally(
        guide,
        rows.iterator(chunk_size=5_000),
        departments=department_infos(survey),
        index_keys=survey.index_keys,
    )


def guide_of(survey: Survey, language: str = "da"):
    key = f"surveys:guide:{survey.guide_version_id}"
    guide = cache.get(key)
    if guide is None:
        guide = survey.guide_version.spec()
        cache.set(key, guide, CACHE_SECONDS)
    return in_language(guide, language)


def stamp(survey: Survey) -> str:
    """What the stored results depend on besides the guide version (fixed once open): the
    answers version (bumped by every submitted or changed answer and by closing), the status
    and k."""
    return f"{survey.answers_version}:{survey.status}:{survey.min_count}"


@transaction.atomic
def publish_results(survey: Survey) -> list[ResultGroup]:
    """Count, protect and store the results of the survey's current answers version (texts
    included: readers drop them for viewers who may not see them); older sets are deleted."""
    guide = guide_of(survey)
    published = rules.publish(
        guide,
        tally(survey, guide),
        organisation_label=survey.organisation.name,
        k=survey.min_count,
        texts=True,
    )
    current = stamp(survey)
    rows = []
    for position, group in enumerate(published.groups):
        summary, detail = rules.stored(group)
        rows.append(
            ResultGroup(
                survey=survey, stamp=current, position=position, key=rules.key_out(group.key),
                level=group.level, summary=summary, detail=detail,
                department_id=group.key[1] if group.key[0] in ("dept", "bldg") else None,
            )
        )  # fmt: skip
    ResultGroup.objects.filter(survey=survey).exclude(stamp=current).delete()
    ResultGroup.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
    return rows


def _labels(survey: Survey) -> dict:
    return {(q.key, c.value): c.label for q in guide_of(survey).questions() for c in q.choices}


@dataclass
class PageResults:
    """The groups one results page shows: `groups` (the organisation, municipalities,
    departments and the chosen department's buildings, with `detailed` ones carrying their
    per-question figures), `count` the number of groups without buildings."""

    groups: list
    count: int
    k: int

    def by_key(self) -> dict:
        return {g.key: g for g in self.groups}


def _rows(survey: Survey, query: Q, *, detail: bool):
    current = stamp(survey)
    fields = ["key", "level", "summary", "department_id"] + (["detail"] if detail else [])
    found = list(
        ResultGroup.objects.filter(query, survey=survey, stamp=current)
        .order_by("position")
        .values_list(*fields)
    )
    if not found and not ResultGroup.objects.filter(survey=survey, stamp=current).exists():
        publish_results(survey)
        found = list(
            ResultGroup.objects.filter(query, survey=survey, stamp=current)
            .order_by("position")
            .values_list(*fields)
        )
    return found


SMALL = 12  # a survey of at most this many groups shows every department per question


def page_results(
    survey: Survey, *, texts: bool, department: int | None, details: bool = True
) -> PageResults:
    """The groups of the results page (constant queries at any size): the overview of every
    group but the buildings, the chosen department's buildings, and the per-question figures
    of the organisation, the municipalities and the chosen department (of every group when
    the survey has few)."""
    k = survey.min_count
    labels = _labels(survey)
    overview = _rows(survey, ~Q(level="building") | Q(department_id=department), detail=False)
    count = sum(1 for row in overview if row[1] != "building")
    detailed = Q(level__in=("organisation", "municipality"))
    if count <= SMALL:
        detailed = ~Q(level="building")
    elif department is not None:
        detailed |= Q(level="department", department_id=department)
    details = {row[0]: row[4] for row in _rows(survey, detailed, detail=True)} if details else {}
    groups = [
        rules.from_stored(
            rules.key_in(key), level, summary, details.get(key), k=k, labels=labels,
            texts=texts,
        )
        for key, level, summary, _department in overview
    ]  # fmt: skip
    return PageResults(groups, count, k)


def results(survey: Survey, *, texts: bool) -> rules.Results:
    """Every group's protected results (the API, the feed), free texts only with `texts`."""
    k = survey.min_count
    labels = _labels(survey)
    groups = [
        rules.from_stored(
            rules.key_in(key), level, summary, detail, k=k, labels=labels, texts=texts
        )
        for key, level, summary, _department, detail in _rows(survey, Q(), detail=True)
    ]
    return rules.Results(groups, k)
