"""Demo data (issue 15, part 9): last year's and this year's safety survey in five of
organisation A's departments (this year's closed, with response rates from about 20 to 60 %),
one department where only three households answered (too small to show, which also hides one
more department by secondary suppression), and an open well-being survey with a few answers so
the response-rate tile moves. Only last year's index goes into the traffic light, as the
analyses do (decision 0025: the demo's register data end last year). Written by the system
(actor None)."""

from datetime import date

from boligsocial.core.demo import DemoContext

ORDER = 45  # after analyses (40)

RATES = (0.58, 0.41, 0.33, 0.22)  # the response rates of the four larger departments


def _safety_answer(rng, level: int) -> dict:
    """One household's answers; level 1 (safe) .. 4 (unsafe)."""

    def step(top: int, shift: int = 0) -> str:
        return str(min(top, max(1, level + shift + rng.choice((-1, 0, 0, 1)))))

    values = {
        "tryg_moerke": "dont_know" if rng.random() < 0.05 else step(5),
        "tryg_grundlaeggende": step(7, level - 1),
        "hjaelp_politi": step(4),
        "hjaelp_naboer": step(4, -1),
    }
    problems = [p for p in ("affald", "unge", "belysning", "haervaerk") if rng.random() < level / 6]
    values["problemer"] = problems or ["ingen"]
    if problems:
        values["problemer_utryg"] = step(5)
    if rng.random() < 0.15:
        values["steder"] = rng.choice(
            (
                "Stien bag blok C er mørk om aftenen (demotekst).",
                "Cykelkælderen – lyset virker ikke (demotekst).",
                "Ved indkørslen samles der nogle om aftenen (demotekst).",
            )
        )
    return values


def _run(ctx, survey, departments, rates, levels):
    from boligsocial.surveys import services
    from boligsocial.surveys.models import Channel, Invitation, Survey, SurveyAnswer

    services.open_survey(survey=survey, actor=None)
    answers, answered = [], []
    for department, rate, level in zip(departments, rates, levels, strict=True):
        issued = services.create_invitations(survey=survey, department=department, actor=None)
        count = rate if isinstance(rate, int) else round(len(issued) * rate)
        for item in ctx.rng.sample(issued, count):
            answered.append(item.invitation.pk)
            answers.append(
                SurveyAnswer(
                    survey=survey,
                    department=department,
                    building=item.invitation.building,
                    channel=Channel.PAPER if ctx.rng.random() < 0.1 else Channel.WEB,
                    language=ctx.rng.choice(("da",) * 8 + ("ar", "en")),
                    values=_safety_answer(ctx.rng, level),
                    submitted=True,
                )
            )
    SurveyAnswer.objects.bulk_create(answers)
    Invitation.objects.filter(pk__in=answered).update(answered=True)
    Survey.objects.filter(pk=survey.pk).update(answers_version=1)
    survey.refresh_from_db()
    return survey


def seed(ctx: DemoContext) -> None:
    from boligsocial.guides.models import Guide
    from boligsocial.guides.services import current_version
    from boligsocial.surveys import services
    from boligsocial.surveys.models import SurveyAnswer

    today = ctx.today
    departments = list(ctx.objects["departments_by_org"]["org_a"])
    by_size = sorted(departments, key=lambda d: d.leases.count())
    first = departments[0]  # Egeparken: the department board persona's own
    small = by_size[0]
    middle = [d for d in by_size[len(by_size) // 3 :] if d not in (first, small)][:3]
    chosen = [first, *middle, small]
    organisation = first.organisation
    safety = current_version(Guide.objects.get(key="tryghedsundersoegelse"))
    keys = ["tryg_moerke", "tryg_grundlaeggende", "hjaelp_politi", "hjaelp_naboer"]
    levels = [2, 1, 3, 2, 2]
    last_year = services.create_survey(
        organisation=organisation, name=f"Tryghedsundersøgelse {today.year - 1}",
        guide_version=safety, departments=chosen, opens_on=date(today.year - 1, 3, 1),
        closes_on=date(today.year - 1, 3, 31), actor=None, languages=["ar", "so", "tr"],
        index_keys=keys, is_demo=True,
    )  # fmt: skip
    _run(ctx, last_year, chosen, [*(r - 0.05 for r in RATES), 6], [3, 1, 3, 2, 2])
    services.close_survey(survey=last_year, actor=None, feed=True)
    this_year = services.create_survey(
        organisation=organisation, name=f"Tryghedsundersøgelse {today.year}",
        guide_version=safety, departments=chosen, opens_on=date(today.year, 3, 1),
        closes_on=date(today.year, 3, 31), actor=None, languages=["ar", "so", "tr"],
        index_keys=keys, previous=last_year, is_demo=True,
    )  # fmt: skip
    _run(ctx, this_year, chosen, [*RATES, 3], levels)
    services.close_survey(survey=this_year, actor=None, feed=False)
    wellbeing = current_version(Guide.objects.get(key="trivselsmaaling"))
    open_one = services.create_survey(
        organisation=organisation, name=f"Trivselsmåling {today.year}", guide_version=wellbeing,
        departments=middle[:2], opens_on=today.replace(day=1),
        closes_on=date(today.year, 12, 31), actor=None,
        index_keys=[q.key for q in wellbeing.spec().questions() if q.scored], is_demo=True,
    )  # fmt: skip
    services.open_survey(survey=open_one, actor=None)
    for department in middle[:2]:
        services.create_invitations(survey=open_one, department=department, actor=None)
    count = SurveyAnswer.objects.filter(survey__organisation__is_demo=True).count()
    ctx.log(f"surveys: 3 resident surveys, {count} answers")


def delete_demo_data() -> None:
    from boligsocial.surveys.models import Survey

    Survey.objects.filter(organisation__is_demo=True).update(previous=None)
    Survey.objects.filter(organisation__is_demo=True).delete()
