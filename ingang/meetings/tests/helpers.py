"""Shared helpers for meeting tests (also used by the intake tests)."""

from datetime import datetime, time, timedelta
from typing import Any

from django.utils import timezone

from ingang.accounts.models import User
from ingang.cases.models import Case
from ingang.meetings.models import Meeting, MeetingChannel
from ingang.meetings.services import meeting_book


def local(days: int, hour: int = 10, minute: int = 0) -> datetime:
    """An aware time `days` from today at hour:minute, Swedish time."""
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(
        datetime.combine(day, time(hour, minute)), timezone.get_current_timezone()
    )


def book(actor: User, case: Case, participants: list[User], **overrides: Any) -> Meeting:
    starts = overrides.pop("starts_at", local(3))
    fields: dict[str, Any] = {
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=1),
        "channel": MeetingChannel.VISIT,
        "place": "Kanalgatan 4, Skellefteå",
        "purpose": "Gemensam planering",
        "participants": participants,
        **overrides,
    }
    return meeting_book(actor=actor, case=case, **fields)
