"""Demo meetings for one case, written through the services."""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from ingang.accounts.models import User
from ingang.cases.models import Case
from ingang.meetings.models import MeetingChannel
from ingang.meetings.services import meeting_book, meeting_outcome_record

_PURPOSES = [
    "Uppstartsmöte: gemensam planering",
    "Uppföljning av handlingsplanen",
    "Avstämning inför praktik",
    "Trepartssamtal om sjukskrivning och arbetsträning",
]
_OUTCOMES = [
    "Vi kom överens om att börja med arbetsträning 25 % i fyra veckor.",
    "Personen vill studera vidare; AF undersöker möjligheten till studiemotiverande kurs.",
    "Läkarintyget förlängs; ny avstämning om sex veckor.",
]
_PLACES = {
    MeetingChannel.VISIT: "Ingången, Kanalgatan 4, Skellefteå",
    MeetingChannel.PHONE: "Personen ringer upp på 0910-73 50 00",
    MeetingChannel.VIDEO: "Länk skickas via e-post",
}


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)), timezone.get_current_timezone())


def seed_case(*, case: Case, team: list[User], today: date, rng: random.Random) -> None:
    """Two past meetings with outcome notes and one or two upcoming ones.

    team[0] is the coordinator and books every meeting; all of `team` must
    already be on the case team.
    """
    coordinator = team[0]
    for weeks_ago in (6, 2):
        day = today - timedelta(weeks=weeks_ago, days=rng.randint(0, 3))
        starts = _at(day, rng.choice([9, 10, 13, 14]))
        participants = [coordinator, *rng.sample(team[1:], k=min(len(team) - 1, 2))]
        meeting = meeting_book(
            actor=coordinator,
            case=case,
            starts_at=starts,
            ends_at=starts + timedelta(hours=1),
            channel=MeetingChannel.VISIT,
            place=_PLACES[MeetingChannel.VISIT],
            purpose=rng.choice(_PURPOSES),
            participants=participants,
            now=starts - timedelta(days=7),
        )
        meeting_outcome_record(
            meeting=meeting,
            actor=coordinator,
            outcome=rng.choice(_OUTCOMES),
            now=starts + timedelta(hours=1),
        )
    for days_ahead in sorted(rng.sample(range(1, 21), k=rng.randint(1, 2))):
        starts = _at(today + timedelta(days=days_ahead), rng.choice([9, 10, 13, 15]))
        channel = rng.choice(list(MeetingChannel))
        meeting_book(
            actor=coordinator,
            case=case,
            starts_at=starts,
            ends_at=starts + timedelta(minutes=rng.choice([30, 60])),
            channel=channel,
            place=_PLACES[channel],
            purpose=rng.choice(_PURPOSES),
            participants=[coordinator, *rng.sample(team[1:], k=min(len(team) - 1, 1))],
            now=starts - timedelta(days=7),
        )
