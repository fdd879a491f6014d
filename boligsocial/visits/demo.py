"""Demo data (issue 14, part 8): one finished campaign of about 70 leases with findings like
Bo-Vita's at Lukretiavej (seed 004: blocked vents, unregistered washing machines, linoleum
floors, kits handed out), and one running campaign in another department assigned to
caretaker-a (their leases at two addresses, a few already recorded). Written by the system
(actor None), like the analyses' demo data."""

import uuid
from datetime import timedelta

from boligsocial.core.demo import DemoContext

ORDER = 45  # after analyses (40)


def _addresses_for(department, at_least: int) -> list[str]:
    from django.db.models import Count

    from boligsocial.organisations.models import Lease

    chosen, total = [], 0
    rows = (
        Lease.objects.filter(department=department)
        .values("address")
        .annotate(n=Count("id"))
        .order_by("address")
    )
    for row in rows:
        if total >= at_least:
            break
        chosen.append(row["address"])
        total += row["n"]
    return chosen


def _answers(rng) -> dict:
    def yes(p):
        return "yes" if rng.random() < p else "no"

    damage = rng.choices(("ingen", "beboer", "afdeling", "begge"), (50, 20, 20, 10))[0]
    out = {
        "bad_stand": str(rng.choices("12345", (5, 15, 35, 30, 15))[0]),
        "koekken_stand": str(rng.choices("12345", (5, 20, 40, 25, 10))[0]),
        "afloeb_stoppet": yes(0.15),
        "vandhaner_kalk": yes(0.55),
        "ventiler_blokeret": yes(0.38),
        "fugt_maalt": yes(0.12),
        "vaskemaskine_uregistreret": yes(0.2),
        "opvaskemaskine_uregistreret": yes(0.08),
        "gulv_linoleum": yes(0.6),
        "skade_ansvar": damage,
        "net_udleveret": "yes",
    }
    return out


def _record(campaign, rng, share: float, recorded_on) -> None:
    from boligsocial.visits import services

    items = []
    for visit in campaign.visits.order_by("lease__address", "lease__unit"):
        if rng.random() > share:
            continue
        outcome = rng.choices(("visited", "no_access", "declined", "moved"), (82, 12, 4, 2))[0]
        items.append(
            {
                "client_id": str(uuid.UUID(int=rng.getrandbits(128))),
                "visit": visit.pk,
                "outcome": outcome,
                "answers": _answers(rng) if outcome == "visited" else {},
                "kits": 1 if outcome == "visited" else 0,
                "revisit_on": None,
                "recorded_at": f"{recorded_on.isoformat()}T10:00:00+01:00",
            }
        )
    services.record_visits(actor=None, items=items)


def seed(ctx: DemoContext) -> None:
    from boligsocial.visits import services

    rng, today = ctx.rng, ctx.today
    personas = ctx.objects.get("personas", {})
    caretaker = personas.get("caretaker-a")
    departments = [d for d in ctx.objects["departments_by_org"]["org_a"] if d.leases.exists()]
    if len(departments) < 2:
        return
    first, second = departments[0], departments[1]
    finished = services.create_campaign(
        department=first,
        name=f"Servicebesøg {first.name} {today.year - 1}",
        purpose="Vi ser på badeværelse, køkken, afløb og ventilation, hvidevarer og gulve, og "
        "giver dig et net med værktøj, rengøringsmidler og en fugtmåler.",
        starts_on=today - timedelta(days=120),
        ends_on=today - timedelta(days=90),
        actor=None,
        addresses=_addresses_for(first, 70),
        kits_stock=80,
    )
    _record(finished, rng, 1.0, today - timedelta(days=100))
    services.finish_campaign(campaign=finished, actor=None)
    running = services.create_campaign(
        department=second,
        name=f"Servicebesøg {second.name} {today.year}",
        purpose="Vi ser på badeværelse, køkken, afløb og ventilation, hvidevarer og gulve.",
        starts_on=today - timedelta(days=3),
        ends_on=today + timedelta(days=25),
        actor=None,
        addresses=_addresses_for(second, 60),
        kits_stock=50,
        follow_up_action=_follow_up_action(second, today),
    )
    if caretaker is not None:
        services.assign(
            campaign=running, user=caretaker, actor=None, addresses=running.addresses[:1]
        )
    mine = running.visits.filter(assignee=caretaker) if caretaker else running.visits.all()
    _record_some(running, rng, [v.pk for v in mine.order_by("lease__address", "lease__unit")[:3]])
    ctx.log(f"visits: 2 campaigns ({finished.visits.count()} and {running.visits.count()} leases)")


def _follow_up_action(department, today):
    """When this year's vulnerability analysis of the department led to actions (the demo's
    sharply worsening one), one more: the service visits the running campaign carries out
    (through the analyses' services, as the action's "Start a service-visit campaign" does)."""
    from boligsocial.analyses import services as analyses
    from boligsocial.analyses.models import Analysis

    analysis = (
        Analysis.objects.filter(
            department=department, year=today.year, status="done", actions__isnull=False
        )
        .distinct()
        .first()
    )
    if analysis is None:
        return None
    action = analyses.add_action(
        analysis=analysis,
        actor=None,
        title="Servicebesøg i alle opgange: fugt, afløb og ventilation",
        due_date=today + timedelta(days=25),
    )
    return analyses.start_visit_campaign_for_action(action=action, actor=None)


def _record_some(campaign, rng, visit_ids) -> None:
    from boligsocial.visits import services

    services.record_visits(
        actor=None,
        items=[
            {
                "client_id": str(uuid.UUID(int=rng.getrandbits(128))),
                "visit": pk,
                "outcome": "visited",
                "answers": _answers(rng),
                "kits": 1,
            }
            for pk in visit_ids
        ],
    )


def delete_demo_data() -> None:
    from boligsocial.visits.models import VisitCampaign

    VisitCampaign.objects.filter(organisation__is_demo=True).delete()
