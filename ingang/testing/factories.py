"""factory_boy factories for tests. Identity numbers are generated checksum-valid."""

from datetime import date
from typing import Any

import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from ingang.accounts.models import User
from ingang.agencies.models import Agency, AgencyKind, Role, Unit
from ingang.cases.models import Case, CaseMember
from ingang.consent.models import Consent, ConsentSource
from ingang.people.models import Person
from ingang.records.models import Entry

PASSWORD = "correct horse battery staple"


def luhn_check_digit(nine_digits: str) -> int:
    total = 0
    for i, ch in enumerate(nine_digits):
        v = int(ch) * (2 - i % 2)
        total += v - 9 if v > 9 else v
    return (10 - total % 10) % 10


def identity_number(born: date, serial: int, *, coordination: bool = False) -> str:
    """A checksum-valid twelve-digit number for a birth date and a three-digit serial."""
    day = born.day + 60 if coordination else born.day
    core = f"{born:%y%m}{day:02d}{serial:03d}"
    return f"{born:%Y%m}{day:02d}{serial:03d}{luhn_check_digit(core)}"


class AgencyFactory(factory.django.DjangoModelFactory[Agency]):
    class Meta:
        model = Agency
        django_get_or_create = ("name",)

    kind = AgencyKind.EMPLOYMENT_SERVICE
    name = factory.Sequence(lambda n: f"Agency {n}")
    short_name = factory.LazyAttribute(lambda o: o.name[:20])


class UnitFactory(factory.django.DjangoModelFactory[Unit]):
    class Meta:
        model = Unit
        django_get_or_create = ("agency", "name")

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"Unit {n}")


class StaffFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    first_name = factory.Sequence(lambda n: f"Staff{n}")
    last_name = "Testsson"
    email = factory.LazyAttribute(lambda o: f"{o.username}@demo.ingang.invalid")
    unit = factory.SubFactory(UnitFactory)
    role = Role.CASEWORKER
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def totp(obj: User, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            obj.save()
            TOTPDevice.objects.get_or_create(user=obj, name="default", defaults={"confirmed": True})


class PersonFactory(factory.django.DjangoModelFactory[Person]):
    class Meta:
        model = Person

    personal_number = factory.Sequence(
        # The serial has three digits: it wraps (with the day) so that a long test
        # session never makes a thirteen-digit, invalid number.
        lambda n: identity_number(
            date(1980 + n // 25200 % 20, 1 + n // 28 % 12, 1 + n % 28), 100 + n % 900
        )
    )
    given_name = factory.Sequence(lambda n: f"Person{n}")
    family_name = "Testperson"
    street_address = "Storgatan 1"
    postal_code = "931 30"
    city = "Skellefteå"
    registering_agency = factory.SubFactory(AgencyFactory)
    is_test_data = True


class CaseFactory(factory.django.DjangoModelFactory[Case]):
    class Meta:
        model = Case

    person = factory.SubFactory(PersonFactory)
    coordinator = factory.SubFactory(StaffFactory)


def add_member(case: Case, staff: User) -> CaseMember:
    member, _created = CaseMember.objects.get_or_create(
        case=case, staff=staff, defaults={"added_by": case.coordinator}
    )
    return member


class ConsentFactory(factory.django.DjangoModelFactory[Consent]):
    class Meta:
        model = Consent
        skip_postgeneration_save = True

    person = factory.SubFactory(PersonFactory)
    categories = factory.LazyFunction(lambda: ["identity", "plan"])
    valid_from = factory.LazyFunction(lambda: date(2020, 1, 1))
    valid_until = None
    source = ConsentSource.SIGNED_FORM
    registered_by = factory.SubFactory(StaffFactory)

    @factory.post_generation
    def agencies(obj: Consent, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            obj.agencies.set(extracted)

    @factory.post_generation
    def staff(obj: Consent, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            obj.staff.set(extracted)


class EntryFactory(factory.django.DjangoModelFactory[Entry]):
    class Meta:
        model = Entry

    person = factory.SubFactory(PersonFactory)
    category = "notes"
    owning_agency = factory.SubFactory(AgencyFactory)
    author = factory.SubFactory(StaffFactory)
    title = factory.Sequence(lambda n: f"Entry {n}")
    body = "Text"
