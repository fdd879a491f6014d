import factory
from django.contrib.auth import get_user_model
from factory.django import DjangoModelFactory

from boligsocial.organisations.models import (
    Area,
    Department,
    Lease,
    Membership,
    Municipality,
    Organisation,
)
from boligsocial.organisations.validators import CVR_WEIGHTS


def valid_cvr(n: int) -> str:
    """The n-th valid CVR number from 10000000 upwards (deterministic, for tests and demo)."""
    candidate = 10000000
    found = -1
    while True:
        digits = str(candidate)
        if sum(int(d) * w for d, w in zip(digits, CVR_WEIGHTS, strict=True)) % 11 == 0:
            found += 1
            if found == n:
                return digits
        candidate += 1


def municipality(code: int) -> Municipality:
    return Municipality.objects.get(code=code)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Bruger {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("demo")


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Boligforeningen Test {n}")
    cvr = factory.Sequence(lambda n: valid_cvr(n))
    lbf_number = factory.Sequence(lambda n: 100 + n)


class DepartmentFactory(DjangoModelFactory):
    class Meta:
        model = Department

    organisation = factory.SubFactory(OrganisationFactory)
    number = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Testparken {n}")
    address = factory.Sequence(lambda n: f"Testvej {n}")
    postal_code = "8000"
    city = "Aarhus C"
    municipality = factory.LazyFunction(lambda: municipality(751))
    lease_count = 100
    year_built = 1970


class AreaFactory(DjangoModelFactory):
    class Meta:
        model = Area

    name = factory.Sequence(lambda n: f"Testområdet {n}")
    municipality = factory.LazyFunction(lambda: municipality(751))


class LeaseFactory(DjangoModelFactory):
    class Meta:
        model = Lease

    department = factory.SubFactory(DepartmentFactory)
    address = factory.Sequence(lambda n: f"Testvej {n // 8 + 1}")
    unit = factory.Sequence(lambda n: f"{n % 4}. {'th' if n % 8 < 4 else 'tv'}.")
    area_m2 = "72.5"
    rooms = 3


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
