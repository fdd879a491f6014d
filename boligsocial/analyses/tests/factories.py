from datetime import date

from boligsocial.analyses import services
from boligsocial.organisations.models import Membership
from boligsocial.organisations.roles import Role
from boligsocial.organisations.tests.factories import DepartmentFactory, UserFactory

# Answers giving every theme of the seeded interview guide a score; scale step 5 = 100 points.
ALL_WORST = {
    "flytning_omfang": "5",
    "husorden_omfang": "5",
    "saarbare_omfang": "5",
    "unge_grupper": "5",
    "tryghed_moerke": "5",
    "omgivelser_stand": "5",
    "demokrati_aktivt": "1",
    "samarbejde_kvalitet": "1",
    "mistrivsel_tegn": "5",
}
ALL_BEST = {
    **dict.fromkeys(ALL_WORST, "1"),
    "demokrati_aktivt": "5",
    "samarbejde_kvalitet": "5",
}


def social_worker(organisation, role=Role.SOCIAL_STAFF):
    user = UserFactory()
    Membership.objects.create(user=user, role=role, organisation=organisation)
    return user


def held_analysis(department, year, answers, *, actor=None, held_on=None):
    actor = actor or social_worker(department.organisation)
    analysis = services.plan_analysis(
        department=department, year=year, planned_date=date(year, 3, 2), actor=actor
    )
    for key, value in answers.items():
        services.save_answer(analysis=analysis, question_key=key, raw=value, actor=actor)
    return services.complete_analysis(
        analysis=analysis, actor=actor, held_on=held_on or date(year, 3, 2)
    )


__all__ = ["DepartmentFactory", "held_analysis", "social_worker"]
