"""Test data for cases: factory_boy factories and `cases_world(world, personas)`.

Factories write rows directly (fast, for tests that need a given state); tests of behaviour go
through `boligsocial.cases.services`."""

from datetime import datetime, timedelta

import factory
from factory.django import DjangoModelFactory

from boligsocial.cases import workdays
from boligsocial.cases.models import (
    Case,
    CaseKind,
    CaseShare,
    Category,
    Deadline,
    DeadlineKind,
    Event,
    EventKind,
    Outcome,
    Party,
    PartyRole,
    ReferenceCounter,
    ShareReason,
    Status,
    Track,
)
from boligsocial.organisations.tests.factories import DepartmentFactory

#: A fixed moment for `cases_world` (a Monday): tests pass `today=` explicitly where it matters.
WORLD_RECEIVED = datetime(2026, 3, 2, 9, 30, tzinfo=workdays.COPENHAGEN)


class CaseFactory(DjangoModelFactory):
    class Meta:
        model = Case
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"BS-T-{n + 1:05d}")
    department = factory.SubFactory(DepartmentFactory)
    organisation = factory.LazyAttribute(lambda c: c.department.organisation)
    address = factory.LazyAttribute(lambda c: c.lease.address if c.lease else "")
    address_key = factory.LazyAttribute(
        lambda c: " ".join(c.address.lower().replace(",", " ").replace(".", " ").split())
    )
    kind = CaseKind.HOUSE_RULES
    track = Track.TRIVSEL
    category = Category.NOISE
    description = "Høj musik efter kl. 23 flere aftener i træk."
    received_at = WORLD_RECEIVED
    first_contact_due = factory.LazyAttribute(lambda c: workdays.add_working_days(c.received_at, 2))
    next_due = factory.LazyAttribute(
        lambda c: None if c.status == Status.CLOSED or c.first_contact_at else c.first_contact_due
    )
    closed_at = factory.LazyAttribute(
        lambda c: c.received_at + timedelta(days=30) if c.status == Status.CLOSED else None
    )
    outcome = factory.LazyAttribute(
        lambda c: Outcome.RESOLVED_DIALOGUE if c.status == Status.CLOSED else ""
    )
    status = Status.RECEIVED
    first_contact_at = None
    lease = None

    @factory.post_generation
    def with_deadline(obj, create, extracted, **kwargs):
        """A first-contact deadline like services.open_case writes (with_deadline=False: none)."""
        if create and extracted is not False:
            Deadline.objects.create(
                case=obj,
                kind=DeadlineKind.FIRST_CONTACT,
                due=obj.first_contact_due,
                met_at=obj.first_contact_at,
            )


class PartyFactory(DjangoModelFactory):
    class Meta:
        model = Party

    case = factory.SubFactory(CaseFactory)
    role = PartyRole.COMPLAINANT
    name = factory.Sequence(lambda n: f"Testbeboer Nummer {n + 1}")
    phone = factory.Sequence(lambda n: f"+45 20 00 {n % 100:02d} {n // 100 % 100:02d}")
    email = factory.Sequence(lambda n: f"beboer{n + 1}@example.org")


class EventFactory(DjangoModelFactory):
    class Meta:
        model = Event

    case = factory.SubFactory(CaseFactory)
    kind = EventKind.CALL
    occurred_at = factory.LazyAttribute(lambda e: e.case.received_at + timedelta(hours=3))
    minutes = 15
    text = "Talt med klager i telefon."


def cases_world(world, personas) -> None:
    """Adds cases to the conftest `world` (idempotent):

    * ``world.case_a1``: open house-rule case in dept_a1 (org A), assigned to staff_a, with a
      complainant, a respondent on lease_a1 and one call event;
    * ``world.case_a2``: open inquiry in dept_a2 (org A), unassigned;
    * ``world.case_b1``: open case in dept_b1 (org B), assigned to staff_b, one party;
    * ``world.case_closed``: a closed case in dept_a1 (org A);
    * ``world.case_shared``: open case in dept_a1 (org A) shared with the ``municipal`` persona
      (consent), with ``world.share`` the share row.
    """
    if hasattr(world, "case_a1"):
        return
    staff_a, staff_b = personas["staff_a"], personas["staff_b"]
    world.case_a1 = CaseFactory(
        reference="BS-2026-0001",
        department=world.dept_a1,
        lease=world.lease_a1,
        assignee=staff_a,
        created_by=staff_a,
    )
    PartyFactory(case=world.case_a1, role=PartyRole.COMPLAINANT, name="Klara Klagesen")
    PartyFactory(
        case=world.case_a1,
        role=PartyRole.RESPONDENT,
        name="Rasmus Støjesen",
        lease=world.lease_a1,
    )
    EventFactory(case=world.case_a1, created_by=staff_a)
    world.case_a2 = CaseFactory(
        reference="BS-2026-0002",
        department=world.dept_a2,
        kind=CaseKind.INQUIRY,
        category=Category.WASTE,
        track=Track.TAG_ANSVAR,
        address="Havevej 2",
        description="Affaldssække stillet på trappen.",
    )
    world.case_b1 = CaseFactory(
        reference="BS-2026-0003",
        department=world.dept_b1,
        lease=world.lease_b1,
        assignee=staff_b,
        created_by=staff_b,
        description="Hund gør hele dagen.",
        category=Category.PETS,
    )
    PartyFactory(case=world.case_b1, role=PartyRole.COMPLAINANT, name="Bente Betasen")
    world.case_closed = CaseFactory(
        reference="BS-2025-0001",
        department=world.dept_a1,
        lease=world.lease_a1,
        assignee=staff_a,
        status=Status.CLOSED,
        received_at=WORLD_RECEIVED - timedelta(days=120),
        first_contact_at=WORLD_RECEIVED - timedelta(days=119),
    )
    world.case_shared = CaseFactory(
        reference="BS-2026-0004",
        department=world.dept_a1,
        assignee=staff_a,
        track=Track.TRYGHED,
        category=Category.HARASSMENT,
        address="Alfavej 5",
        description="Chikane i opgangen; familien har givet samtykke til deling med kommunen.",
    )
    PartyFactory(case=world.case_shared, role=PartyRole.COMPLAINANT, name="Sofie Samtykke")
    world.share = CaseShare.objects.create(
        case=world.case_shared,
        user=personas["municipal"],
        reason=ShareReason.CONSENT,
        explanation="Samtykke fra familien til at kommunen ser sagen.",
        created_by=staff_a,
    )
    # The references above are hand-picked; move the counters past them so open_case() in a
    # test gets the next free number instead of colliding with them.
    ReferenceCounter.objects.update_or_create(year=2025, defaults={"last": 1})
    ReferenceCounter.objects.update_or_create(year=2026, defaults={"last": 4})
