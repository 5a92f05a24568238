from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ingang.accounts.models import User
from ingang.agencies.models import Role, Unit
from ingang.audit.models import Outcome
from ingang.audit.services import PendingEvent, access_event_record
from ingang.cases.models import Case
from ingang.cases.services import case_open
from ingang.core.categories import Category
from ingang.people.identity_numbers import InvalidIdentityNumber, parse_identity_number
from ingang.people.models import Person
from ingang.timeline.services import timeline_event_emit


def person_register(
    *,
    actor: User,
    personal_number: str,
    given_name: str,
    family_name: str,
    street_address: str = "",
    postal_code: str = "",
    city: str = "",
    phone: str = "",
    email: str = "",
    protected_identity: bool = False,
    responsible_unit: Unit | None = None,
    is_test_data: bool = False,
) -> tuple[Person, Case]:
    """Register a person once and open their coordination case, with the actor as coordinator.

    A duplicate identity number is refused and the attempt is logged: it
    tells the actor that the person exists, which the auditors must see.
    """
    if not Role(actor.role).registers_people or actor.agency is None:
        raise ValidationError(_("Your role may not register people."))
    try:
        number = parse_identity_number(personal_number)
    except InvalidIdentityNumber as exc:
        raise ValidationError({"personal_number": str(exc)}) from None
    if not given_name.strip() or not family_name.strip():
        raise ValidationError(_("Enter both given name and family name."))
    if protected_identity and responsible_unit is None:
        responsible_unit = actor.unit
    existing = Person.objects.filter(personal_number=number.digits).first()
    if existing is not None:
        # Logged in its own transaction: the refusal must outlive the error.
        access_event_record(
            PendingEvent(
                actor,
                existing,
                f"{number.digits[:8]}-****",
                "person.register_duplicate",
                Outcome.DENIED,
                {Category.IDENTITY: "duplicate"},
            )
        )
        raise ValidationError(
            {
                "personal_number": _(
                    "A person with this identity number is already registered. "
                    "Search for them instead."
                )
            }
        )
    with transaction.atomic():
        try:
            with transaction.atomic():
                person = Person.objects.create(
                    personal_number=number.digits,
                    is_coordination_number=number.is_coordination_number,
                    given_name=given_name.strip(),
                    family_name=family_name.strip(),
                    street_address=street_address.strip(),
                    postal_code=postal_code.strip(),
                    city=city.strip(),
                    phone=phone.strip(),
                    email=email.strip(),
                    protected_identity=protected_identity,
                    responsible_unit=responsible_unit if protected_identity else None,
                    registering_agency=actor.agency,
                    is_test_data=is_test_data,
                )
        except IntegrityError:
            # Lost a race with a concurrent registration of the same number.
            raise ValidationError(
                {"personal_number": _("A person with this identity number is already registered.")}
            ) from None
        timeline_event_emit(
            person=person,
            actor=actor,
            category=Category.IDENTITY,
            kind="person.registered",
            summary=_("Person registered"),
        )
        case = case_open(person=person, actor=actor)
    return person, case
