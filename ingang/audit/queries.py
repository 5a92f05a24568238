"""Filtering the access log. Callers have passed the gate for the person (or are auditors)."""

from datetime import datetime, time, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from ingang.audit.models import AccessEvent
from ingang.people.models import Person


def access_events_filtered(
    *, person: Person | None = None, filters: dict[str, Any] | None = None
) -> QuerySet[AccessEvent]:
    events = AccessEvent.objects.all()
    if person is not None:
        events = events.filter(person=person)
    filters = filters or {}
    tz = timezone.get_current_timezone()
    if filters.get("date_from"):
        events = events.filter(
            occurred_at__gte=datetime.combine(filters["date_from"], time.min, tzinfo=tz)
        )
    if filters.get("date_to"):
        end = datetime.combine(filters["date_to"] + timedelta(days=1), time.min, tzinfo=tz)
        events = events.filter(occurred_at__lt=end)
    if filters.get("staff"):
        text = filters["staff"]
        events = events.filter(Q(actor_name__icontains=text) | Q(actor__username=text))
    if filters.get("agency"):
        events = events.filter(actor_agency_id_snapshot=filters["agency"].pk)
    if filters.get("outcome"):
        events = events.filter(outcome=filters["outcome"])
    return events.order_by("-seq")
