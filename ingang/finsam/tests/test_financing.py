"""The statutory split (lag 2003:1210): 50/25/25 with the region, 50/50 without it."""

from decimal import Decimal
from fractions import Fraction

import pytest
from django.utils import translation

from ingang.finsam.financing import FinancingError, MemberShare, split_contribution
from ingang.finsam.models import MemberKind

FK = MemberShare("Försäkringskassan", MemberKind.STATE)
REGION = MemberShare("Region Västerbotten", MemberKind.REGION)
SKELLEFTEA = MemberShare("Skellefteå kommun", MemberKind.MUNICIPALITY, Decimal(75_000))
NORSJO = MemberShare("Norsjö kommun", MemberKind.MUNICIPALITY, Decimal(4_000))


def amounts(total: int, members: list[MemberShare], region: bool = True) -> dict[str, Decimal]:
    parts = split_contribution(Decimal(total), members, region_is_member=region)
    return {p.name: p.amount for p in parts}


def test_it_splits_50_25_25_with_the_region() -> None:
    parts = split_contribution(Decimal(6_000_000), [SKELLEFTEA, REGION, FK], region_is_member=True)
    assert [(p.name, p.share, p.amount) for p in parts] == [
        ("Försäkringskassan", Fraction(1, 2), Decimal(3_000_000)),
        ("Region Västerbotten", Fraction(1, 4), Decimal(1_500_000)),
        ("Skellefteå kommun", Fraction(1, 4), Decimal(1_500_000)),
    ]
    assert [p.percent for p in parts] == [Decimal("50.00"), Decimal("25.00"), Decimal("25.00")]


def test_it_makes_a_municipality_without_its_region_pay_half() -> None:
    assert amounts(2_000_000, [FK, SKELLEFTEA], region=False) == {
        "Försäkringskassan": Decimal(1_000_000),
        "Skellefteå kommun": Decimal(1_000_000),
    }


def test_it_shares_the_municipalities_quarter_by_the_agreed_key() -> None:
    # 25 % of 7 900 000 = 1 975 000, shared 75 000 : 4 000.
    got = amounts(7_900_000, [FK, REGION, SKELLEFTEA, NORSJO])
    assert got["Skellefteå kommun"] == Decimal(1_875_000)
    assert got["Norsjö kommun"] == Decimal(100_000)
    assert got["Försäkringskassan"] == Decimal(3_950_000)


def test_it_places_the_remaining_kronor_deterministically_so_the_parts_add_up() -> None:
    # 1 000 001 / 2 = 500 000.5 and 250 000.25 twice: one krona left over; the
    # state's half-krona is the largest remainder, so the state gets it.
    got = amounts(1_000_001, [FK, REGION, SKELLEFTEA])
    assert got == {
        "Försäkringskassan": Decimal(500_001),
        "Region Västerbotten": Decimal(250_000),
        "Skellefteå kommun": Decimal(250_000),
    }
    # Three municipalities with equal keys: 100 kr / 4 = 25 kr to share by three.
    equal = [MemberShare(n, MemberKind.MUNICIPALITY, Decimal(1)) for n in ("C", "A", "B")]
    got = amounts(100, [FK, REGION, *equal])
    assert sum(got.values()) == 100
    # 8.333… each: the two extra kronor go to the first two by name (ties in order).
    assert (got["A"], got["B"], got["C"]) == (Decimal(9), Decimal(8), Decimal(8))
    assert got == amounts(100, [*reversed(equal), REGION, FK])


@pytest.mark.parametrize("total", [1, 3, 7, 999_999, 6_300_017])
def test_it_always_sums_to_the_total(total: int) -> None:
    assert sum(amounts(total, [FK, REGION, SKELLEFTEA, NORSJO]).values()) == total
    assert sum(amounts(total, [FK, SKELLEFTEA, NORSJO], region=False).values()) == total


@pytest.mark.parametrize(
    ("members", "region", "message"),
    [
        ([REGION, SKELLEFTEA], True, "The state (Försäkringskassan) is not a member"),
        ([FK, SKELLEFTEA], True, "no region is a member"),
        ([FK, REGION, SKELLEFTEA], False, "A region is a member"),
        ([FK, REGION], True, "At least one municipality"),
        ([FK, FK, REGION, SKELLEFTEA], True, "Only one member"),
        (
            [FK, REGION, SKELLEFTEA, MemberShare("Norsjö kommun", MemberKind.MUNICIPALITY)],
            True,
            "Norsjö kommun has no sharing key",
        ),
        (
            [
                FK,
                REGION,
                SKELLEFTEA,
                MemberShare("Norsjö kommun", MemberKind.MUNICIPALITY, Decimal(0)),
            ],
            True,
            "Norsjö kommun has no sharing key",
        ),
    ],
)
def test_it_refuses_members_that_cannot_satisfy_the_law_and_says_why(
    members: list[MemberShare], region: bool, message: str
) -> None:
    # The English msgids; the Swedish texts come from the catalogue.
    with translation.override("en"), pytest.raises(FinancingError) as caught:
        split_contribution(Decimal(1_000_000), members, region_is_member=region)
    assert message in caught.value.messages[0]


def test_it_needs_no_key_for_a_single_municipality() -> None:
    alone = MemberShare("Skellefteå kommun", MemberKind.MUNICIPALITY)
    assert amounts(400, [FK, REGION, alone])["Skellefteå kommun"] == Decimal(100)


@pytest.mark.parametrize("total", ["0", "-5", "100.50"])
def test_it_refuses_a_total_that_is_not_whole_positive_kronor(total: str) -> None:
    with pytest.raises(FinancingError):
        split_contribution(Decimal(total), [FK, REGION, SKELLEFTEA], region_is_member=True)
