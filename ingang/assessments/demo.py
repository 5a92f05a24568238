"""Demo assessments for one case: two or three over some months, showing progress."""

import random
from datetime import date, timedelta

from django.utils import timezone

from ingang.accounts.models import User
from ingang.assessments.selectors import instrument_current_version
from ingang.assessments.services import assessment_create, instrument_default_ensure
from ingang.cases.models import Case

COMMENTS = {
    "health": "Går på regelbundna läkarbesök.",
    "work_capacity": "Klarar fler timmar än vid förra bedömningen.",
    "swedish": "Läser SFI på kvällstid.",
    "motivation": "Har ett tydligt eget mål: arbete inom vården.",
}
NOTES = [
    "Första gemensamma bedömningen vid inskrivning.",
    "Uppföljning efter arbetsträning.",
    "Uppföljning efter praktik.",
]


def seed_case(*, case: Case, team: list[User], today: date, rng: random.Random) -> None:
    """Assessments about 5, 3 and 0 months back, registered by the coordinator (team[0])."""
    instrument_default_ensure()
    version = instrument_current_version()
    dimensions = list(version.dimensions.all())
    count = rng.choice([2, 3])
    days_back = [150, 80, 10][-count:]
    latest = min(today, timezone.localdate())
    scores = {d.code: rng.randint(1, 3) for d in dimensions}
    for index, back in enumerate(days_back):
        if index:
            scores = {code: min(5, s + rng.choice([0, 0, 1, 1, 2])) for code, s in scores.items()}
        assessors = [team[0], *rng.sample(team[1:], min(len(team) - 1, rng.randint(1, 2)))]
        assessment_create(
            person=case.person,
            case=case,
            actor=team[0],
            version=version,
            scores=scores,
            comments={code: text for code, text in COMMENTS.items() if rng.random() < 0.5},
            assessors=assessors,
            assessed_on=latest - timedelta(days=back),
            note=NOTES[index + 3 - count],
        )
