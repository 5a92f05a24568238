"""The retention rules (gallringsregler): one per kind of record, configured in settings.

A rule knows which rows are due (past their retention time), which of those
are exempt, and how to erase them. `retention_run` (services.py) applies all
rules; with `dry_run` it only counts. Defaults and their reasons:
docs/retention.md.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, QuerySet
from django.db.models.functions import Substr
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ingang.audit.models import AccessEvent
from ingang.audit.services import access_events_erase
from ingang.cases.models import Case, CaseState
from ingang.consent.models import Block
from ingang.people.models import Person
from ingang.records.models import Entry


def years_before(now: datetime, years: int) -> datetime:
    """The same moment `years` years earlier (29 February falls back to the 28th)."""
    try:
        return now.replace(year=now.year - years)
    except ValueError:
        return (now - timedelta(days=1)).replace(year=now.year - years)


def exempt_day_codes() -> list[str]:
    """The day digits of exempt people's identity numbers (coordination numbers add 60)."""
    days = settings.RETENTION_EXEMPT_BIRTH_DAYS
    return [f"{day:02d}" for day in days] + [f"{day + 60:02d}" for day in days]


def research_sample() -> QuerySet[Person]:
    """People born on the exempt days (the research sample): their case data is kept."""
    return Person.objects.annotate(birth_day=Substr("personal_number", 7, 2)).filter(
        birth_day__in=exempt_day_codes()
    )


@dataclass(frozen=True)
class Counts:
    due: int
    exempt: int
    # Due but kept for a reason other than an exemption (e.g. sealed before commitments).
    kept: int


@dataclass(frozen=True)
class Rule:
    kind: str
    label: Promise
    years: Callable[[], int]
    count: Callable[[datetime], Counts]
    erase: Callable[[datetime], int]

    def cutoff(self, now: datetime) -> datetime:
        return years_before(now, self.years())


# --- access log: personal fields of old events ---------------------------------


def _access_log_count(cutoff: datetime) -> Counts:
    old = AccessEvent.objects.filter(occurred_at__lt=cutoff, commitments__isnull=True)
    return Counts(
        due=old.filter(salt__isnull=False).count(),
        exempt=0,
        kept=old.filter(salt__isnull=True).count(),
    )


def _access_log_erase(cutoff: datetime) -> int:
    return access_events_erase(before=cutoff)


# --- case data: a person's entries, years after their last case closed ---------


def _closed_people(cutoff: datetime) -> QuerySet[Person]:
    """People with a case, none open, the last closed before the cutoff."""
    open_case = Case.objects.filter(person=OuterRef("pk"), state=CaseState.OPEN)
    return (
        Person.objects.filter(cases__isnull=False)
        .annotate(last_closed=Max("cases__closed_at"))
        .filter(~Exists(open_case), last_closed__lt=cutoff)
    )


def _case_entries(cutoff: datetime) -> QuerySet[Entry]:
    return Entry.objects.filter(person__in=_closed_people(cutoff).values("pk"))


def _case_data_count(cutoff: datetime) -> Counts:
    entries = _case_entries(cutoff)
    exempt = entries.filter(person__in=research_sample().values("pk")).count()
    return Counts(due=entries.count() - exempt, exempt=exempt, kept=0)


def _case_data_erase(cutoff: datetime) -> int:
    with transaction.atomic():
        entries = _case_entries(cutoff).exclude(person__in=research_sample().values("pk"))
        ids = list(entries.values_list("pk", flat=True))
        # Blocks on single entries go with their entry; person-wide blocks stay.
        Block.objects.filter(entry_id__in=ids).delete()
        deleted, _per_model = Entry.objects.filter(pk__in=ids).delete()
    return len(ids) if deleted else 0


RULES: tuple[Rule, ...] = (
    Rule(
        kind="access_log",
        label=_("Access log: personal fields of events"),
        years=lambda: settings.RETENTION_ACCESS_LOG_YEARS,
        count=_access_log_count,
        erase=_access_log_erase,
    ),
    Rule(
        kind="case_data",
        label=_("Case data: entries after the last case closed"),
        years=lambda: settings.RETENTION_CASE_DATA_YEARS,
        count=_case_data_count,
        erase=_case_data_erase,
    ),
)


def rule_by_kind(kind: str) -> Rule:
    return next(rule for rule in RULES if rule.kind == kind)
