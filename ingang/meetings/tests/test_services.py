"""Booking, moving, cancelling and noting the outcome of meetings, and what the team learns."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone
from django.utils.translation import gettext

from ingang.cases.services import case_close
from ingang.meetings.models import Meeting, MeetingChannel, MeetingState
from ingang.meetings.services import (
    meeting_cancel,
    meeting_outcome_record,
    meeting_reschedule,
    meetings_remind,
)
from ingang.testing.world import World
from ingang.timeline.models import TimelineEvent

from .helpers import book, local


def kinds(world: World) -> list[str]:
    return list(
        TimelineEvent.objects.filter(person=world.kim, kind__startswith="meeting.")
        .order_by("pk")
        .values_list("kind", flat=True)
    )


def test_it_books_a_joint_meeting_owned_by_the_bookers_agency(world: World) -> None:
    meeting = book(
        world.anna_af_caseworker,
        world.kim_case,
        [world.anna_af_caseworker, world.farid_fk_officer, world.mia_ame_coordinator],
        channel=MeetingChannel.VIDEO,
        place="",
    )

    assert meeting.owning_agency == world.af
    assert meeting.person == world.kim
    assert set(meeting.participants.all()) == {
        world.anna_af_caseworker,
        world.farid_fk_officer,
        world.mia_ame_coordinator,
    }
    event = TimelineEvent.objects.get(kind="meeting.booked")
    assert event.category == "plan"
    assert event.owning_agency == world.af


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"starts_at": local(3, 11), "ends_at": local(3, 10)},
            "ends_at",
            "The meeting must end after it starts.",
        ),
        (
            {"starts_at": local(3, 11), "ends_at": local(3, 11)},
            "ends_at",
            "The meeting must end after it starts.",
        ),
        ({"starts_at": local(-1)}, "starts_at", "The meeting cannot start in the past."),
        ({"place": "  "}, "place", "Enter the address of the visit."),
        ({"purpose": ""}, "purpose", "Enter the purpose of the meeting."),
        ({"participants": []}, "participants", "Choose at least one staff participant."),
    ],
)
def test_it_refuses_bad_bookings_with_a_clear_message_and_saves_nothing(
    world: World, overrides: dict[str, object], field: str, message: str
) -> None:
    participants = overrides.pop("participants", [world.mia_ame_coordinator])
    with pytest.raises(ValidationError) as caught:
        book(world.mia_ame_coordinator, world.kim_case, participants, **overrides)  # type: ignore[arg-type]

    assert caught.value.message_dict[field] == [gettext(message)]
    assert not Meeting.objects.exists()
    assert kinds(world) == []


def test_it_refuses_participants_who_are_not_on_the_team(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        book(
            world.mia_ame_coordinator,
            world.kim_case,
            [world.mia_ame_coordinator, world.henrik_region_nurse],
        )

    assert world.henrik_region_nurse.display_name in caught.value.message_dict["participants"][0]
    assert not Meeting.objects.exists()


def test_it_refuses_to_book_in_a_closed_case(world: World) -> None:
    case_close(case=world.kim_case, actor=world.mia_ame_coordinator)

    with pytest.raises(ValidationError) as caught:
        book(world.mia_ame_coordinator, world.kim_case, [world.mia_ame_coordinator])

    assert caught.value.messages == [
        gettext("The case is closed; no meetings can be booked in it.")
    ]
    assert not Meeting.objects.exists()


def test_it_refuses_staff_who_are_not_on_the_team_to_book(world: World) -> None:
    with pytest.raises(PermissionDenied):
        book(world.henrik_region_nurse, world.kim_case, [world.mia_ame_coordinator])
    assert not Meeting.objects.exists()


def test_it_lets_only_a_participant_note_the_outcome_and_only_once_it_started(
    world: World,
) -> None:
    meeting = book(world.mia_ame_coordinator, world.kim_case, [world.anna_af_caseworker])

    with pytest.raises(ValidationError) as early:
        meeting_outcome_record(meeting=meeting, actor=world.anna_af_caseworker, outcome="Bra")
    assert early.value.messages == [
        gettext("The outcome can be noted once the meeting has started.")
    ]
    started = meeting.starts_at + timedelta(minutes=5)
    with pytest.raises(ValidationError) as not_participant:
        meeting_outcome_record(
            meeting=meeting, actor=world.farid_fk_officer, outcome="Bra", now=started
        )
    assert not_participant.value.messages == [
        gettext("Only a participant can note the outcome of the meeting.")
    ]

    meeting_outcome_record(
        meeting=meeting, actor=world.anna_af_caseworker, outcome="Praktik från maj", now=started
    )

    meeting.refresh_from_db()
    assert meeting.outcome == "Praktik från maj"
    assert meeting.outcome_by == world.anna_af_caseworker
    assert kinds(world) == ["meeting.booked", "meeting.outcome_recorded"]


def test_it_moves_and_cancels_with_timeline_events_and_a_fresh_reminder(world: World) -> None:
    meeting = book(world.mia_ame_coordinator, world.kim_case, [world.anna_af_caseworker])
    meeting.reminded_at = timezone.now()
    meeting.save()

    meeting_reschedule(
        meeting=meeting,
        actor=world.anna_af_caseworker,
        starts_at=local(5, 13),
        ends_at=local(5, 14),
        channel=MeetingChannel.PHONE,
    )
    meeting.refresh_from_db()
    assert meeting.starts_at == local(5, 13)
    assert meeting.reminded_at is None

    with pytest.raises(ValidationError):
        meeting_cancel(meeting=meeting, actor=world.farid_fk_officer, reason="Sjuk")
    meeting_cancel(meeting=meeting, actor=world.anna_af_caseworker, reason="Sjuk")

    meeting.refresh_from_db()
    assert meeting.state == MeetingState.CANCELLED
    assert kinds(world) == ["meeting.booked", "meeting.rescheduled", "meeting.cancelled"]


def test_it_refuses_to_move_a_meeting_to_end_before_it_starts(world: World) -> None:
    meeting = book(world.mia_ame_coordinator, world.kim_case, [world.anna_af_caseworker])
    before = meeting.starts_at

    with pytest.raises(ValidationError) as caught:
        meeting_reschedule(
            meeting=meeting,
            actor=world.mia_ame_coordinator,
            starts_at=local(5, 13),
            ends_at=local(5, 12),
            channel=MeetingChannel.VISIT,
            place="Kanalgatan 4",
        )

    assert caught.value.message_dict["ends_at"] == [
        gettext("The meeting must end after it starts.")
    ]
    meeting.refresh_from_db()
    assert meeting.starts_at == before


def test_it_reminds_of_meetings_within_the_window_once(world: World) -> None:
    soon = book(
        world.mia_ame_coordinator,
        world.kim_case,
        [world.anna_af_caseworker],
        starts_at=timezone.now() + timedelta(hours=3),
    )
    later = book(
        world.mia_ame_coordinator,
        world.kim_case,
        [world.anna_af_caseworker],
        starts_at=timezone.now() + timedelta(days=3),
    )
    cancelled = book(
        world.mia_ame_coordinator,
        world.kim_case,
        [world.anna_af_caseworker],
        starts_at=timezone.now() + timedelta(hours=4),
    )
    meeting_cancel(meeting=cancelled, actor=world.mia_ame_coordinator, reason="Flyttat")

    call_command("meetings_remind", "--hours=24")
    call_command("meetings_remind", "--hours=24")
    assert meetings_remind(window=timedelta(hours=24)) == 0

    reminders = TimelineEvent.objects.filter(kind="meeting.reminder")
    assert reminders.count() == 1
    assert reminders.get().category == "plan"
    soon.refresh_from_db()
    later.refresh_from_db()
    assert soon.reminded_at is not None
    assert later.reminded_at is None
