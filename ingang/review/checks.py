"""The targeted checks of log review (docs/review.md). Each check is a database
query over the access log plus a sentence that explains every flag it raises.

Event checks return the flagged events (a QuerySet, so pages and counts stay
in the database); the volume check works on daily counts per reader.
"""

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay, Lower, TruncDate
from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ingang.accounts.models import User
from ingang.audit.models import AccessEvent, AccessEventFlag
from ingang.cases.models import Case, CaseMember
from ingang.review.models import StaffIdentity, WellKnownPerson
from ingang.review.scope import STOCKHOLM, Scope


def _actor(event: AccessEvent) -> str:
    return event.actor_name or _("The reader")


# --- matching staff against people -----------------------------------------------


def _name_matches_person() -> Q:
    """Staff whose first and last name equal the event's person's, ignoring case."""
    return Q(
        first_lower=Lower(OuterRef("person__given_name")),
        last_lower=Lower(OuterRef("person__family_name")),
    )


def _staff_matching_person() -> QuerySet[User]:
    """Staff who are the event's person: the same identity number in the staff register,
    or, for staff with no number registered, the same name."""
    no_number = Q(register_identity__isnull=True) | Q(register_identity__personal_number="")
    return User.objects.annotate(
        first_lower=Lower("first_name"), last_lower=Lower("last_name")
    ).filter(
        Q(register_identity__personal_number=OuterRef("person__personal_number"))
        | (no_number & _name_matches_person())
    )


def _own_record() -> Exists:
    return Exists(_staff_matching_person().filter(pk=OuterRef("actor")))


def _colleague_record() -> Exists:
    return Exists(
        _staff_matching_person()
        .filter(unit__agency_id=OuterRef("actor_agency_id_snapshot"))
        .exclude(pk=OuterRef("actor"))
    )


def _own_by_number() -> Exists:
    return Exists(
        StaffIdentity.objects.filter(
            staff=OuterRef("actor"), personal_number=OuterRef("person__personal_number")
        )
    )


def _same_surname() -> Exists:
    return Exists(
        User.objects.annotate(last_lower=Lower("last_name")).filter(
            pk=OuterRef("actor"), last_lower=Lower(OuterRef("person__family_name"))
        )
    )


def _same_address() -> Exists:
    return Exists(
        StaffIdentity.objects.annotate(street_lower=Lower("street_address"))
        .filter(
            staff=OuterRef("actor"),
            street_lower=Lower(OuterRef("person__street_address")),
            postal_code=OuterRef("person__postal_code"),
        )
        .exclude(street_address="")
    )


# --- the event checks --------------------------------------------------------------


@dataclass(frozen=True)
class EventCheck:
    code: str
    label: Promise
    description: Promise
    # Narrows the scope's events to the flagged ones (annotating what explain needs).
    query: Callable[[Scope], QuerySet[AccessEvent]]
    explain: Callable[[AccessEvent], str]


def _no_team_query(scope: Scope) -> QuerySet[AccessEvent]:
    member = CaseMember.objects.filter(case__person=OuterRef("person"), staff=OuterRef("actor"))
    coordinator = Case.objects.filter(person=OuterRef("person"), coordinator=OuterRef("actor"))
    # Refused attempts count too: probing outside one's teams is what this check is for.
    return (
        scope.events()
        .filter(person__isnull=False, actor__isnull=False)
        .exclude(basis__identity="log_review")
        .filter(~Exists(member), ~Exists(coordinator))
    )


def _no_team_explain(event: AccessEvent) -> str:
    if event.outcome == "denied":
        return _(
            "%(actor)s tried to read this person's data and was refused: they are on "
            "none of the person's case teams."
        ) % {"actor": _actor(event)}
    return _(
        "%(actor)s read this person's data but is not on the team of any of the "
        "person's cases, nor their coordinator."
    ) % {"actor": _actor(event)}


def _own_query(scope: Scope) -> QuerySet[AccessEvent]:
    return (
        scope.reads()
        .annotate(own=_own_record(), colleague=_colleague_record(), by_number=_own_by_number())
        .filter(Q(own=True) | Q(colleague=True))
    )


def _own_explain(event: AccessEvent) -> str:
    if getattr(event, "own", False):
        if getattr(event, "by_number", False):
            return _("%(actor)s read their own record (the same identity number).") % {
                "actor": _actor(event)
            }
        return _(
            "%(actor)s probably read their own record (the same name; no identity number "
            "is registered for them)."
        ) % {"actor": _actor(event)}
    return _(
        "The person is a colleague of %(actor)s: a staff member of %(agency)s with the "
        "same identity number, or the same name."
    ) % {"actor": _actor(event), "agency": event.actor_agency}


def _relation_query(scope: Scope) -> QuerySet[AccessEvent]:
    return (
        scope.reads()
        .annotate(same_surname=_same_surname(), same_address=_same_address())
        .filter(Q(same_surname=True) | Q(same_address=True))
    )


def _relation_explain(event: AccessEvent) -> str:
    surname = getattr(event, "same_surname", False)
    address = getattr(event, "same_address", False)
    if surname and address:
        return _("%(actor)s has the same surname and registered address as the person.") % {
            "actor": _actor(event)
        }
    if address:
        return _("%(actor)s has the same registered address as the person.") % {
            "actor": _actor(event)
        }
    return _("%(actor)s has the same surname as the person.") % {"actor": _actor(event)}


def _protected_query(scope: Scope) -> QuerySet[AccessEvent]:
    return scope.reads().filter(person__protected_identity=True)


def _protected_explain(event: AccessEvent) -> str:
    return _(
        "The person has protected identity: every read of their data by %(actor)s "
        "(%(unit)s) is reviewed."
    ) % {"actor": _actor(event), "unit": event.actor_unit or event.actor_agency}


def _well_known_query(scope: Scope) -> QuerySet[AccessEvent]:
    reason = WellKnownPerson.objects.filter(person=OuterRef("person")).values("reason")[:1]
    return (
        scope.reads().annotate(well_known_reason=Subquery(reason)).exclude(well_known_reason=None)
    )


def _well_known_explain(event: AccessEvent) -> str:
    return _("The person is marked as well-known (%(reason)s); %(actor)s read their data.") % {
        "reason": getattr(event, "well_known_reason", ""),
        "actor": _actor(event),
    }


def office_hours() -> tuple[int, int]:
    return settings.REVIEW_OFFICE_HOURS_START, settings.REVIEW_OFFICE_HOURS_END


def _after_hours_query(scope: Scope) -> QuerySet[AccessEvent]:
    start, end = office_hours()
    outside = Q(local_hour__lt=start) | Q(local_hour__gte=end)
    if settings.REVIEW_WEEKENDS_AFTER_HOURS:
        outside |= Q(local_weekday__gte=6)
    return (
        scope.reads()
        .annotate(
            local_hour=ExtractHour("occurred_at", tzinfo=STOCKHOLM),
            local_weekday=ExtractIsoWeekDay("occurred_at", tzinfo=STOCKHOLM),
        )
        .filter(outside)
    )


def _after_hours_explain(event: AccessEvent) -> str:
    start, end = office_hours()
    local = event.occurred_at.astimezone(STOCKHOLM)
    return _(
        "%(actor)s read this at %(time)s on %(day)s, outside office hours (%(start)02d–%(end)02d)."
    ) % {
        "actor": _actor(event),
        "time": local.strftime("%H:%M"),
        "day": formats.date_format(local, "l j F"),
        "start": start,
        "end": end,
    }


def _flagged_query(scope: Scope) -> QuerySet[AccessEvent]:
    flags = AccessEventFlag.objects.filter(event=OuterRef("pk"))
    # A person flags old reads too, so the period applies to when they flagged.
    events = AccessEvent.objects.filter(
        Exists(flags.filter(flagged_at__gte=scope.since, flagged_at__lt=scope.until))
    )
    if scope.unit is not None:
        events = events.filter(
            actor_agency_id_snapshot=scope.unit.agency_id, actor_unit=scope.unit.name
        )
    return events.annotate(
        flag_comment=Subquery(flags.values("comment")[:1]),
        flagged_at=Subquery(flags.values("flagged_at")[:1]),
    )


def _flagged_explain(event: AccessEvent) -> str:
    when = getattr(event, "flagged_at", None)
    comment = getattr(event, "flag_comment", "") or _("no comment")
    return _("The person marked this read as not recognised on %(date)s: “%(comment)s”.") % {
        "date": formats.date_format(when.astimezone(STOCKHOLM), "Y-m-d") if when else "",
        "comment": comment,
    }


EVENT_CHECKS: tuple[EventCheck, ...] = (
    EventCheck(
        "no_team",
        gettext_lazy("No team relation"),
        gettext_lazy("Reads (and refused attempts) by staff on none of the person's case teams."),
        _no_team_query,
        _no_team_explain,
    ),
    EventCheck(
        "own_or_colleague",
        gettext_lazy("Own or a colleague's record"),
        gettext_lazy("The reader read their own record, or that of staff at their agency."),
        _own_query,
        _own_explain,
    ),
    EventCheck(
        "surname_address",
        gettext_lazy("Shared surname or address"),
        gettext_lazy("The reader has the person's surname or registered address."),
        _relation_query,
        _relation_explain,
    ),
    EventCheck(
        "protected",
        gettext_lazy("Protected identity"),
        gettext_lazy("Every read of a person with protected identity."),
        _protected_query,
        _protected_explain,
    ),
    EventCheck(
        "well_known",
        gettext_lazy("Well-known people"),
        gettext_lazy("Every read of a person auditors marked as well-known."),
        _well_known_query,
        _well_known_explain,
    ),
    EventCheck(
        "after_hours",
        gettext_lazy("After hours"),
        gettext_lazy("Reads outside office hours (Europe/Stockholm) or on weekends."),
        _after_hours_query,
        _after_hours_explain,
    ),
    EventCheck(
        "person_flagged",
        gettext_lazy("Flagged by the person"),
        gettext_lazy("Reads the person marked as “I don't recognise this” on My pages."),
        _flagged_query,
        _flagged_explain,
    ),
)


# --- the volume check ----------------------------------------------------------------


@dataclass(frozen=True)
class VolumeFinding:
    actor_id: int
    actor_name: str
    actor_agency: str
    day: date
    reads: int
    mean: float
    sd: float
    threshold: float

    @property
    def explanation(self) -> str:
        return _(
            "%(actor)s read %(reads)s people's data on %(day)s; their usual level over the "
            "previous %(days)s days is %(mean).1f a day (standard deviation %(sd).1f), so the "
            "limit was %(limit).0f."
        ) % {
            "actor": self.actor_name or _("The reader"),
            "reads": self.reads,
            "day": self.day.isoformat(),
            "days": settings.REVIEW_VOLUME_BASELINE_DAYS,
            "mean": self.mean,
            "sd": self.sd,
            "limit": self.threshold,
        }


def volume_findings(scope: Scope) -> list[VolumeFinding]:
    """Reader-days with reads above mean + k·sd of the reader's previous N days.

    Counting happens in the database (reads per reader per local day); only
    those daily totals come to Python. Days without reads count as zero in
    the baseline, so a reader's usual level includes their quiet days.
    """
    baseline_days = settings.REVIEW_VOLUME_BASELINE_DAYS
    k = settings.REVIEW_VOLUME_SD
    minimum = settings.REVIEW_VOLUME_MIN_READS
    wide = Scope(scope.start - timedelta(days=baseline_days), scope.end, scope.unit)
    daily = (
        wide.reads()
        .filter(actor__isnull=False)
        .annotate(day=TruncDate("occurred_at", tzinfo=STOCKHOLM))
        .values("actor_id", "day")
        .annotate(reads=Count("id"))
    )
    per_actor: dict[int, dict[date, int]] = defaultdict(dict)
    for row in daily:
        per_actor[row["actor_id"]][row["day"]] = row["reads"]
    findings: list[VolumeFinding] = []
    day = scope.start
    candidates: list[tuple[int, date, int, float, float, float]] = []
    while day <= scope.end:
        for actor_id, counts in per_actor.items():
            reads = counts.get(day, 0)
            if reads < minimum:
                continue
            history = [counts.get(day - timedelta(days=n), 0) for n in range(1, baseline_days + 1)]
            mean = sum(history) / baseline_days
            sd = math.sqrt(sum((x - mean) ** 2 for x in history) / baseline_days)
            threshold = mean + k * sd
            if reads > threshold:
                candidates.append((actor_id, day, reads, mean, sd, threshold))
        day += timedelta(days=1)
    names = _actor_snapshots({c[0] for c in candidates}, scope)
    for actor_id, day, reads, mean, sd, threshold in candidates:
        name, agency = names.get(actor_id, ("", ""))
        findings.append(VolumeFinding(actor_id, name, agency, day, reads, mean, sd, threshold))
    findings.sort(key=lambda f: (f.day, f.actor_name))
    return findings


def _actor_snapshots(actor_ids: set[int], scope: Scope) -> dict[int, tuple[str, str]]:
    rows = (
        scope.events()
        .filter(actor_id__in=actor_ids)
        .order_by("actor_id", "-seq")
        .values_list("actor_id", "actor_name", "actor_agency")
    )
    names: dict[int, tuple[str, str]] = {}
    for actor_id, name, agency in rows:
        names.setdefault(actor_id, (name, agency))
    return names


def volume_day_events(scope: Scope, finding: VolumeFinding) -> QuerySet[AccessEvent]:
    day_scope = Scope(finding.day, finding.day, scope.unit)
    return day_scope.reads().filter(actor_id=finding.actor_id)


VOLUME_CODE = "volume"
VOLUME_LABEL = gettext_lazy("Unusual volume")
VOLUME_DESCRIPTION = gettext_lazy(
    "Days on which a reader read far more than their own usual level."
)


def check_choices() -> list[tuple[str, Any]]:
    return [(c.code, c.label) for c in EVENT_CHECKS] + [(VOLUME_CODE, VOLUME_LABEL)]


def event_check(code: str) -> EventCheck | None:
    return next((c for c in EVENT_CHECKS if c.code == code), None)
