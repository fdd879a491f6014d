"""Reads of the visits shared by the pages, the API, the dashboard tile and the export; each
takes objects that already went through `access`.

`findings(campaign, exact=…)` reads in a constant number of queries whatever the number of
leases (the checklist's themes and questions, the visits' four columns): the aggregates of
`findings.aggregate`, with the small numbers suppressed (core/disclosure.py) unless the viewer
sees exact counts (the social unit and maintenance)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q, Sum

from boligsocial.analyses.access import visible_analyses
from boligsocial.analyses.models import ActionStatus, FollowUpAction
from boligsocial.core import disclosure
from boligsocial.core.exports import Sheet
from boligsocial.guides.spec import CHOICE_TYPES, MULTIPLE, NUMBER, PHOTO, TEXT, YES_NO
from boligsocial.visits import findings as rule
from boligsocial.visits.models import Outcome, Visit, VisitCampaign, VisitPhoto

OUTCOME_LABELS = dict(Outcome.choices)


@dataclass(frozen=True)
class Cell:
    """A count as shown (`figure`) and its share of its total (None when either is hidden)."""

    figure: disclosure.Figure
    share: object = None

    @property
    def text(self) -> str:
        return str(self.figure.value) if self.figure.shown else self.figure.mark


def _cells(counts: dict, total_key: str, total: int, *, exact: bool, k: int) -> dict:
    layout = disclosure.one_way(counts, total=total_key, total_value=total)
    figures = disclosure.protect(layout.values, layout.relations, k=k, exact=exact)
    whole = figures[total_key]
    out = {}
    for key, figure in figures.items():
        share = None
        if figure.shown and whole.shown and key != total_key:
            share = rule.share(figure.value, whole.value)
        out[key] = Cell(figure, share)
    return out


def progress(visits) -> dict:
    """Outcome counts and kits of a queryset of visits (one query)."""
    row = visits.aggregate(
        total=Count("id"),
        kits=Sum("kits"),
        **{f"n_{o or 'pending'}": Count("id", filter=Q(outcome=o)) for o in Outcome.values},
    )
    done = row["total"] - row["n_pending"]
    return {
        "total": row["total"],
        "done": done,
        "kits": row["kits"] or 0,
        "counts": [(OUTCOME_LABELS[o], row[f"n_{o or 'pending'}"]) for o in Outcome.values],
        "percent": rule.share(done, row["total"]) or 0,
    }


def findings(campaign: VisitCampaign, *, exact: bool) -> dict:
    k = settings.DISCLOSURE_MIN_COUNT
    summary = rule.summarise(campaign)
    questions = rule.checklist(campaign).questions()
    leases = summary["leases"]
    outcome_cells = _cells(
        {o: summary["outcomes"].get(o, 0) for o in rule.OUTCOMES}, "leases", leases,
        exact=exact, k=k,
    )  # fmt: skip
    outcomes = [
        {"key": o or "pending", "label": OUTCOME_LABELS[o], "cell": outcome_cells[o]}
        for o in rule.OUTCOMES
    ]
    visited = summary["outcomes"].get("visited", 0)
    items = []
    for q in questions:
        if q.type == PHOTO:
            answered = summary.get("photos", {}).get(q.key, 0)
            items.append(
                {"key": q.key, "text": q.text, "type": q.type, "unit": "", "choices": [],
                 "headline": None, "sum": None,
                 "answered": Cell(disclosure.figure(answered, k=k, exact=exact))}
            )  # fmt: skip
            continue
        item = summary["items"].get(q.key) or {"answered": 0, "counts": {}, "sum": "0"}
        answered = item["answered"]
        row = {"key": q.key, "text": q.text, "type": q.type, "unit": q.unit, "choices": [],
               "headline": None, "sum": None}  # fmt: skip
        if q.type in CHOICE_TYPES:
            counts = {c.value: item["counts"].get(c.value, 0) for c in q.choices}
            if q.type == MULTIPLE:
                figures = {v: disclosure.figure(n, k=k, exact=exact) for v, n in counts.items()}
                cells = {
                    v: Cell(f, rule.share(f.value, answered) if f.shown else None)
                    for v, f in figures.items()
                }
                cells["answered"] = Cell(disclosure.figure(answered, k=k, exact=exact))
            else:
                cells = _cells(counts, "answered", answered, exact=exact, k=k)
            row["answered"] = cells["answered"]
            row["choices"] = [{"label": c.label, "cell": cells[c.value]} for c in q.choices]
            if q.type == YES_NO:
                row["headline"] = cells["yes"]
        else:
            row["answered"] = Cell(disclosure.figure(answered, k=k, exact=exact))
            if q.type == NUMBER:
                shown = row["answered"].figure.shown and (exact or answered >= k)
                row["sum"] = item["sum"] if shown else None
        items.append(row)
    by_address = []
    if exact:
        for address, n in summary["by_address"].items():
            by_address.append(
                {"address": address, "leases": n["leases"], "visited": n["visited"],
                 "no_access": n["no_access"],
                 "visited_share": rule.share(n["visited"], n["leases"])}
            )  # fmt: skip
    kits = summary["kits"]
    return {
        "leases": leases,
        "outcomes": outcomes,
        "visited": outcome_cells["visited"],
        "no_access": outcome_cells["no_access"],
        "visited_count": visited,
        "items": items,
        "by_address": by_address,
        "kits": kits,
        "kits_left": campaign.kits_stock - kits,
        "exact": exact,
        "min_count": k,
        "purged": campaign.purged_at is not None,
    }


def _answer_text(question, value) -> str:
    if value is None:
        return ""
    labels = {c.value: c.label for c in question.choices}
    if question.type == MULTIPLE:
        return ", ".join(labels.get(v, v) for v in value)
    if question.type in CHOICE_TYPES:
        return labels.get(value, value)
    return str(value)


def lease_rows(campaign: VisitCampaign, visits) -> tuple[list, list[dict]]:
    """The lease-level findings (the social unit's detail): the checklist questions and one
    row per visit with each answer as text and its photos' ids, in three queries."""
    questions = [q for q in rule.checklist(campaign).questions() if q.type != PHOTO]
    visits = list(
        visits.select_related("lease", "campaign").order_by("lease__address", "lease__unit", "pk")
    )
    photos: dict[int, list] = {}
    for p in VisitPhoto.objects.filter(visit__in=visits).only("pk", "visit_id"):
        photos.setdefault(p.visit_id, []).append(p.pk)
    rows = []
    for v in visits:
        rows.append(
            {
                "visit": v,
                "lease": v.lease,
                "outcome": OUTCOME_LABELS[v.outcome],
                "answers": [_answer_text(q, v.answers.get(q.key)) for q in questions],
                "photos": photos.get(v.pk, []),
            }
        )
    return questions, rows


def export_sheets(campaign: VisitCampaign, visits) -> list[Sheet]:
    """For renovation planning: an overview sheet, then one sheet per checklist item with one
    row per lease (address, floor and door, outcome, answer)."""
    questions, rows = lease_rows(campaign, visits)
    head = ["Adresse", "Etage og dør", "Udfald"]
    sheets = [
        Sheet(
            "Oversigt",
            [*head, "Besøgt den", "Udleverede net", "Genbesøg", "Fotos"],
            [
                [
                    r["lease"].address,
                    r["lease"].unit,
                    r["outcome"],
                    r["visit"].recorded_at,
                    r["visit"].kits,
                    r["visit"].revisit_on,
                    len(r["photos"]),
                ]
                for r in rows
            ],
        )
    ]
    for i, q in enumerate(questions):
        if q.type == TEXT:
            continue  # free text stays on the pages (it may name people)
        sheets.append(
            Sheet(
                q.text,
                [*head, q.text if q.type != NUMBER else f"{q.text} ({q.unit})"],
                [
                    [r["lease"].address, r["lease"].unit, r["outcome"], r["answers"][i]]
                    for r in rows
                ],
            )
        )
    return sheets


def field_visits(user, campaign: VisitCampaign):
    from boligsocial.visits.access import visible_visits

    return (
        visible_visits(user, campaign)
        .select_related("lease")
        .order_by("lease__address", "lease__unit", "pk")
    )


def campaign_rows(campaigns) -> list[dict]:
    """The list page: each campaign with its progress (one grouped query)."""
    campaigns = list(campaigns.select_related("department"))
    counts = {
        r["campaign_id"]: r
        for r in Visit.objects.filter(campaign__in=campaigns)
        .values("campaign_id")
        .annotate(total=Count("id"), done=Count("id", filter=~Q(outcome="")))
    }
    out = []
    for c in campaigns:
        n = counts.get(c.pk, {"total": c.summary.get("leases", 0), "done": None})
        out.append({"campaign": c, "total": n["total"], "done": n["done"]})
    return out


def open_follow_up_actions(user, department):
    """The follow-up actions a new campaign of `department` may carry out: open ones of the
    department's vulnerability analyses that `user` sees."""
    return (
        FollowUpAction.objects.select_related("analysis")
        .filter(analysis__department=department, analysis__in=visible_analyses(user))
        .exclude(status__in=(ActionStatus.DONE, ActionStatus.CANCELLED))
    )


def follow_up_action_of(user, campaign: VisitCampaign) -> FollowUpAction | None:
    """The action the campaign carries out, when its analysis is the user's to see (else
    None: no title, no link)."""
    if campaign.follow_up_action_id is None:
        return None
    return (
        FollowUpAction.objects.select_related("analysis")
        .filter(pk=campaign.follow_up_action_id, analysis__in=visible_analyses(user))
        .first()
    )
