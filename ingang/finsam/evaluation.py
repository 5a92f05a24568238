"""A project's socio-economic evaluation from the database: gathers the counts, the
funding and the unit values and hands them to the pure calculation."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from ingang.finsam import selectors
from ingang.finsam.financing import FinancingError
from ingang.finsam.models import Project, UnitValueSet
from ingang.finsam.socioeconomic import (
    ACTOR_LABELS,
    Actor,
    ActorResult,
    Evaluation,
    cost_per_actor,
    evaluate,
    unit_value_keys,
)
from ingang.finsam.suppression import SUPPRESS_BELOW, Cell, cells_of_split


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal
    x: float
    width: float
    negative: bool


@dataclass
class ProjectEvaluation:
    project: Project
    basis: str
    value_set: UnitValueSet | None = None
    evaluation: Evaluation | None = None
    errors: list[str] = field(default_factory=list)
    # (entry label, outcome label, cell), then the "not valued" cell
    transition_cells: list[tuple[str, str, Cell]] = field(default_factory=list)
    not_valued: Cell = field(default_factory=lambda: Cell(0))

    def rows(self, scenario: str) -> list[tuple[str, ActorResult]]:
        if self.evaluation is None:
            return []
        labels = {a.value: str(ACTOR_LABELS[a]) for a in Actor}
        labels["state_total"] = _("The state in total (state, AF and FK)")
        labels["total"] = _("Society in total")
        return [(labels[r.key], r) for r in self.evaluation.results[scenario]]

    @property
    def base_rows(self) -> list[tuple[str, ActorResult, ActorResult, ActorResult]]:
        """(label, low, base, high) per actor, for the sensitivity table."""
        if self.evaluation is None:
            return []
        low, base, high = self.rows("low"), self.rows("base"), self.rows("high")
        return [(b[0], lo[1], b[1], hi[1]) for lo, b, hi in zip(low, base, high, strict=True)]

    def chart(self, width: float = 560) -> list[Bar]:
        """Horizontal bars of the base result after five years per actor, one row each;
        the zero line in the middle (x = 280, as the template draws it)."""
        rows = self.rows("base")[: len(Actor)]
        values = [r.rounded["result_5_years"] for _label, r in rows]
        biggest = max((abs(v) for v in values), default=Decimal(0)) or Decimal(1)
        zero = width / 2
        bars = []
        for (label, _r), value in zip(rows, values, strict=True):
            length = float(abs(value) / biggest) * width / 2
            bars.append(
                Bar(
                    label=label,
                    value=value,
                    x=zero - length if value < 0 else zero,
                    width=length,
                    negative=value < 0,
                )
            )
        return bars


def project_evaluation(project: Project, *, basis: str = "followup") -> ProjectEvaluation:
    result = ProjectEvaluation(project=project, basis=basis)
    value_set, values = selectors.unit_values_current()
    result.value_set = value_set
    missing = [k for k in unit_value_keys() if k not in values]
    if value_set is None or missing:
        result.errors.append(_("The unit values are incomplete; save a complete version first."))
        return result
    try:
        shares = selectors.member_kind_shares(project.association)
    except FinancingError as exc:
        result.errors.extend(exc.messages)
        return result
    costs = cost_per_actor(project.costs, selectors.funding_of(project), shares)
    evaluation = evaluate(selectors.transitions_of(project, basis=basis), values, costs)
    cells = cells_of_split([*evaluation.transitions.values(), evaluation.not_valued])
    from_labels = selectors.income_source_labels()
    result.transition_cells = [
        (from_labels[entry], from_labels[outcome], cell)
        for (entry, outcome), cell in zip(evaluation.transitions, cells, strict=False)
    ]
    result.not_valued = cells[-1]
    if evaluation.valued < SUPPRESS_BELOW:
        # Amounts for fewer than five people would tell what happened to each of them.
        result.errors.append(
            _(
                "Fewer than 5 participants with a known income source at entry and at the "
                "outcome: no result is shown."
            )
        )
        return result
    result.evaluation = evaluation
    return result
