"""The balanced scorecard's quarterly report: outcome so far this year and forecast
for the year, per indicator, grouped by perspective.

Measured indicators take their outcome from the system (suppressed like every
other count); a value entered by hand for the quarter overrides it, and is the
only source for manual indicators. Without an entered forecast, a measured
count is extrapolated linearly (outcome × 4 / quarter) and a share or rate is
carried forward as it is; such forecasts are marked as estimates.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.functional import Promise

from ingang.finsam import selectors
from ingang.finsam.models import Association, Indicator, IndicatorValue, Measure, Perspective
from ingang.finsam.suppression import SUPPRESS_BELOW, share_percent

QUARTER_END = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}


def quarter_end(year: int, quarter: int) -> date:
    month, day = QUARTER_END[quarter]
    return date(year, month, day)


@dataclass(frozen=True)
class Measured:
    value: Decimal | None
    suppressed: bool = False


def measure(indicator: Indicator, year: int, quarter: int) -> Measured:
    """The system's figure for the year up to the end of the quarter."""
    start, end = date(year, 1, 1), quarter_end(year, quarter)
    association = indicator.association
    if indicator.measure == Measure.PARTICIPANTS:
        n = selectors.participants_entered(association, start, end)
        if 0 < n < SUPPRESS_BELOW:
            return Measured(None, suppressed=True)
        return Measured(Decimal(n))
    if indicator.measure == Measure.WORK_OR_STUDIES:
        exits, ws = selectors.exits_with_work_or_studies(association, start, end)
        share = share_percent(ws, exits)
        return Measured(share, suppressed=share is None and exits > 0)
    if indicator.measure == Measure.BUDGET_USED:
        costs, budget = selectors.budget_used(association, start, end)
        if budget == 0:
            return Measured(None)
        return Measured((costs * 100 / budget).quantize(Decimal("0.1")))
    return Measured(None)


@dataclass(frozen=True)
class Row:
    indicator: Indicator
    outcome: Decimal | None
    outcome_suppressed: bool
    outcome_entered: bool  # entered by hand (manual indicator, or overriding the system)
    forecast: Decimal | None
    forecast_estimated: bool
    on_track: bool | None  # forecast (else outcome) against the target; None if unknown
    comment: str


@dataclass(frozen=True)
class Section:
    perspective: Perspective
    label: Promise | str
    rows: list[Row]


def _row(indicator: Indicator, entered: IndicatorValue | None, year: int, quarter: int) -> Row:
    measured = (
        Measured(None) if indicator.measure == Measure.MANUAL else measure(indicator, year, quarter)
    )
    outcome, from_hand = measured.value, False
    if entered is not None and entered.outcome is not None:
        outcome, from_hand = entered.outcome, True
    forecast, estimated = None, False
    if entered is not None and entered.forecast is not None:
        forecast = entered.forecast
    elif outcome is not None and indicator.measure != Measure.MANUAL:
        estimated = True
        forecast = (
            (outcome * 4 / quarter).quantize(Decimal(1))
            if indicator.measure == Measure.PARTICIPANTS
            else outcome
        )
    judged = forecast if forecast is not None else outcome
    on_track = None
    if judged is not None:
        on_track = (
            judged >= indicator.target
            if indicator.higher_is_better
            else (judged <= indicator.target)
        )
    return Row(
        indicator=indicator,
        outcome=outcome,
        outcome_suppressed=measured.suppressed and not from_hand,
        outcome_entered=from_hand,
        forecast=forecast,
        forecast_estimated=estimated,
        on_track=on_track,
        comment=entered.comment if entered is not None else "",
    )


def quarterly_report(association: Association, year: int, quarter: int) -> list[Section]:
    indicators = list(association.indicators.all())
    entered = {
        v.indicator_id: v
        for v in IndicatorValue.objects.filter(
            indicator__association=association, year=year, quarter=quarter
        )
    }
    sections: list[Section] = []
    for perspective in Perspective:
        rows = [
            _row(i, entered.get(i.pk), year, quarter)
            for i in indicators
            if i.perspective == perspective
        ]
        sections.append(Section(perspective, perspective.label, rows))
    return sections
