"""Reads of meetings. Display goes through the gate: these give the gate its rows."""

from datetime import datetime, timedelta

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from ingang.access.selectors import ListedItem, Listing, Source, items_listed_read
from ingang.accounts.models import User
from ingang.cases.models import Case
from ingang.core.categories import Category
from ingang.meetings.models import Meeting, MeetingState
from ingang.people.models import Person


def _with_people(meetings: "QuerySet[Meeting]") -> "QuerySet[Meeting]":
    return meetings.select_related("owning_agency", "booked_by", "outcome_by").prefetch_related(
        Prefetch(
            "participants",
            queryset=User.objects.select_related("unit__agency").order_by("last_name"),
        )
    )


def team_staff(case: Case) -> "QuerySet[User]":
    """The staff on a case's team: who may take part in its meetings."""
    return (
        User.objects.filter(case_memberships__case=case)
        .select_related("unit__agency")
        .order_by("last_name", "first_name")
    )


def meetings_of(person: Person) -> "QuerySet[Meeting]":
    """Every meeting of a person, for a gated read (Source of category plan)."""
    return _with_people(Meeting.objects.filter(person=person)).order_by("-starts_at", "-pk")


MEETINGS_SOURCE = Source(Category.PLAN, meetings_of)


def meetings_upcoming_for(user: User, *, days: int = 14) -> "QuerySet[Meeting]":
    """Candidate rows: booked meetings the user takes part in, from now on for `days` days.

    Pass them through a list gate (items_listed_read) before display.
    """
    now = timezone.now()
    return meetings_between(user, now, now + timedelta(days=days))


def meetings_between(user: User, start: datetime, end: datetime) -> "QuerySet[Meeting]":
    return (
        _with_people(
            Meeting.objects.filter(
                participants=user,
                state=MeetingState.BOOKED,
                starts_at__gte=start,
                starts_at__lt=end,
            )
        )
        .select_related("person")
        .order_by("starts_at", "pk")
    )


def calendar_read(*, reader: User, start: datetime, end: datetime) -> list[ListedItem]:
    """The reader's meetings in [start, end) as the gate lets them see them.

    Each person involved gets an access event (action "meeting.calendar").
    """
    rows = list(meetings_between(reader, start, end))
    listed = items_listed_read(
        reader=reader,
        listings={"meetings": Listing(Category.PLAN, rows)},
        action="meeting.calendar",
    )
    return listed["meetings"]
