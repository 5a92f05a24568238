"""Socio-economic evaluation of a project, per actor. Pure functions, exact arithmetic.

The method (docs/finsam.md has it with a worked example):

1. Each income source (försörjningskälla) is a *state*. For one person-year in
   a state, `state_flows` gives every actor's yearly flow from the unit
   values: benefits the actor pays (−), income tax and fees it receives (+),
   handling and care costs (−), the household's disposable income (+).
2. A participant who moved from state A at entry to state B at the outcome
   (the 90-day follow-up, else exit) changes each actor's yearly flow by
   flows(B) − flows(A). The project's yearly effect per actor is the sum over
   its participants times the attribution share (the part of the change put
   down to the project rather than what would have happened anyway).
3. Persistence: the effect in year t is the first year's times p^(t−1).
   Result after 1 year = E − cost; after 5 years = E·(1+p+p²+p³+p⁴) − cost.
   Nothing is discounted.
4. The project's cost per actor follows who funded it; the association's own
   money is split by the statutory shares (the state's half is booked on
   Försäkringskassan, which pays it).
5. Payback: the first whole month in which the accumulated effect (each
   year's effect spread evenly over its months) reaches the actor's cost;
   none when it does not within ten years.

Sensitivity: the low, base and high scenarios take their attribution share
and persistence from the unit values.
"""

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ingang.finsam.models import FundingKind, MemberKind
from ingang.followup.models import IncomeSource

PAYBACK_HORIZON_YEARS = 10
RESULT_YEARS = 5


class Actor(StrEnum):
    MUNICIPALITY = "municipality"
    REGION = "region"
    STATE = "state"  # the state outside AF and FK: unemployment insurance, CSN, fees, VAT
    AF = "af"
    FK = "fk"
    INDIVIDUALS = "individuals"
    OTHER = "other"


ACTOR_LABELS: dict[Actor, Promise] = {
    Actor.MUNICIPALITY: _("Municipality"),
    Actor.REGION: _("Region"),
    Actor.STATE: _("State, other"),
    Actor.AF: _("Arbetsförmedlingen"),
    Actor.FK: _("Försäkringskassan"),
    Actor.INDIVIDUALS: _("Individuals and households"),
    Actor.OTHER: _("Other (e.g. the EU through ESF)"),
}
STATE_IN_TOTAL = (Actor.STATE, Actor.AF, Actor.FK)

S = IncomeSource


@dataclass(frozen=True)
class StateRule:
    """Who pays the income in a state and handles the person there: law, not unit values."""

    payer: Actor | None  # pays the income (for a subsidised wage: the subsidy)
    handler: Actor | None  # carries the handling cost
    taxable: bool
    wage: bool = False  # employer contributions are paid on it


STATES: dict[str, StateRule] = {
    # Unemployment insurance is state-funded; AF handles the job-seeker.
    S.UNEMPLOYMENT_BENEFIT: StateRule(payer=Actor.STATE, handler=Actor.AF, taxable=True),
    # Activity support is decided by AF and paid by FK.
    S.ACTIVITY_SUPPORT: StateRule(payer=Actor.FK, handler=Actor.AF, taxable=True),
    S.SICKNESS_BENEFIT: StateRule(payer=Actor.FK, handler=Actor.FK, taxable=True),
    S.SICKNESS_COMPENSATION: StateRule(payer=Actor.FK, handler=Actor.FK, taxable=True),
    # Income support is tax-free and paid by the municipality's social services.
    S.INCOME_SUPPORT: StateRule(
        payer=Actor.MUNICIPALITY, handler=Actor.MUNICIPALITY, taxable=False
    ),
    # The establishment benefit is tax-free, paid by FK, the plan handled by AF.
    S.ESTABLISHMENT_BENEFIT: StateRule(payer=Actor.FK, handler=Actor.AF, taxable=False),
    S.UNSUBSIDISED_WAGE: StateRule(payer=None, handler=None, taxable=True, wage=True),
    S.SUBSIDISED_WAGE: StateRule(payer=Actor.AF, handler=Actor.AF, taxable=True, wage=True),
    # The study grant (not the loan) is tax-free and paid by the state (CSN).
    S.STUDENT_FINANCE: StateRule(payer=Actor.STATE, handler=None, taxable=False),
    S.NONE: StateRule(payer=None, handler=None, taxable=False),
}
# "Other" and "unknown" say nothing about flows: such participants are not valued.
VALUED_STATES = frozenset(STATES)

RATES = (
    "rate:municipal_tax",
    "rate:regional_tax",
    "rate:employer_fees",
    "rate:indirect_tax",
    "rate:wage_subsidy",
)
SCENARIOS = ("low", "base", "high")
PARAMETERS = tuple(
    f"param:{name}_{scenario}" for name in ("attribution", "persistence") for scenario in SCENARIOS
)


def unit_value_keys() -> list[str]:
    """Every key a complete set of unit values has, in display order."""
    keys: list[str] = []
    for state, rule in STATES.items():
        if rule.payer is not None or rule.wage:
            keys.append(f"income:{state}")
        if rule.handler is not None:
            keys.append(f"handling:{state}")
        keys.append(f"care:{state}")
    return [*keys, *RATES, *PARAMETERS]


def is_fraction_key(key: str) -> bool:
    """Rates and parameters are shares between 0 and 1; the rest are kronor per year."""
    return key.startswith(("rate:", "param:"))


Values = Mapping[str, Decimal]
Flows = dict[Actor, Fraction]


def _zero() -> Flows:
    return {actor: Fraction(0) for actor in Actor}


def _v(values: Values, key: str) -> Fraction:
    return Fraction(values[key])


def state_flows(state: str, values: Values) -> Flows:
    """Each actor's yearly flow for one person-year in a state (+ gain, − cost)."""
    rule = STATES[state]
    flows = _zero()
    income = _v(values, f"income:{state}") if (rule.payer or rule.wage) else Fraction(0)
    if rule.payer is not None:
        paid = income * _v(values, "rate:wage_subsidy") if rule.wage else income
        flows[rule.payer] -= paid
    disposable = income
    if rule.taxable:
        municipal = income * _v(values, "rate:municipal_tax")
        regional = income * _v(values, "rate:regional_tax")
        flows[Actor.MUNICIPALITY] += municipal
        flows[Actor.REGION] += regional
        disposable = income - municipal - regional
    if rule.wage:
        flows[Actor.STATE] += income * _v(values, "rate:employer_fees")
    flows[Actor.INDIVIDUALS] += disposable
    flows[Actor.STATE] += disposable * _v(values, "rate:indirect_tax")
    if rule.handler is not None:
        flows[rule.handler] -= _v(values, f"handling:{state}")
    flows[Actor.REGION] -= _v(values, f"care:{state}")
    return flows


def transition_effect(entry: str, outcome: str, values: Values) -> Flows:
    """How one participant's move from `entry` to `outcome` changes each actor's year."""
    before, after = state_flows(entry, values), state_flows(outcome, values)
    return {actor: after[actor] - before[actor] for actor in Actor}


def cost_per_actor(
    total_cost: Decimal,
    funding: Sequence[tuple[str, Decimal]],
    member_shares: Mapping[MemberKind, Fraction],
) -> Flows:
    """The project's cost split by who funded it.

    `funding` is (FundingKind, amount); the cost is split in proportion to the
    amounts. The association's own money is split by `member_shares` (state,
    region, municipalities; the state's part is booked on Försäkringskassan).
    Without any funding recorded the association is taken to have paid it all.
    """
    direct = {
        FundingKind.ESF: Actor.OTHER,
        FundingKind.OTHER: Actor.OTHER,
        FundingKind.MUNICIPALITY: Actor.MUNICIPALITY,
        FundingKind.REGION: Actor.REGION,
        FundingKind.AF: Actor.AF,
        FundingKind.FK: Actor.FK,
    }
    member_actor = {
        MemberKind.STATE: Actor.FK,
        MemberKind.REGION: Actor.REGION,
        MemberKind.MUNICIPALITY: Actor.MUNICIPALITY,
    }
    sources = list(funding) or [(FundingKind.ASSOCIATION, Decimal(1))]
    funded = sum((Fraction(amount) for _kind, amount in sources), Fraction(0))
    costs = _zero()
    for kind, amount in sources:
        part = Fraction(total_cost) * Fraction(amount) / funded
        if kind == FundingKind.ASSOCIATION:
            for member_kind, share in member_shares.items():
                costs[member_actor[member_kind]] += part * share
        else:
            costs[direct[FundingKind(kind)]] += part
    return costs


def payback_months(yearly_effect: Fraction, persistence: Fraction, cost: Fraction) -> int | None:
    """Whole months until the accumulated effect reaches the cost; 0 when there is no
    cost, None when it is not reached within PAYBACK_HORIZON_YEARS."""
    if cost <= 0:
        return 0
    if yearly_effect <= 0:
        return None
    accumulated = Fraction(0)
    for year in range(PAYBACK_HORIZON_YEARS):
        this_year = yearly_effect * persistence**year
        if this_year <= 0:
            return None
        if accumulated + this_year >= cost:
            return 12 * year + math.ceil((cost - accumulated) / (this_year / 12))
        accumulated += this_year
    return None


@dataclass(frozen=True)
class Scenario:
    name: str
    attribution: Fraction
    persistence: Fraction


def scenarios(values: Values) -> list[Scenario]:
    return [
        Scenario(
            name=name,
            attribution=_v(values, f"param:attribution_{name}"),
            persistence=_v(values, f"param:persistence_{name}"),
        )
        for name in SCENARIOS
    ]


def kronor(amount: Fraction) -> Decimal:
    """Whole kronor, halves rounded away from zero."""
    return (Decimal(amount.numerator) / Decimal(amount.denominator)).quantize(
        Decimal(1), rounding=ROUND_HALF_UP
    )


@dataclass(frozen=True)
class ActorResult:
    key: str  # an Actor, or "state_total" / "total"
    yearly_effect: Fraction
    cost: Fraction
    result_1_year: Fraction
    result_5_years: Fraction
    payback_months: int | None

    @property
    def rounded(self) -> dict[str, Decimal]:
        return {
            "yearly_effect": kronor(self.yearly_effect),
            "cost": kronor(self.cost),
            "result_1_year": kronor(self.result_1_year),
            "result_5_years": kronor(self.result_5_years),
        }


def _result(key: str, effect: Fraction, cost: Fraction, persistence: Fraction) -> ActorResult:
    five_years = sum((persistence**t for t in range(RESULT_YEARS)), Fraction(0))
    return ActorResult(
        key=key,
        yearly_effect=effect,
        cost=cost,
        result_1_year=effect - cost,
        result_5_years=effect * five_years - cost,
        payback_months=payback_months(effect, persistence, cost),
    )


@dataclass(frozen=True)
class Evaluation:
    valued: int  # participants whose entry and outcome states both carry values
    not_valued: int  # an outcome of "other" or "unknown" (or the same at entry)
    transitions: dict[tuple[str, str], int]  # (entry, outcome) -> participants, valued only
    total_change: Flows  # before attribution: the sum of the transition effects
    results: dict[str, list[ActorResult]]  # scenario -> actors, then state in total, total


def evaluate(
    transitions: Iterable[tuple[str, str]], values: Values, costs: Mapping[Actor, Fraction]
) -> Evaluation:
    """Evaluate a project from its participants' (entry, outcome) income sources."""
    counted: dict[tuple[str, str], int] = {}
    not_valued = 0
    for entry, outcome in transitions:
        if entry in VALUED_STATES and outcome in VALUED_STATES:
            counted[(entry, outcome)] = counted.get((entry, outcome), 0) + 1
        else:
            not_valued += 1
    change = _zero()
    for (entry, outcome), n in counted.items():
        for actor, delta in transition_effect(entry, outcome, values).items():
            change[actor] += n * delta
    results: dict[str, list[ActorResult]] = {}
    for scenario in scenarios(values):
        effect = {actor: scenario.attribution * change[actor] for actor in Actor}
        cost = {actor: Fraction(costs.get(actor, 0)) for actor in Actor}
        rows = [_result(a.value, effect[a], cost[a], scenario.persistence) for a in Actor]
        rows.append(
            _result(
                "state_total",
                sum((effect[a] for a in STATE_IN_TOTAL), Fraction(0)),
                sum((cost[a] for a in STATE_IN_TOTAL), Fraction(0)),
                scenario.persistence,
            )
        )
        rows.append(
            _result(
                "total",
                sum(effect.values(), Fraction(0)),
                sum(cost.values(), Fraction(0)),
                scenario.persistence,
            )
        )
        results[scenario.name] = rows
    return Evaluation(
        valued=sum(counted.values()),
        not_valued=not_valued,
        transitions=counted,
        total_change=change,
        results=results,
    )


def unit_value_label(key: str) -> str:
    """A readable label for a unit-value key, in the user's language."""
    kind, _sep, name = key.partition(":")
    if kind in ("income", "handling", "care"):
        state = IncomeSource(name).label
        template = {
            "income": _("Income per year, %(state)s (SEK)"),
            "handling": _("Handling cost per year, %(state)s (SEK)"),
            "care": _("Region's care cost per year, %(state)s (SEK)"),
        }[kind]
        return str(template) % {"state": state}
    labels = {
        "rate:municipal_tax": _("Municipal income tax rate"),
        "rate:regional_tax": _("Regional income tax rate"),
        "rate:employer_fees": _("Employer contributions rate"),
        "rate:indirect_tax": _("Indirect taxes, share of disposable income"),
        "rate:wage_subsidy": _("Wage subsidy, share of the gross wage"),
        "param:attribution_low": _("Share put down to the project, low"),
        "param:attribution_base": _("Share put down to the project, base"),
        "param:attribution_high": _("Share put down to the project, high"),
        "param:persistence_low": _("Share of the effect that lasts a year, low"),
        "param:persistence_base": _("Share of the effect that lasts a year, base"),
        "param:persistence_high": _("Share of the effect that lasts a year, high"),
    }
    return str(labels.get(key, key))
