"""What a log review looks at: a period (dates in Europe/Stockholm, inclusive) and
optionally one unit (as recorded on the events at the time of the read)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import QuerySet

from ingang.agencies.models import Unit
from ingang.audit.models import AccessEvent

STOCKHOLM = ZoneInfo(settings.TIME_ZONE)


def local_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=STOCKHOLM)


@dataclass(frozen=True)
class Scope:
    start: date
    end: date
    unit: Unit | None = None

    @property
    def since(self) -> datetime:
        return local_midnight(self.start)

    @property
    def until(self) -> datetime:
        return local_midnight(self.end + timedelta(days=1))

    @property
    def unit_label(self) -> str:
        return str(self.unit) if self.unit is not None else ""

    def events(self) -> QuerySet[AccessEvent]:
        events = AccessEvent.objects.filter(occurred_at__gte=self.since, occurred_at__lt=self.until)
        if self.unit is not None:
            # The unit as snapshotted at the read, so later moves do not change history.
            events = events.filter(
                actor_agency_id_snapshot=self.unit.agency_id, actor_unit=self.unit.name
            )
        return events

    def reads(self) -> QuerySet[AccessEvent]:
        """Staff reads that returned a person's data, not counting auditors' log reviews
        (nor the person's own reads on My pages, which have no staff actor)."""
        return (
            self.events()
            .filter(outcome="allowed", person__isnull=False, actor__isnull=False)
            .exclude(basis__identity="log_review")
        )
