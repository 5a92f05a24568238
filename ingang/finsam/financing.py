"""The statutory split of the members' contributions (lag 2003:1210 om finansiell
samordning av rehabiliteringsinsatser, 17 §).

With the region as a member the state (Försäkringskassan, covering
Arbetsförmedlingen) pays half, the region a quarter and the municipalities a
quarter; a municipality taking part without its region pays the half the
region and the municipalities would otherwise share. Several municipalities
share their part by an agreed key, e.g. population.

Pure functions: no database. Money is exact (Fraction inside, Decimal out) and
rounded to whole kronor by the largest-remainder method, so the parts always
add up to the total.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ingang.finsam.models import MemberKind

HALF = Fraction(1, 2)
QUARTER = Fraction(1, 4)


class FinancingError(ValidationError):
    """The members cannot satisfy the law; the message says why, in the user's language."""


@dataclass(frozen=True)
class MemberShare:
    """What the split needs to know about a member."""

    name: str
    kind: MemberKind
    share_key: Decimal | None = None


@dataclass(frozen=True)
class Contribution:
    name: str
    kind: MemberKind
    share: Fraction  # of the total, exact
    amount: Decimal  # whole kronor

    @property
    def percent(self) -> Decimal:
        """The share in per cent, to two decimals (for display)."""
        return (Decimal(self.share.numerator) * 100 / Decimal(self.share.denominator)).quantize(
            Decimal("0.01")
        )


def statutory_shares(
    members: Sequence[MemberShare], *, region_is_member: bool
) -> list[tuple[MemberShare, Fraction]]:
    """Each member's exact share of the total, in a fixed order: state, region,
    municipalities by name. Raises FinancingError when the law cannot be met."""
    states = [m for m in members if m.kind == MemberKind.STATE]
    regions = [m for m in members if m.kind == MemberKind.REGION]
    municipalities = sorted(
        (m for m in members if m.kind == MemberKind.MUNICIPALITY), key=lambda m: m.name
    )
    if not states:
        raise FinancingError(
            _("The state (Försäkringskassan) is not a member: it must pay half of the funds.")
        )
    if len(states) > 1:
        raise FinancingError(_("Only one member may represent the state."))
    if len(regions) > 1:
        raise FinancingError(_("An association can have at most one region as a member."))
    if region_is_member and not regions:
        raise FinancingError(
            _(
                "The charter gives the region a quarter of the funds, but no region is a "
                "member. Add the region or mark the association as one without a region."
            )
        )
    if regions and not region_is_member:
        raise FinancingError(
            _(
                "A region is a member, but the charter says the association has no region. "
                "Correct the charter setting or remove the region."
            )
        )
    if not municipalities:
        raise FinancingError(_("At least one municipality must be a member."))
    municipal_part = QUARTER if regions else HALF
    shares: list[tuple[MemberShare, Fraction]] = [(states[0], HALF)]
    if regions:
        shares.append((regions[0], QUARTER))
    if len(municipalities) == 1:
        shares.append((municipalities[0], municipal_part))
        return shares
    keys: list[Fraction] = []
    for m in municipalities:
        if m.share_key is None or m.share_key <= 0:
            raise FinancingError(
                _(
                    "%(name)s has no sharing key. With several municipalities each needs a key "
                    "above zero (e.g. its population)."
                )
                % {"name": m.name}
            )
        keys.append(Fraction(m.share_key))
    key_total = sum(keys, Fraction(0))
    shares.extend(
        (m, municipal_part * key / key_total) for m, key in zip(municipalities, keys, strict=True)
    )
    return shares


def split_contribution(
    total: Decimal, members: Sequence[MemberShare], *, region_is_member: bool
) -> list[Contribution]:
    """Split a year's total contribution (whole kronor) between the members.

    Each part is first rounded down to whole kronor; the kronor left over go one
    each to the parts with the largest remainders, ties to the earlier part in
    the fixed order (state, region, municipalities by name).
    """
    if total <= 0 or total != total.to_integral_value():
        raise FinancingError(_("The total contribution must be a whole number of kronor above 0."))
    shares = statutory_shares(members, region_is_member=region_is_member)
    exact = [Fraction(total) * share for _member, share in shares]
    floors = [int(x) for x in exact]  # exact >= 0, so int() rounds down
    left = int(total) - sum(floors)
    by_remainder = sorted(range(len(exact)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in by_remainder[:left]:
        floors[i] += 1
    return [
        Contribution(name=m.name, kind=m.kind, share=share, amount=Decimal(amount))
        for (m, share), amount in zip(shares, floors, strict=True)
    ]
