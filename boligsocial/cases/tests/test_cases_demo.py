"""Demo cases: run the whole seed_demo (organisations first) and check the mix."""

import pytest
from django.core.management import call_command

from boligsocial.cases import access
from boligsocial.cases.models import (
    Case,
    CaseShare,
    LegalProceeding,
    Letter,
    ReferenceCounter,
    Status,
)

pytestmark = pytest.mark.django_db


def test_seed_demo_cases(django_user_model):
    call_command("seed_demo", "--seed", "7", verbosity=0)
    cases = Case.objects.all()
    assert 290 <= cases.count() <= 310
    assert set(cases.values_list("organisation__is_demo", flat=True)) == {True}
    by_category = {c: cases.filter(category=c).count() for c in ("noise", "waste", "pets")}
    assert max(by_category, key=by_category.get) == "noise"
    assert cases.filter(kind="crisis", status__in=["in_progress"]).count() == 1
    share = CaseShare.objects.get()
    assert share.user.username == "municipal" and share.revoked_at is None
    municipal = django_user_model.objects.get(username="municipal")
    assert list(access.visible_cases(municipal)) == [share.case]
    assert cases.exclude(status=Status.CLOSED).filter(next_due__isnull=False).exists()
    assert cases.filter(address_key__gt="").values("address_key").distinct().count() < (
        cases.filter(address_key__gt="").count()
    )  # repeat addresses
    decided = LegalProceeding.objects.get(decided_on__isnull=False)
    assert decided.outcome == "conditional_loss"
    assert decided.case.deadlines.filter(kind="housing_court_window", met_at=None).count() == 1
    assert Letter.objects.filter(case=decided.case, status="draft").count() == 1
    last = max(ReferenceCounter.objects.values_list("last", flat=True))
    assert Case.objects.filter(reference__endswith=f"-{last:04d}").exists()
    call_command("seed_demo", "--reset", "--seed", "7", verbosity=0)
    assert 290 <= Case.objects.count() <= 310
