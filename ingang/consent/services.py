from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ingang.access.services import ensure_may_act
from ingang.accounts.models import User
from ingang.agencies.models import Agency
from ingang.consent.models import Block, Consent, ConsentSource
from ingang.core.categories import Category
from ingang.people.models import Person
from ingang.records.models import Entry
from ingang.timeline.services import timeline_event_emit


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
    if source not in ConsentSource.values:
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
