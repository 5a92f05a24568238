"""Each clash rule on its own, positive and negative (pure functions, no database)."""

from datetime import date
from decimal import Decimal

from ingang.plans.catalogue import CATALOGUE, ActivityType
from ingang.plans.clashes import (
    RULES,
    PlanFacts,
    Span,
    detect,
    detect_agency_off_team,
    detect_exclusive,
    detect_outside_case,
    detect_over_capacity,
    detect_same_kind,
)

AF, FK, SOC, AME = 1, 2, 3, 4
T = ActivityType


def span(
    id: int,
    agency: int,
    type: ActivityType,
    start: tuple[int, int],
    end: tuple[int, int] | None,
    *,
    hours: int | None = None,
    percent: int | None = None,
) -> Span:
    return Span(
        id=id,
        agency_id=agency,
        type=type,
        start=date(2026, *start),
        end=date(2026, *end) if end else None,
        hours_per_week=Decimal(hours) if hours is not None else None,
        percent=percent,
    )


def facts(*spans: Span, opened: tuple[int, int] = (1, 1), closed: tuple[int, int] | None = None,
          team: frozenset[int] = frozenset({AF, FK, SOC, AME})) -> PlanFacts:  # fmt: skip
    return PlanFacts(
        spans=list(spans),
        case_start=date(2026, *opened),
        case_end=date(2026, *closed) if closed else None,
        team_agency_ids=team,
    )


# Rule 1: activities that exclude each other.


def test_it_finds_full_sick_leave_overlapping_an_internship() -> None:
    sick = span(1, FK, T.SICK_LEAVE, (2, 1), (3, 31), percent=100)
    internship = span(2, AF, T.INTERNSHIP, (3, 15), (5, 31), hours=20)

    [found] = detect_exclusive(facts(sick, internship))

    assert found.activity_ids == (1, 2)
    assert found.facts == {"from": "2026-03-15", "to": "2026-03-31"}


def test_it_finds_rest_overlapping_studies_or_job_search() -> None:
    rest = span(1, AME, T.REST, (2, 1), None, percent=100)
    studies = span(2, AME, T.STUDIES, (6, 1), (6, 30), hours=10)
    search = span(3, AF, T.JOB_SEARCH, (1, 1), (2, 1), hours=5)

    assert {f.key for f in detect_exclusive(facts(rest, studies, search))} == {
        "exclusive:1-2",
        "exclusive:1-3",
    }


def test_it_lets_partial_sick_leave_go_with_an_internship() -> None:
    sick = span(1, FK, T.SICK_LEAVE, (2, 1), (3, 31), percent=50)
    internship = span(2, AF, T.INTERNSHIP, (2, 1), (3, 31), hours=10)

    assert list(detect_exclusive(facts(sick, internship))) == []


def test_it_lets_full_sick_leave_follow_an_internship_without_overlap() -> None:
    internship = span(1, AF, T.INTERNSHIP, (1, 1), (1, 31), hours=20)
    sick = span(2, FK, T.SICK_LEAVE, (2, 1), None, percent=100)

    assert list(detect_exclusive(facts(internship, sick))) == []


def test_it_lets_sick_leave_go_with_treatment_that_the_catalogue_does_not_exclude() -> None:
    assert T.MEDICAL_TREATMENT not in CATALOGUE[T.SICK_LEAVE].excludes
    sick = span(1, FK, T.SICK_LEAVE, (2, 1), (3, 31), percent=100)
    treatment = span(2, SOC, T.MEDICAL_TREATMENT, (2, 1), (3, 31), hours=2)

    assert list(detect_exclusive(facts(sick, treatment))) == []


# Rule 2: more hours than the person's capacity.


def test_it_finds_two_full_time_activities_at_once() -> None:
    studies = span(1, AME, T.STUDIES, (1, 1), (6, 30), hours=40)
    internship = span(2, AF, T.INTERNSHIP, (3, 1), (3, 31), hours=20)

    [found] = detect_over_capacity(facts(studies, internship))

    assert found.activity_ids == (1, 2)
    assert found.facts == {"from": "2026-03-01", "hours": "60", "capacity": "40"}


def test_it_reduces_capacity_by_the_degree_of_sick_leave() -> None:
    sick = span(1, FK, T.SICK_LEAVE, (1, 1), (6, 30), percent=50)
    search = span(2, AF, T.JOB_SEARCH, (1, 1), (6, 30), hours=15)
    training = span(3, AME, T.WORK_TRAINING, (4, 1), (6, 30), percent=25)  # 10 h

    [found] = detect_over_capacity(facts(sick, search, training))

    assert found.key == "over_capacity:1-2-3"
    assert found.facts["capacity"] == "20"
    assert Decimal(found.facts["hours"]) == 25


def test_it_accepts_hours_exactly_at_capacity() -> None:
    sick = span(1, FK, T.SICK_LEAVE, (1, 1), (6, 30), percent=50)
    search = span(2, AF, T.JOB_SEARCH, (1, 1), (6, 30), hours=20)

    assert list(detect_over_capacity(facts(sick, search))) == []


def test_it_accepts_activities_that_only_add_up_over_capacity_at_different_times() -> None:
    studies = span(1, AME, T.STUDIES, (1, 1), (2, 28), hours=30)
    internship = span(2, AF, T.INTERNSHIP, (3, 1), (4, 30), hours=30)

    assert list(detect_over_capacity(facts(studies, internship))) == []


# Rule 3: two agencies plan the same kind of activity.


def test_it_finds_two_agencies_planning_job_search_at_the_same_time() -> None:
    af = span(1, AF, T.JOB_SEARCH, (1, 1), (3, 31), hours=5)
    ame = span(2, AME, T.JOB_SEARCH, (3, 1), None, hours=5)

    [found] = detect_same_kind(facts(af, ame))

    assert found.key == "same_kind:1-2"
    assert found.facts == {"from": "2026-03-01", "to": "2026-03-31"}


def test_it_lets_one_agency_plan_the_same_kind_twice_or_two_agencies_one_after_the_other() -> None:
    first = span(1, AF, T.JOB_SEARCH, (1, 1), (3, 31), hours=5)
    second = span(2, AF, T.JOB_SEARCH, (2, 1), (4, 30), hours=5)
    later = span(3, AME, T.JOB_SEARCH, (5, 1), (6, 30), hours=5)
    other_kind = span(4, AME, T.STUDIES, (1, 1), (6, 30), hours=5)

    assert list(detect_same_kind(facts(first, second, later, other_kind))) == []


# Rule 4: activities outside the case period.


def test_it_finds_an_activity_starting_before_the_case_opened() -> None:
    early = span(1, AF, T.JOB_SEARCH, (1, 15), (3, 31), hours=5)

    [found] = detect_outside_case(facts(early, opened=(2, 1)))

    assert found.key == "outside_case:1"


def test_it_finds_an_activity_going_on_after_the_case_closed() -> None:
    open_ended = span(1, AF, T.JOB_SEARCH, (2, 1), None, hours=5)
    too_long = span(2, AME, T.STUDIES, (2, 1), (7, 1), hours=5)
    inside = span(3, SOC, T.SOCIAL_SUPPORT, (2, 1), (6, 30), hours=2)

    found = detect_outside_case(facts(open_ended, too_long, inside, closed=(6, 30)))

    assert {f.key for f in found} == {"outside_case:1", "outside_case:2"}


def test_it_accepts_activities_within_an_open_case() -> None:
    first_day = span(1, AF, T.JOB_SEARCH, (1, 1), None, hours=5)

    assert list(detect_outside_case(facts(first_day, opened=(1, 1)))) == []


# Rule 5: the responsible agency is no longer on the team.


def test_it_finds_an_activity_of_an_agency_that_left_the_team() -> None:
    left = span(1, SOC, T.SOCIAL_SUPPORT, (1, 1), None, hours=2)
    stays = span(2, AF, T.JOB_SEARCH, (1, 1), None, hours=5)

    found = detect_agency_off_team(facts(left, stays, team=frozenset({AF, FK})))

    assert [f.key for f in found] == ["agency_off_team:1"]


def test_it_accepts_activities_of_agencies_on_the_team() -> None:
    stays = span(1, AF, T.JOB_SEARCH, (1, 1), None, hours=5)

    assert list(detect_agency_off_team(facts(stays))) == []


# The registry.


def test_every_rule_has_a_plain_explanation_and_describes_its_facts() -> None:
    sick = span(1, FK, T.SICK_LEAVE, (2, 1), None, percent=100)
    internship = span(2, AF, T.INTERNSHIP, (1, 1), None, hours=20)
    second = span(3, AME, T.INTERNSHIP, (2, 1), None, hours=5)
    found = detect(facts(sick, internship, second, opened=(2, 1), team=frozenset({AF})))
    assert {f.rule for f in found.values()} == {r.code for r in RULES}

    for rule in RULES:
        assert str(rule.title) and len(str(rule.explanation)) > 40
        for clash in found.values():
            if clash.rule == rule.code:
                rule.describe(clash.facts)  # does not fail on its own facts


def test_capacity_figures_read_as_plain_numbers() -> None:
    from ingang.plans.clashes import RULES_BY_CODE

    text = RULES_BY_CODE["over_capacity"].describe(
        {"from": "2026-01-05", "hours": "10.0", "capacity": "7.50"}
    )
    assert "E+" not in text
    assert "10 " in text
    assert ("7,5" in text) or ("7.5" in text)
