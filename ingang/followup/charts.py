"""Server-rendered bar charts for the reports: one SVG of bars per row, labels in HTML.

The chart draws the same, already suppressed, numbers as the table beside it:
the table is the chart's text alternative. A suppressed value gets no bar and
the mark "..", as in the table. Labels and values are HTML text beside each
row's bars (text inside an SVG image has no background axe can check).
"""

from dataclasses import dataclass

from django.utils.formats import number_format

from ingang.followup.reports import Report

PLOT_WIDTH = 320
BAR_HEIGHT = 14
GAP = 4


@dataclass(frozen=True)
class Bar:
    series: int
    y: int
    width: float
    height: int
    value: float | None
    text: str


@dataclass(frozen=True)
class ChartRow:
    label: str
    bars: list[Bar]
    height: int

    @property
    def texts(self) -> str:
        return " / ".join(bar.text for bar in self.bars)


@dataclass(frozen=True)
class Chart:
    width: int
    rows: list[ChartRow]
    # (series label, series index) for the legend; empty for a single series.
    legend: list[tuple[str, int]]


def _text(value: float | None, percent: bool) -> str:
    if value is None:
        return ".."
    return number_format(value, 1) if percent else number_format(int(value), 0)


def bar_chart(report: Report) -> Chart:
    series = report.chart
    values = [v for s in series for v in s.values if v is not None]
    scale_max = report.chart_max or max(values, default=0) or 1
    percent = report.chart_max is not None
    rows = []
    for index, label in enumerate(report.rows):
        bars = []
        for number, s in enumerate(series):
            value = s.values[index] if index < len(s.values) else None
            width = 0.0 if value is None else PLOT_WIDTH * value / scale_max
            bars.append(
                Bar(
                    series=number,
                    y=number * BAR_HEIGHT,
                    width=round(width, 1),
                    height=BAR_HEIGHT - 2,
                    value=value,
                    text=_text(value, percent),
                )
            )
        rows.append(ChartRow(label, bars, len(series) * BAR_HEIGHT))
    legend = [(s.label, i) for i, s in enumerate(series)] if len(series) > 1 else []
    return Chart(width=PLOT_WIDTH, rows=rows, legend=legend)
