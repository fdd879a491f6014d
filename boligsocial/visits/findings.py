"""The aggregated findings of a campaign (issue 14, part 5), as plain data.

`aggregate(rows, questions)` is pure: `rows` are (address, outcome, kits, answers) per lease,
`questions` the checklist's questions (guides.spec). It counts outcomes, kits, and per
checklist item how many leases answered it and how many gave each answer (numbers: their sum).
`summarise(campaign)` reads the rows in one query; the result is what a campaign keeps when its
lease-level data are deleted (`VisitCampaign.summary`), so the findings page reads the same
shape either way. Free text is counted as answered, never aggregated by content; a photo
question counts the visited leases with at least one photo (`photos`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from boligsocial.guides.spec import CHOICE_TYPES, MULTIPLE, NUMBER, Question

OUTCOMES = ("visited", "no_access", "declined", "moved", "")


def aggregate(rows: Iterable[Sequence], questions: Sequence[Question]) -> dict:
    outcomes = dict.fromkeys(OUTCOMES, 0)
    by_address: dict[str, dict[str, int]] = {}
    items = {
        q.key: {"answered": 0, "counts": {c.value: 0 for c in q.choices}, "sum": "0"}
        for q in questions
    }
    sums = {q.key: Decimal(0) for q in questions if q.type == NUMBER}
    kinds = {q.key: q.type for q in questions}
    kits = leases = 0
    for address, outcome, kit, answers in rows:
        leases += 1
        outcome = outcome or ""
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
        place = by_address.setdefault(address, {"leases": 0, "visited": 0, "no_access": 0})
        place["leases"] += 1
        if outcome in ("visited", "no_access"):
            place[outcome] += 1
        kits += kit or 0
        if outcome != "visited":
            continue
        for key, value in (answers or {}).items():
            item = items.get(key)
            if item is None:
                continue
            item["answered"] += 1
            kind = kinds[key]
            if kind == MULTIPLE:
                for v in value:
                    if v in item["counts"]:
                        item["counts"][v] += 1
            elif kind in CHOICE_TYPES:
                if value in item["counts"]:
                    item["counts"][value] += 1
            elif kind == NUMBER:
                sums[key] += Decimal(value)
    for key, total in sums.items():
        items[key]["sum"] = str(total)
    return {
        "leases": leases,
        "outcomes": outcomes,
        "kits": kits,
        "items": items,
        "by_address": dict(sorted(by_address.items())),
    }


def checklist(campaign):
    """The campaign's checklist (guides.spec), read once per campaign object (two queries)."""
    cached = getattr(campaign, "_checklist", None)
    if cached is None:
        cached = campaign._checklist = campaign.guide_version.spec()
    return cached


def summarise(campaign) -> dict:
    """The campaign's aggregates from its visits (the checklist once, the visits, the photos'
    count of leases per photo question)."""
    from boligsocial.visits.models import Visit

    if campaign.purged_at is not None:
        return campaign.summary
    questions = checklist(campaign).questions()
    rows = Visit.objects.filter(campaign=campaign).values_list(
        "lease__address", "outcome", "kits", "answers"
    )
    from django.db.models import Count

    from boligsocial.visits.models import VisitPhoto

    photos = (
        VisitPhoto.objects.filter(campaign=campaign, visit__outcome="visited")
        .values("question_key")
        .annotate(leases=Count("visit", distinct=True))
    )
    return {
        **aggregate(rows.iterator(chunk_size=2000), questions),
        "photos": {r["question_key"]: r["leases"] for r in photos},
        "version": campaign.guide_version.number,
    }


def share(part: int, whole: int) -> Decimal | None:
    """`part` of `whole` in per cent, one decimal (None of nothing)."""
    if not whole:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"))
