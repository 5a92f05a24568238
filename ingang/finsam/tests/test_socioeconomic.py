"""The worked example of docs/finsam.md, reproduced exactly, and the method's edges."""

from decimal import Decimal
from fractions import Fraction

import pytest

from ingang.finsam.migrations import __path__ as migrations_path
from ingang.finsam.models import FundingKind, MemberKind
from ingang.finsam.socioeconomic import (
    Actor,
    cost_per_actor,
    evaluate,
    payback_months,
    state_flows,
    unit_value_keys,
)

# The worked example's unit values: round numbers so every step can be done by hand.
VALUES = {
    "income:income_support": Decimal(120_000),
    "handling:income_support": Decimal(20_000),
    "care:income_support": Decimal(10_000),
    "income:sickness_benefit": Decimal(200_000),
    "handling:sickness_benefit": Decimal(10_000),
    "care:sickness_benefit": Decimal(40_000),
    "income:unsubsidised_wage": Decimal(300_000),
    "care:unsubsidised_wage": Decimal(5_000),
    "income:student_finance": Decimal(40_000),
    "care:student_finance": Decimal(5_000),
    "rate:municipal_tax": Decimal("0.20"),
    "rate:regional_tax": Decimal("0.10"),
    "rate:employer_fees": Decimal("0.30"),
    "rate:indirect_tax": Decimal("0.10"),
    "rate:wage_subsidy": Decimal("0.50"),
    "param:attribution_low": Decimal("0.5"),
    "param:attribution_base": Decimal("0.8"),
    "param:attribution_high": Decimal("1"),
    "param:persistence_low": Decimal("0.5"),
    "param:persistence_base": Decimal("0.5"),
    "param:persistence_high": Decimal("1"),
}
PARTICIPANTS = [
    ("income_support", "unsubsidised_wage"),  # P1
    ("sickness_benefit", "unsubsidised_wage"),  # P2
    ("income_support", "student_finance"),  # P3
    ("income_support", "unknown"),  # P4: not valued
]
STATUTORY = {
    MemberKind.STATE: Fraction(1, 2),
    MemberKind.REGION: Fraction(1, 4),
    MemberKind.MUNICIPALITY: Fraction(1, 4),
}
M, R, S, AF, FK, IND, OTHER = (
    Actor.MUNICIPALITY,
    Actor.REGION,
    Actor.STATE,
    Actor.AF,
    Actor.FK,
    Actor.INDIVIDUALS,
    Actor.OTHER,
)


def test_it_gives_each_states_flows_as_in_the_hand_calculation() -> None:
    assert state_flows("income_support", VALUES) == {
        M: -140_000, R: -10_000, S: 12_000, AF: 0, FK: 0, IND: 120_000, OTHER: 0,
    }  # fmt: skip
    assert state_flows("sickness_benefit", VALUES) == {
        M: 40_000, R: -20_000, S: 14_000, AF: 0, FK: -210_000, IND: 140_000, OTHER: 0,
    }  # fmt: skip
    assert state_flows("unsubsidised_wage", VALUES) == {
        M: 60_000, R: 25_000, S: 111_000, AF: 0, FK: 0, IND: 210_000, OTHER: 0,
    }  # fmt: skip
    assert state_flows("student_finance", VALUES) == {
        M: 0, R: -5_000, S: -36_000, AF: 0, FK: 0, IND: 40_000, OTHER: 0,
    }  # fmt: skip


def test_it_splits_the_cost_by_funding_and_the_statutory_shares() -> None:
    costs = cost_per_actor(
        Decimal(400_000),
        [(FundingKind.ASSOCIATION, Decimal(300_000)), (FundingKind.ESF, Decimal(100_000))],
        STATUTORY,
    )
    assert costs == {M: 75_000, R: 75_000, S: 0, AF: 0, FK: 150_000, IND: 0, OTHER: 100_000}


def test_it_reproduces_the_worked_example_exactly() -> None:
    costs = cost_per_actor(
        Decimal(400_000),
        [(FundingKind.ASSOCIATION, Decimal(300_000)), (FundingKind.ESF, Decimal(100_000))],
        STATUTORY,
    )
    result = evaluate(PARTICIPANTS, VALUES, costs)

    assert (result.valued, result.not_valued) == (3, 1)
    assert result.total_change == {
        M: 360_000, R: 85_000, S: 148_000, AF: 0, FK: 210_000, IND: 80_000, OTHER: 0,
    }  # fmt: skip
    base = {r.key: r for r in result.results["base"]}
    table: dict[str, tuple[object, ...]] = {
        key: (r.yearly_effect, r.cost, r.result_1_year, r.result_5_years, r.payback_months)
        for key, r in base.items()
    }
    assert table == {
        "municipality": (288_000, 75_000, 213_000, 483_000, 4),
        "region": (68_000, 75_000, -7_000, 56_750, 15),
        "state": (Fraction(592_000, 5), 0, Fraction(592_000, 5), 229_400, 0),
        "af": (0, 0, 0, 0, 0),
        "fk": (168_000, 150_000, 18_000, 175_500, 11),
        "individuals": (64_000, 0, 64_000, 124_000, 0),
        "other": (0, 100_000, -100_000, -100_000, None),
        "state_total": (Fraction(1_432_000, 5), 150_000, Fraction(682_000, 5), 404_900, 7),
        "total": (Fraction(3_532_000, 5), 400_000, Fraction(1_532_000, 5), 968_650, 7),
    }
    assert base["state"].rounded["yearly_effect"] == Decimal(118_400)

    high = {r.key: r for r in result.results["high"]}
    got: tuple[object, ...] = (
        high["municipality"].result_5_years,
        high["municipality"].payback_months,
    )
    assert got == (
        1_725_000,
        3,
    )
    low = {r.key: r for r in result.results["low"]}
    # 42 500 + 21 250 + 10 625 = 74 375 after three years; 625 more at 5 312.5 / 12 a month.
    assert low["region"].yearly_effect == 42_500
    assert low["region"].payback_months == 38


def test_it_counts_a_payback_within_the_year_the_cost_is_reached() -> None:
    # 12 000 a year = 1 000 a month; persistence 1.
    assert payback_months(Fraction(12_000), Fraction(1), Fraction(12_000)) == 12
    assert payback_months(Fraction(12_000), Fraction(1), Fraction(12_001)) == 13
    assert payback_months(Fraction(12_000), Fraction(1), Fraction(0)) == 0
    assert payback_months(Fraction(0), Fraction(1), Fraction(1)) is None
    assert payback_months(Fraction(-5), Fraction(1), Fraction(1)) is None
    # Halving each year never reaches twice the first year's effect.
    assert payback_months(Fraction(12_000), Fraction(1, 2), Fraction(24_000)) is None


@pytest.mark.parametrize("key", unit_value_keys())
def test_it_has_a_default_with_a_source_for_every_unit_value(key: str) -> None:
    text = (migrations_path[0] + "/0003_default_unit_values.py").strip()
    with open(text, encoding="utf-8") as migration:
        assert f'("{key}",' in migration.read()
