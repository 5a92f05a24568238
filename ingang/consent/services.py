from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ingang.access.services import ensure_may_act
from ingang.accounts.models import User
from ingang.agencies.models import Agency
from ingang.cases.models import Case, CaseState
from ingang.consent.models import STAFF_SOURCES, Block, Consent, ConsentSource
from ingang.consent.selectors import consent_agencies_for
from ingang.core.categories import Category
from ingang.people.models import Person
from ingang.records.models import Entry
from ingang.timeline.services import timeline_event_emit, timeline_event_emit_by_person


def _categories(values: Iterable[str]) -> list[str]:
    chosen: list[str] = []
    for value in values:
        try:
            chosen.append(Category(value).value)
        except ValueError:
            raise ValidationError(
                {"categories": _("Unknown category: %(value)s") % {"value": value}}
            ) from None
    if not chosen:
        raise ValidationError({"categories": _("Choose at least one category of data.")})
    return sorted(set(chosen))


def consent_register(
    *,
    person: Person,
    actor: User,
    categories: Iterable[str],
    agencies: Iterable[Agency] = (),
    staff: Iterable[User] = (),
    valid_from: date,
    valid_until: date | None,
    source: str,
    witness: str = "",
    note: str = "",
) -> Consent:
    """Register the person's consent. Validated whole before anything is saved."""
    ensure_may_act(actor=actor, person=person)
    chosen = _categories(categories)
    agency_list, staff_list = list(agencies), list(staff)
    errors: dict[str, str] = {}
    if not agency_list and not staff_list:
        errors["agencies"] = _("Choose at least one agency or named staff member.")
    if valid_until is not None and valid_until < valid_from:
        errors["valid_until"] = _("The consent cannot end before it starts.")
    if source not in STAFF_SOURCES:  # "digital" is the person's own act on My pages
        errors["source"] = _("Choose how the consent was given.")
    if source == ConsentSource.ORAL_WITH_WITNESS and not witness.strip():
        errors["witness"] = _("An oral consent needs the name of a witness.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        consent = Consent.objects.create(
            person=person,
            categories=chosen,
            valid_from=valid_from,
            valid_until=valid_until,
            source=source,
            witness=witness.strip(),
            note=note.strip(),
            registered_by=actor,
        )
        consent.agencies.set(agency_list)
        consent.staff.set(staff_list)
        timeline_event_emit(
            person=person,
            actor=actor,
            category=Category.IDENTITY,
            kind="consent.registered",
            summary=_("Consent registered"),
        )
    return consent


def consent_withdraw(*, consent: Consent, actor: User, reason: str = "") -> Consent:
    """Withdraw a consent; the gate denies on the very next request."""
    ensure_may_act(actor=actor, person=consent.person)
    with transaction.atomic():
        locked = Consent.objects.select_for_update().get(pk=consent.pk)
        if locked.withdrawn_at is not None:
            raise ValidationError(_("The consent is already withdrawn."))
        locked.withdrawn_at = timezone.now()
        locked.withdrawn_by = actor
        locked.withdrawal_reason = reason.strip()
        locked.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
        timeline_event_emit(
            person=locked.person,
            actor=actor,
            category=Category.IDENTITY,
            kind="consent.withdrawn",
            summary=_("Consent withdrawn"),
        )
    return locked


def block_create(
    *,
    person: Person,
    actor: User,
    category: str = "",
    entry: Entry | None = None,
    reason: str = "",
) -> Block:
    """Block a category, or one entry, from everyone outside the owning agency."""
    ensure_may_act(actor=actor, person=person)
    if bool(category) == (entry is not None):
        raise ValidationError(_("Block either a whole category or a single entry."))
    if category:
        category = Category(_categories([category])[0])
        if Block.objects.filter(person=person, category=category, lifted_at__isnull=True).exists():
            raise ValidationError({"category": _("That category is already blocked.")})
    if entry is not None and entry.person_id != person.pk:
        raise ValidationError(_("The entry belongs to another person."))
    with transaction.atomic():
        block = Block.objects.create(
            person=person, category=category, entry=entry, reason=reason.strip(), created_by=actor
        )
        timeline_event_emit(
            person=person,
            actor=actor,
            category=Category.IDENTITY,
            kind="block.created",
            summary=_("Block added"),
        )
    return block


def block_lift(*, block: Block, actor: User) -> Block:
    ensure_may_act(actor=actor, person=block.person)
    with transaction.atomic():
        locked = Block.objects.select_for_update().get(pk=block.pk)
        if locked.lifted_at is not None:
            raise ValidationError(_("The block is already lifted."))
        locked.lifted_at = timezone.now()
        locked.lifted_by = actor
        locked.save(update_fields=["lifted_at", "lifted_by"])
        timeline_event_emit(
            person=locked.person,
            actor=actor,
            category=Category.IDENTITY,
            kind="block.lifted",
            summary=_("Block lifted"),
        )
    return locked


# The person's own acts on My pages (ingang.portal). No staff actor: registered_by,
# withdrawn_by, created_by and lifted_by stay empty, which means "the person". Each
# act is told to the team through a timeline event owned by the coordinator's agency.


def _acting_agency(person: Person) -> Agency:
    """The agency that owns the person's own acts for the gate: the coordinator's, else the
    registering agency (no open case)."""
    case = (
        Case.objects.select_related("coordinator__unit__agency")
        .filter(person=person, state=CaseState.OPEN)
        .first()
    )
    if case is not None and case.coordinator.agency is not None:
        return case.coordinator.agency
    return person.registering_agency


def consent_give_by_person(
    *,
    person: Person,
    agencies: Iterable[Agency],
    categories: Iterable[str],
    valid_until: date | None = None,
) -> Consent:
    """The person gives consent on My pages, from today. Validated whole before anything is saved.

    Only agencies on the person's case team can be chosen: consent to anyone
    else would give nobody access (the gate also requires the team relation),
    and a tampered choice must not be stored as if the person had made it.
    """
    today = timezone.localdate()
    errors: dict[str, str] = {}
    try:
        chosen = _categories(categories)
    except ValidationError as exc:
        errors.update({k: v[0] for k, v in exc.message_dict.items()})
    agency_list = list(agencies)
    allowed = {a.pk for a in consent_agencies_for(person)}
    if not agency_list:
        errors["agencies"] = _("Choose at least one agency.")
    elif any(a.pk not in allowed for a in agency_list):
        errors["agencies"] = _("You can give consent only to agencies on your team.")
    if valid_until is not None and valid_until < today:
        errors["valid_until"] = _("The end date cannot be before today.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        consent = Consent.objects.create(
            person=person,
            categories=chosen,
            valid_from=today,
            valid_until=valid_until,
            source=ConsentSource.DIGITAL,
            registered_by=None,
        )
        consent.agencies.set(agency_list)
        timeline_event_emit_by_person(
            person=person,
            agency=_acting_agency(person),
            category=Category.IDENTITY,
            kind="consent.registered",
            summary=_("Consent given on My pages"),
        )
    return consent


def consent_withdraw_by_person(*, person: Person, consent: Consent) -> Consent:
    """The person withdraws one of their consents; the gate denies on the very next request."""
    if consent.person_id != person.pk:
        raise ValueError("A person withdraws only their own consents.")
    with transaction.atomic():
        locked = Consent.objects.select_for_update().get(pk=consent.pk)
        if locked.withdrawn_at is not None:
            raise ValidationError(_("The consent is already withdrawn."))
        locked.withdrawn_at = timezone.now()
        locked.withdrawn_by = None
        locked.withdrawal_reason = ""
        locked.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
        timeline_event_emit_by_person(
            person=person,
            agency=_acting_agency(person),
            category=Category.IDENTITY,
            kind="consent.withdrawn",
            summary=_("Consent withdrawn on My pages"),
        )
    return locked


def block_add_by_person(*, person: Person, category: str) -> Block:
    """The person blocks a whole category for every agency but the one that recorded it."""
    try:
        chosen = Category(_categories([category])[0])
    except ValidationError:
        raise ValidationError({"category": _("Choose a category to block.")}) from None
    with transaction.atomic():
        if (
            Block.objects.select_for_update()
            .filter(person=person, category=chosen, lifted_at__isnull=True)
            .exists()
        ):
            raise ValidationError({"category": _("That category is already blocked.")})
        block = Block.objects.create(person=person, category=chosen, created_by=None)
        timeline_event_emit_by_person(
            person=person,
            agency=_acting_agency(person),
            category=Category.IDENTITY,
            kind="block.created",
            summary=_("Block added on My pages"),
        )
    return block


def block_lift_by_person(*, person: Person, block: Block) -> Block:
    """The person lifts a block they made themselves on My pages.

    A block staff made is lifted by staff: it may protect something the
    person asked for in a meeting, or a single entry, for a reason recorded
    with the block. The person asks their coordinator.
    """
    if block.person_id != person.pk:
        raise ValueError("A person lifts only their own blocks.")
    with transaction.atomic():
        locked = Block.objects.select_for_update().get(pk=block.pk)
        if not locked.made_by_person:
            raise ValidationError(
                _("Staff made this block. Ask your coordinator if you want it lifted.")
            )
        if locked.lifted_at is not None:
            raise ValidationError(_("The block is already lifted."))
        locked.lifted_at = timezone.now()
        locked.lifted_by = None
        locked.save(update_fields=["lifted_at", "lifted_by"])
        timeline_event_emit_by_person(
            person=person,
            agency=_acting_agency(person),
            category=Category.IDENTITY,
            kind="block.lifted",
            summary=_("Block lifted on My pages"),
        )
    return locked
