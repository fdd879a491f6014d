"""Reads shared by the survey pages, the API and the dashboard (on querysets that already went
through `access`): response rates and the protected results (results.py)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

from django.core.cache import cache
from django.db.models import Count, Q

from boligsocial.guides.spec import in_language
from boligsocial.surveys import results as rules
from boligsocial.surveys.models import Invitation, Survey, SurveyAnswer

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
    """The survey's counts, cached per answers version (a submitted or changed answer, or the
    closing, bumps it)."""
    key = f"surveys:tally:{survey.pk}:{survey.answers_version}:{survey.status}"
    found = cache.get(key)
    if found is not None:
        return found
    guide = guide or survey.guide_version.spec()
    rows = SurveyAnswer.objects.filter(survey=survey, submitted=True).values_list(
        "department_id", "building", "values"
    )
    counted = rules.tally(
        guide,
        rows.iterator(chunk_size=5_000),
        departments=department_infos(survey),
        index_keys=survey.index_keys,
    )
    cache.set(key, counted, CACHE_SECONDS)
    return counted


def guide_of(survey: Survey, language: str = "da"):
    key = f"surveys:guide:{survey.guide_version_id}"
    guide = cache.get(key)
    if guide is None:
        guide = survey.guide_version.spec()
        cache.set(key, guide, CACHE_SECONDS)
    return in_language(guide, language)


def results(survey: Survey, *, texts: bool) -> rules.Results:
    """The protected results of a survey, for any viewer (free texts only with `texts`);
    cached with the counts they come from (the protection is a pure function of them)."""
    key = (
        f"surveys:results:{survey.pk}:{survey.answers_version}:{survey.status}:"
        f"{survey.min_count}:{int(texts)}"
    )
    found = cache.get(key)
    if found is not None:
        return found
    guide = guide_of(survey)
    published = rules.publish(
        guide,
        tally(survey, guide),
        organisation_label=survey.organisation.name,
        k=survey.min_count,
        texts=texts,
    )
    cache.set(key, published, CACHE_SECONDS)
    return published
