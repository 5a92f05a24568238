"""Clash rules, declared once.

Each rule is a pure function from a plan's facts (its active activities, the
case period, the agencies on the team) to the clashes it finds, with a plain
explanation the plan page shows. A clash is identified by a stable key, the
rule and the ids of the activities involved, so an acknowledgement given for
it survives recomputation. Which activity types exclude each other and which
take up hours is data in `catalogue.py`, not code here.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from itertools import combinations
from typing import Any

from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ingang.plans.catalogue import FULL_TIME_HOURS, ActivityType, entry_for


@dataclass(frozen=True)
class Span:
    """What the rules need to know about one active activity."""

    id: int
    agency_id: int
    type: ActivityType
    start: date
    end: date | None
    hours_per_week: Decimal | None = None
    percent: int | None = None

    @property
    def weekly_hours(self) -> Decimal:
        if self.hours_per_week is not None:
            return self.hours_per_week
        return FULL_TIME_HOURS * (self.percent or 0) / 100

    def overlaps(self, other: "Span") -> bool:
        return self.start <= (other.end or date.max) and other.start <= (self.end or date.max)

    def active_on(self, day: date) -> bool:
        return self.start <= day <= (self.end or date.max)


@dataclass(frozen=True)
class PlanFacts:
    spans: list[Span]
    case_start: date
    case_end: date | None
    team_agency_ids: frozenset[int]


@dataclass(frozen=True)
class Found:
    rule: str
    activity_ids: tuple[int, ...]
    facts: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def key(self) -> str:
        return f"{self.rule}:{'-'.join(str(i) for i in sorted(self.activity_ids))}"


@dataclass(frozen=True)
class ClashRule:
    code: str
    title: Promise
    explanation: Promise
    detect: Callable[[PlanFacts], Iterable[Found]]
    # The specifics of one clash (dates, hours) from its stored facts.
    describe: Callable[[dict[str, Any]], str]


def _overlap(a: Span, b: Span) -> dict[str, Any]:
    start = max(a.start, b.start)
    ends = [e for e in (a.end, b.end) if e is not None]
    return {"from": start.isoformat(), "to": min(ends).isoformat() if ends else None}


def _describe_period(facts: dict[str, Any]) -> str:
    if facts.get("to"):
        return gettext("Overlapping from %(start)s to %(end)s.") % {
            "start": facts["from"],
            "end": facts["to"],
        }
    return gettext("Overlapping from %(start)s until further notice.") % {"start": facts["from"]}


def _excludes(a: Span, b: Span) -> bool:
    entry = entry_for(a.type)
    return b.type in entry.excludes and (a.percent or 0) >= entry.excludes_from_percent


def detect_exclusive(plan: PlanFacts) -> Iterator[Found]:
    for a, b in combinations(plan.spans, 2):
        if a.overlaps(b) and (_excludes(a, b) or _excludes(b, a)):
            yield Found("exclusive", (a.id, b.id), _overlap(a, b))


def detect_over_capacity(plan: PlanFacts) -> Iterator[Found]:
    """Walk the plan period by period (a new one starts wherever an activity starts or
    ends) and compare the planned hours with the capacity left by any sick leave."""
    days = {s.start for s in plan.spans} | {
        s.end + timedelta(days=1) for s in plan.spans if s.end is not None and s.end < date.max
    }
    for day in sorted(days):
        active = [s for s in plan.spans if s.active_on(day)]
        working = [s for s in active if entry_for(s.type).takes_hours]
        reducing = [s for s in active if entry_for(s.type).reduces_capacity]
        degree = max((s.percent or 0 for s in reducing), default=0)
        capacity = FULL_TIME_HOURS * max(0, 100 - degree) / 100
        planned = sum((s.weekly_hours for s in working), Decimal(0))
        if working and planned > capacity:
            ids = tuple(s.id for s in working + reducing)
            yield Found(
                "over_capacity",
                ids,
                {"from": day.isoformat(), "hours": str(planned), "capacity": str(capacity)},
            )


def _number(value: str) -> str:
    """10.0 as "10" and 7.5 as "7,5" in Swedish (never "1E+1")."""
    number = Decimal(value)
    if number == number.to_integral_value():
        return number_format(number.to_integral_value())
    return number_format(number.normalize())


def _describe_capacity(facts: dict[str, Any]) -> str:
    return gettext(
        "From %(start)s: %(hours)s hours per week planned, capacity %(capacity)s hours per week."
    ) % {
        "start": facts["from"],
        "hours": _number(facts["hours"]),
        "capacity": _number(facts["capacity"]),
    }


def detect_same_kind(plan: PlanFacts) -> Iterator[Found]:
    for a, b in combinations(plan.spans, 2):
        if a.type == b.type and a.agency_id != b.agency_id and a.overlaps(b):
            yield Found("same_kind", (a.id, b.id), _overlap(a, b))


def detect_outside_case(plan: PlanFacts) -> Iterator[Found]:
    for s in plan.spans:
        before = s.start < plan.case_start
        after = plan.case_end is not None and (s.end or date.max) > plan.case_end
        if before or after:
            yield Found(
                "outside_case",
                (s.id,),
                {
                    "opened": plan.case_start.isoformat(),
                    "closed": plan.case_end.isoformat() if plan.case_end else None,
                },
            )


def _describe_case_period(facts: dict[str, Any]) -> str:
    if facts.get("closed"):
        return gettext("The case was open from %(opened)s to %(closed)s.") % facts
    return gettext("The case was opened %(opened)s.") % facts


def detect_agency_off_team(plan: PlanFacts) -> Iterator[Found]:
    for s in plan.spans:
        if s.agency_id not in plan.team_agency_ids:
            yield Found("agency_off_team", (s.id,))


RULES: tuple[ClashRule, ...] = (
    ClashRule(
        "exclusive",
        _("Activities that exclude each other"),
        _(
            "These activities cannot take place at the same time: full sick leave or rest "
            "leaves no room for work, an internship, job search or studies."
        ),
        detect_exclusive,
        _describe_period,
    ),
    ClashRule(
        "over_capacity",
        _("More hours than the person can manage"),
        _(
            "In this period the planned hours per week exceed the person's capacity: "
            "40 hours a week, reduced by the degree of any sick leave."
        ),
        detect_over_capacity,
        _describe_capacity,
    ),
    ClashRule(
        "same_kind",
        _("Two agencies plan the same kind of activity"),
        _(
            "Two agencies have planned the same kind of activity for the same time. "
            "Agree on which agency is responsible."
        ),
        detect_same_kind,
        _describe_period,
    ),
    ClashRule(
        "outside_case",
        _("Activity outside the case period"),
        _(
            "The activity starts before the coordination case was opened or goes on "
            "after it was closed."
        ),
        detect_outside_case,
        _describe_case_period,
    ),
    ClashRule(
        "agency_off_team",
        _("Responsible agency not on the team"),
        _(
            "Nobody from the agency responsible for the activity is on the case team any "
            "longer, so nobody follows it up."
        ),
        detect_agency_off_team,
        lambda facts: "",
    ),
)
RULES_BY_CODE: dict[str, ClashRule] = {rule.code: rule for rule in RULES}


def detect(plan: PlanFacts) -> dict[str, Found]:
    """Every clash in the plan, keyed by its stable key."""
    found: dict[str, Found] = {}
    for rule in RULES:
        for clash in rule.detect(plan):
            found.setdefault(clash.key, clash)
    return found
