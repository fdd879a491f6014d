"""Demo data (issue 14, part 8): a year of vulnerability analyses for most of organisation A's
departments and last year's too; two departments overdue (last held more than a year ago,
nothing planned), one worsening sharply (children and young people, crime and feeling unsafe),
two never analysed (due), the rest of this year planned. Each year's scores are fed to the
screening once at the end. Written by the system (actor None): the demo users can be removed
on --reset without their change-log entries standing in the way."""

from datetime import date, timedelta

from boligsocial.core.demo import DemoContext

ORDER = 40  # after organisations (10), screening (20) and cases (30)

SCALE_KEYS = (
    "flytning_omfang",
    "husorden_omfang",
    "saarbare_omfang",
    "unge_grupper",
    "tryghed_moerke",
    "omgivelser_stand",
    "mistrivsel_tegn",
)
GOOD_END_KEYS = ("demokrati_aktivt", "samarbejde_kvalitet")  # step 5 is the good end
SHARP = ("unge_grupper", "tryghed_moerke", "husorden_omfang")


def _answers(rng, level: int, worse: bool = False) -> dict:
    level = level + 2 if worse else level
    out = {}
    for key in SCALE_KEYS:
        step = min(5, max(1, level + rng.choice((-1, 0, 0, 1))))
        out[key] = "5" if worse and key in SHARP else str(step)
    for key in GOOD_END_KEYS:
        out[key] = str(min(5, max(1, 6 - level + rng.choice((-1, 0, 1)))))
    out["nabokonflikter"] = "yes" if worse or rng.random() < 0.3 else "no"
    out["husorden_kendt"] = rng.choice(("yes", "yes", "no"))
    out["alvorlige_haendelser"] = "yes" if worse else rng.choice(("no", "no", "yes"))
    if out["alvorlige_haendelser"] == "yes":
        out["haendelser_antal"] = str(rng.randint(1, 6) + (6 if worse else 0))
    out["samarbejde_parter"] = ["kommune", "skole"] if level < 3 else ["kommune"]
    if worse:
        out["unge_hvor"] = "En gruppe unge samles om aftenen i kældrene i blok C (demotekst)."
    return out


def _hold(analysis, answers, held_on, actor):
    from boligsocial.analyses import services

    services.save_answers(analysis=analysis, answers=answers, actor=actor)
    return services.complete_analysis(analysis=analysis, actor=actor, held_on=held_on, feed=False)


def seed(ctx: DemoContext) -> None:
    from boligsocial.analyses import services

    rng, today = ctx.rng, ctx.today
    staff = ctx.objects.get("personas", {}).get("staff-a")
    departments = list(ctx.objects["departments_by_org"]["org_a"])
    year, last = today.year, today.year - 1
    never = departments[-2:]  # never analysed: due
    overdue = departments[-4:-2]  # held early last year, nothing since
    sharp = departments[1] if len(departments) > 5 else None
    regular = [d for d in departments if d not in never and d not in overdue]
    start, end = date(year, 1, 15), date(year, 11, 30)
    dates = services.plan_dates(start, end, len(regular))
    for department, planned in zip(regular, dates, strict=True):
        level = 1 if department == sharp else rng.randint(1, 3)
        previous = date(last, planned.month, min(planned.day, 28))
        first = services.plan_analysis(
            department=department, year=last, planned_date=previous, actor=None,
            interviewers=[staff] if staff else [],
            participants=[("board_chair", ""), ("board_member", ""), ("caretaker", "")],
        )  # fmt: skip
        _hold(first, _answers(rng, level), previous, None)
        this = services.plan_analysis(
            department=department, year=year, planned_date=planned, actor=None,
            interviewers=[staff] if staff else [],
            participants=[("board_chair", ""), ("caretaker", "")],
        )  # fmt: skip
        if planned < today:
            held = _hold(this, _answers(rng, level, worse=department == sharp), planned, None)
            if department == sharp:
                services.add_action(
                    analysis=held, actor=None, owner=staff,
                    title="Møde med SSP og klubben om de unge i kældrene",
                    due_date=planned + timedelta(days=30), theme_key="boern_unge",
                )  # fmt: skip
                services.add_action(
                    analysis=held, actor=None, owner=staff,
                    title="Tryghedsvandring med bestyrelsen og politiet",
                    due_date=planned + timedelta(days=60), theme_key="kriminalitet_tryghed",
                )  # fmt: skip
    for department in overdue:
        analysis = services.plan_analysis(
            department=department, year=last, planned_date=date(last, 1, 12), actor=None,
            participants=[("board_chair", ""), ("caretaker", "")],
        )  # fmt: skip
        _hold(analysis, _answers(rng, rng.randint(2, 3)), date(last, 1, 12), None)
    # Only last year's scores go into the traffic light: the demo's register data end there, and
    # a light of this year would hold the vulnerability score alone (see docs/decisions/0025).
    services.feed_screening(year=last)
    ctx.log(f"analyses: {len(regular) * 2 + len(overdue)} vulnerability analyses")


def delete_demo_data() -> None:
    """The demo organisations' analyses and their answers (before the organisations go)."""
    from boligsocial.analyses.models import Analysis
    from boligsocial.guides.models import Response

    analyses = Analysis.objects.filter(organisation__is_demo=True)
    responses = list(analyses.exclude(response=None).values_list("response_id", flat=True))
    analyses.delete()
    Response.objects.filter(pk__in=responses).delete()
