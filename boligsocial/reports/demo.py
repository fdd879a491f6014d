"""Demo data of the styringsdialog (issue 18 part 8): organisation A's finalised report of last
year with the meeting's minutes and five agreements (two done, one late), and this year's draft
with the department report of Egeparken, on which its board added two points for the agenda.

The report's year is the year of its figures: the latest year of the screening ("this year")
and the year before ("last year")."""

from datetime import date, timedelta

from boligsocial.core.demo import DemoContext
from boligsocial.reports import services
from boligsocial.reports.models import AgreementStatus, Report
from boligsocial.screening.models import Light

ORDER = 50  # after plans and analyses (40)

AGREEMENTS = (  # what, who, days after the meeting, status, note
    (
        "Fælles tryghedsvandring i Egeparken med politiet",
        "Kommunen og boligorganisationen",
        120,
        AgreementStatus.DONE,
        "Gennemført i foråret.",
    ),
    (
        "Lektiecaféen udvides til to dage om ugen",
        "Den boligsociale enhed",
        150,
        AgreementStatus.DONE,
        "",
    ),
    (
        "Plan for nedbringelse af huslejerestancer med gældsrådgivning",
        "Boligorganisationen",
        200,
        AgreementStatus.IN_PROGRESS,
        "Udkast drøftet i afdelingsbestyrelsen.",
    ),
    (
        "Kommunal anvisning: ny aftale om fleksibel udlejning",
        "Kommunen",
        430,
        AgreementStatus.OPEN,
        "",
    ),
    (
        "Fælles status på helhedsplanens beskæftigelsesmål",
        "Kommunen og boligorganisationen",
        520,
        AgreementStatus.OPEN,
        "",
    ),
)
POINTS = (
    (
        "Belysning på stierne mellem blokkene",
        "Beboerne oplever stierne som utrygge om aftenen; vi ønsker en fælles plan med kommunen.",
    ),
    (
        "Flere aktiviteter for de 13–17-årige",
        "Klubtilbuddet lukker kl. 18; vi foreslår et samarbejde med fritidsjob-indsatsen.",
    ),
)


def seed(ctx: DemoContext) -> None:
    org = ctx.objects["org_a"]
    personas = ctx.objects["personas"]
    head, board = personas["head-a"], personas["dept-board-a1"]
    years = sorted(
        Light.objects.filter(department__organisation=org).values_list("year", flat=True).distinct()
    )
    if len(years) < 2:
        return
    this_year, last_year = years[-1], years[-2]
    meeting = date(ctx.today.year - 1, 10, 15)
    last = services.create_report(by=head, organisation=org, year=last_year)
    last.is_demo = True
    last.save(update_fields=["is_demo"])
    services.set_narrative(
        report=last,
        by=head,
        section="economy",
        text="Regnskabet for organisationen er godkendt uden bemærkninger fra revisionen.",
        internal=False,
    )
    services.finalise(report=last, by=head, today=meeting - timedelta(days=14))
    services.save_minutes(
        report=last,
        by=head,
        meeting_date=meeting,
        minutes="Mødet gennemgik rapporten. Kommunen og organisationen indgik fem aftaler.",
    )
    for what, who, days, status, note in AGREEMENTS:
        agreement = services.add_agreement(
            report=last, by=head, what=what, who=who, due_date=meeting + timedelta(days=days)
        )
        if status != AgreementStatus.OPEN or note:
            services.update_agreement(agreement=agreement, by=head, status=status, note=note)
    draft = services.create_report(by=head, organisation=org, year=this_year)
    department = org.departments.order_by("number").first()
    board_report = services.create_report(
        by=head, organisation=org, department=department, year=this_year
    )
    Report.objects.filter(pk__in=[draft.pk, board_report.pk]).update(is_demo=True)
    for title, text in POINTS:
        services.add_agenda_point(
            report=board_report, by=board, title=title, text=text, internal=False, department=None
        )
    ctx.log(
        f"reports: styringsdialog {last_year} finalised with {len(AGREEMENTS)} agreements, "
        f"{this_year} draft with {len(POINTS)} board points"
    )


def delete_demo_data() -> None:
    Report.objects.filter(is_demo=True).delete()
