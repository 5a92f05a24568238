"""Helpers for the plan tests: activities written through the service, as staff would."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from ingang.accounts.models import User
from ingang.cases.models import Case
from ingang.plans.models import Activity
from ingang.plans.services import activity_create


def today() -> date:
    return timezone.localdate()


def day(offset: int) -> date:
    """A day relative to today (the world's case opened today)."""
    return today() + timedelta(days=offset)


def add(
    case: Case,
    actor: User,
    type: str,
    start: int = 0,
    end: int | None = 30,
    *,
    hours: int | str | None = None,
    percent: int | None = None,
    **fields: Any,
) -> Activity:
    """An activity of the actor's agency from day `start` to day `end` (offsets from today)."""
    if hours is None and percent is None:
        hours = 10
    return activity_create(
        case=case,
        actor=actor,
        type=type,
        responsible=fields.pop("responsible", actor),
        start_date=day(start),
        end_date=day(end) if end is not None else None,
        hours_per_week=Decimal(hours) if hours is not None else None,
        percent=percent,
        **fields,
    )
