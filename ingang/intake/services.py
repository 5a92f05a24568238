"""The one door in: register a contact, route it, and close it only with a next meeting."""

from collections.abc import Sequence
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ingang.access.services import ensure_may_act
from ingang.accounts.models import User
from ingang.cases.models import Case, CaseMember, CaseState
from ingang.cases.services import case_member_add
from ingang.core.categories import Category
from ingang.intake.models import Contact, ContactChannel, ContactState
from ingang.meetings.models import Meeting, MeetingState
from ingang.meetings.services import meeting_book
from ingang.people.identity_numbers import InvalidIdentityNumber, parse_identity_number
from ingang.people.models import Person
from ingang.people.services import person_register
from ingang.timeline.services import timeline_event_emit


def _validate_contact(channel: str, need: str) -> None:
    if channel not in ContactChannel.values:
        raise ValidationError({"channel": _("Choose how the person made contact.")})
    if not need.strip():
        raise ValidationError({"need": _("Write down the need in the person's own words.")})


@transaction.atomic
def contact_register(*, actor: User, case: Case, channel: str, need: str) -> Contact:
    """Record a contact for a person whose team the actor is on."""
    ensure_may_act(actor=actor, person=case.person)
    if case.state != CaseState.OPEN:
        raise ValidationError(_("The case is closed."))
    _validate_contact(channel, need)
    agency = actor.agency
    if agency is None:
        raise ValidationError(_("Only staff of an agency can record contacts."))
    contact = Contact.objects.create(
        person=case.person,
        case=case,
        owning_agency=agency,
        registered_by=actor,
        channel=channel,
        need=need.strip(),
    )
    timeline_event_emit(
        person=case.person,
        actor=actor,
        category=Category.NOTES,
        kind="intake.contact_registered",
        summary=_("Contact registered (%(channel)s)") % {"channel": ContactChannel(channel).label},
    )
    return contact


def contact_register_new_person(
    *,
    actor: User,
    channel: str,
    need: str,
    personal_number: str,
    given_name: str,
    family_name: str,
    **details: str | bool,
) -> Contact:
    """Register a new person (opening their case, actor as coordinator) and their first contact.

    Not one transaction on purpose: person_register logs a refused duplicate
    in its own transaction, and that event must survive the refusal. The
    contact's own input is checked first, so bad input saves nothing.
    """
    _validate_contact(channel, need)
    try:
        _person, case = person_register(
            actor=actor,
            personal_number=personal_number,
            given_name=given_name,
            family_name=family_name,
            **details,  # type: ignore[arg-type]
        )
    except ValidationError as exc:
        if _registered(personal_number):
            # person_register has logged the refused duplicate; say what the desk can do.
            raise ValidationError(
                {
                    "personal_number": _(
                        "This person is already registered and has a team you are not on. "
                        "A contact is recorded by the person's team: ask the person who their "
                        "coordinator is and hand over to them, or ask the coordinator to add "
                        "you to the team."
                    )
                }
            ) from exc
        raise
    return contact_register(actor=actor, case=case, channel=channel, need=need)


def _registered(personal_number: str) -> bool:
    try:
        digits = parse_identity_number(personal_number).digits
    except InvalidIdentityNumber:
        return False
    return Person.objects.filter(personal_number=digits).exists()


def _ensure_open(contact: Contact, actor: User) -> None:
    ensure_may_act(actor=actor, person=contact.person)
    if contact.state != ContactState.OPEN:
        raise ValidationError(_("The contact is already closed."))


@transaction.atomic
def contact_route(*, contact: Contact, actor: User, staff: User) -> Contact:
    """Route the contact to a named staff member, who joins the team if not on it yet."""
    _ensure_open(contact, actor)
    if not CaseMember.objects.filter(case=contact.case, staff=staff).exists():
        case_member_add(case=contact.case, staff=staff, actor=actor)
    contact.routed_to = staff
    contact.routed_at = timezone.now()
    contact.save(update_fields=["routed_to", "routed_at"])
    timeline_event_emit(
        person=contact.person,
        actor=actor,
        category=Category.PLAN,
        kind="intake.contact_routed",
        summary=_("Contact routed to %(name)s (%(agency)s)")
        % {"name": staff.display_name, "agency": staff.agency},
    )
    return contact


@transaction.atomic
def contact_close(
    *,
    contact: Contact,
    actor: User,
    next_step: str,
    meeting: Meeting | None,
    now: datetime | None = None,
) -> Contact:
    """Close a contact. Nobody leaves without a next step and a booked next meeting."""
    _ensure_open(contact, actor)
    if not next_step.strip():
        raise ValidationError({"next_step": _("Write the next step for the person.")})
    if meeting is None:
        raise ValidationError(_("Book the next meeting: a contact cannot be closed without one."))
    if meeting.case_id != contact.case_id or meeting.state != MeetingState.BOOKED:
        raise ValidationError(_("The next meeting must be a booked meeting in the person's case."))
    if meeting.starts_at <= (now or timezone.now()):
        raise ValidationError(_("The next meeting must be in the future."))
    contact.state = ContactState.CLOSED
    contact.next_step = next_step.strip()
    contact.next_meeting = meeting
    contact.closed_at = timezone.now()
    contact.closed_by = actor
    contact.save(update_fields=["state", "next_step", "next_meeting", "closed_at", "closed_by"])
    timeline_event_emit(
        person=contact.person,
        actor=actor,
        category=Category.NOTES,
        kind="intake.contact_closed",
        summary=_("Contact closed with a next step and a booked meeting"),
    )
    return contact


@transaction.atomic
def contact_close_with_meeting(
    *,
    contact: Contact,
    actor: User,
    next_step: str,
    starts_at: datetime,
    ends_at: datetime,
    channel: str,
    place: str = "",
    purpose: str,
    participants: Sequence[User],
    person_attends: bool = True,
) -> Contact:
    """Book the next meeting and close the contact, both or neither."""
    _ensure_open(contact, actor)
    if not next_step.strip():
        raise ValidationError({"next_step": _("Write the next step for the person.")})
    meeting = meeting_book(
        actor=actor,
        case=contact.case,
        starts_at=starts_at,
        ends_at=ends_at,
        channel=channel,
        place=place,
        purpose=purpose,
        participants=participants,
        person_attends=person_attends,
    )
    return contact_close(contact=contact, actor=actor, next_step=next_step, meeting=meeting)
