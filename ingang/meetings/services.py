"""Writes to meetings. Each checks the actor's relation to the person and tells the team."""

from collections.abc import Sequence
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ingang.access.services import ensure_may_act
from ingang.accounts.models import User
from ingang.cases.models import Case, CaseMember, CaseState
from ingang.core.categories import Category
from ingang.meetings.models import Meeting, MeetingChannel, MeetingState
from ingang.timeline.services import timeline_event_emit


def _when(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def _validate_times(starts_at: datetime, ends_at: datetime, now: datetime) -> None:
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The meeting must end after it starts.")})
    if starts_at < now:
        raise ValidationError({"starts_at": _("The meeting cannot start in the past.")})


def _validate_place(channel: str, place: str) -> None:
    if channel not in MeetingChannel.values:
        raise ValidationError({"channel": _("Choose visit, phone or video.")})
    if channel == MeetingChannel.VISIT and not place.strip():
        raise ValidationError({"place": _("Enter the address of the visit.")})


def _may_change(meeting: Meeting, actor: User) -> None:
    ensure_may_act(actor=actor, person=meeting.person)
    if meeting.state != MeetingState.BOOKED:
        raise ValidationError(_("The meeting is cancelled."))
    allowed = {meeting.booked_by_id, meeting.case.coordinator_id}
    if actor.pk not in allowed and not meeting.participants.filter(pk=actor.pk).exists():
        raise ValidationError(
            _("Only the booker, a participant or the coordinator can change the meeting.")
        )


@transaction.atomic
def meeting_book(
    *,
    actor: User,
    case: Case,
    starts_at: datetime,
    ends_at: datetime,
    channel: str,
    place: str = "",
    purpose: str,
    participants: Sequence[User],
    person_attends: bool = True,
    now: datetime | None = None,
) -> Meeting:
    """Book a meeting in an open case with named staff from the team.

    `now` lets the demo builder book history as it was booked at the time.
    """
    now = now or timezone.now()
    if case.state != CaseState.OPEN:
        raise ValidationError(_("The case is closed; no meetings can be booked in it."))
    ensure_may_act(actor=actor, person=case.person)
    agency = actor.agency
    if agency is None:
        raise ValidationError(_("Only staff of an agency can book meetings."))
    _validate_times(starts_at, ends_at, now)
    _validate_place(channel, place)
    if not purpose.strip():
        raise ValidationError({"purpose": _("Enter the purpose of the meeting.")})
    if not participants:
        raise ValidationError({"participants": _("Choose at least one staff participant.")})
    team = set(CaseMember.objects.filter(case=case).values_list("staff_id", flat=True))
    outside = [p.display_name for p in participants if p.pk not in team]
    if outside:
        raise ValidationError(
            {
                "participants": _("Not on the case team: %(names)s. Add them to the team first.")
                % {"names": ", ".join(outside)}
            }
        )
    meeting = Meeting.objects.create(
        person=case.person,
        case=case,
        owning_agency=agency,
        booked_by=actor,
        starts_at=starts_at,
        ends_at=ends_at,
        channel=channel,
        place=place.strip(),
        purpose=purpose.strip(),
        person_attends=person_attends,
    )
    meeting.participants.set(participants)
    timeline_event_emit(
        person=case.person,
        actor=actor,
        category=Category.PLAN,
        kind="meeting.booked",
        summary=_("Meeting booked for %(when)s") % {"when": _when(starts_at)},
    )
    return meeting


@transaction.atomic
def meeting_reschedule(
    *,
    meeting: Meeting,
    actor: User,
    starts_at: datetime,
    ends_at: datetime,
    channel: str,
    place: str = "",
    now: datetime | None = None,
) -> Meeting:
    """Move a booked meeting; a new reminder will be sent for the new time."""
    _may_change(meeting, actor)
    _validate_times(starts_at, ends_at, now or timezone.now())
    _validate_place(channel, place)
    meeting.starts_at = starts_at
    meeting.ends_at = ends_at
    meeting.channel = channel
    meeting.place = place.strip()
    meeting.reminded_at = None
    meeting.save(update_fields=["starts_at", "ends_at", "channel", "place", "reminded_at"])
    timeline_event_emit(
        person=meeting.person,
        actor=actor,
        category=Category.PLAN,
        kind="meeting.rescheduled",
        summary=_("Meeting moved to %(when)s") % {"when": _when(starts_at)},
    )
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, actor: User, reason: str) -> Meeting:
    _may_change(meeting, actor)
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason for the cancellation.")})
    meeting.state = MeetingState.CANCELLED
    meeting.cancelled_at = timezone.now()
    meeting.cancel_reason = reason.strip()
    meeting.save(update_fields=["state", "cancelled_at", "cancel_reason"])
    timeline_event_emit(
        person=meeting.person,
        actor=actor,
        category=Category.PLAN,
        kind="meeting.cancelled",
        summary=_("Meeting on %(when)s cancelled") % {"when": _when(meeting.starts_at)},
    )
    return meeting


@transaction.atomic
def meeting_outcome_record(
    *, meeting: Meeting, actor: User, outcome: str, now: datetime | None = None
) -> Meeting:
    """Note what came out of a meeting: only a participant, and only once it has started."""
    ensure_may_act(actor=actor, person=meeting.person)
    if meeting.state != MeetingState.BOOKED:
        raise ValidationError(_("The meeting is cancelled."))
    if not meeting.participants.filter(pk=actor.pk).exists():
        raise ValidationError(_("Only a participant can note the outcome of the meeting."))
    now = now or timezone.now()
    if meeting.starts_at > now:
        raise ValidationError(_("The outcome can be noted once the meeting has started."))
    if not outcome.strip():
        raise ValidationError({"outcome": _("Write what came out of the meeting.")})
    meeting.outcome = outcome.strip()
    meeting.outcome_by = actor
    meeting.outcome_at = now
    meeting.save(update_fields=["outcome", "outcome_by", "outcome_at"])
    timeline_event_emit(
        person=meeting.person,
        actor=actor,
        category=Category.PLAN,
        kind="meeting.outcome_recorded",
        summary=_("Outcome noted for the meeting on %(when)s") % {"when": _when(meeting.starts_at)},
    )
    return meeting


def meetings_remind(*, window: timedelta, now: datetime | None = None) -> int:
    """Mark booked meetings starting within `window` as reminded, once each.

    Each reminder is a timeline event of kind "meeting.reminder" (acted by the
    booker, on whose behalf it goes out); notifications are built from it.
    Rows are locked and re-checked, so overlapping runs remind each meeting once.
    """
    now = now or timezone.now()
    due = Meeting.objects.filter(
        state=MeetingState.BOOKED,
        reminded_at__isnull=True,
        starts_at__gte=now,
        starts_at__lte=now + window,
    )
    sent = 0
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            meeting = (
                Meeting.objects.select_for_update(of=("self",))
                .select_related("person", "booked_by__unit__agency")
                .filter(pk=pk, reminded_at__isnull=True, state=MeetingState.BOOKED)
                .first()
            )
            if meeting is None:
                continue
            meeting.reminded_at = now
            meeting.save(update_fields=["reminded_at"])
            timeline_event_emit(
                person=meeting.person,
                actor=meeting.booked_by,
                category=Category.PLAN,
                kind="meeting.reminder",
                summary=_("Reminder: meeting on %(when)s") % {"when": _when(meeting.starts_at)},
            )
            sent += 1
    return sent
