"""Demo cases: the mix, the shared case, the legal track, and a next deadline on every open case
(run by tests/test_demo_data.py against one seeded demo)."""

from django.contrib.auth import get_user_model

from boligsocial.cases import access, services
from boligsocial.cases.models import (
    Case,
    CaseShare,
    LegalProceeding,
    Letter,
    ReferenceCounter,
    Status,
)


def check_the_mix_of_cases():
    cases = Case.objects.all()
    assert 290 <= cases.count() <= 310
    assert set(cases.values_list("organisation__is_demo", flat=True)) == {True}
    by_category = {c: cases.filter(category=c).count() for c in ("noise", "waste", "pets")}
    assert max(by_category, key=by_category.get) == "noise"
    assert cases.filter(kind="crisis", status__in=["in_progress"]).count() == 1
    assert cases.exclude(status=Status.CLOSED).filter(next_due__isnull=False).exists()
    assert cases.filter(address_key__gt="").values("address_key").distinct().count() < (
        cases.filter(address_key__gt="").count()
    )  # repeat addresses
    last = max(ReferenceCounter.objects.values_list("last", flat=True))
    assert Case.objects.filter(reference__endswith=f"-{last:04d}").exists()


def check_one_case_is_shared_with_the_municipality():
    share = CaseShare.objects.get()
    assert share.user.username == "municipal" and share.revoked_at is None
    municipal = get_user_model().objects.get(username="municipal")
    assert list(access.visible_cases(municipal)) == [share.case]


def check_a_board_decision_opens_the_court_window_with_a_draft_letter():
    decided = LegalProceeding.objects.get(decided_on__isnull=False)
    assert decided.outcome == "conditional_loss"
    assert decided.case.deadlines.filter(kind="housing_court_window", met_at=None).count() == 1
    assert Letter.objects.filter(case=decided.case, status="draft").count() == 1


def check_every_open_case_has_its_earliest_unmet_deadline_as_next():
    open_cases = Case.objects.filter(status__in=services.cases.OPEN_STATUSES)
    assert open_cases.count() > 20
    assert not open_cases.filter(next_due=None).exists()
    for case in open_cases.prefetch_related("deadlines"):
        unmet = [d.due for d in case.deadlines.all() if d.met_at is None]
        assert case.next_due == min(unmet), case.reference
