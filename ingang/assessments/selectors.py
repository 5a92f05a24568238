"""Reads: the instrument, and a person's assessments through the gate."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from ingang.access.selectors import Source
from ingang.accounts.models import User
from ingang.assessments import instrument_v1
from ingang.assessments.models import Answer, Assessment, InstrumentVersion
from ingang.core.categories import Category
from ingang.people.models import Person

DEFAULT_INSTRUMENT = instrument_v1.CODE


def instrument_current_version(code: str = DEFAULT_INSTRUMENT) -> InstrumentVersion:
    """The newest version of the instrument, with dimensions and anchors loaded."""
    return (
        InstrumentVersion.objects.filter(instrument__code=code)
        .select_related("instrument")
        .prefetch_related("dimensions__anchors")
        .order_by("-number")
        .first()
    ) or _missing(code)


def _missing(code: str) -> InstrumentVersion:
    raise InstrumentVersion.DoesNotExist(f"No version of instrument {code!r}")


def _assessments_of(person: Person) -> QuerySet[Assessment]:
    return (
        Assessment.objects.filter(person=person)
        .select_related("owning_agency", "registered_by", "version__instrument")
        .prefetch_related(
            Prefetch("assessors", queryset=User.objects.select_related("unit__agency")),
            Prefetch("answers", queryset=Answer.objects.select_related("dimension")),
        )
        .order_by("assessed_on", "pk")
    )


def assessment_source() -> Source:
    """A gate Source of a person's assessments, oldest first, with assessors and answers."""
    return Source(Category.ASSESSMENT, _assessments_of)


# Chart geometry, in SVG user units.
WIDTH, HEIGHT, PAD = 240, 90, 12


@dataclass(frozen=True)
class Point:
    on: date
    score: int
    x: float
    y: float


@dataclass(frozen=True)
class DimensionProgress:
    code: str
    name: str
    # One per assessment shown, None where an assessment did not rate this dimension.
    scores: list[int | None]
    points: list[Point]

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)

    @property
    def title(self) -> str:
        values = " → ".join(str(p.score) for p in self.points) or "—"
        return f"{self.name}: {values}"

    @property
    def description(self) -> str:
        listed = ", ".join(f"{p.on.isoformat()}: {p.score}" for p in self.points)
        return _("Score from 1 (large obstacle) to 5 (strength) at each assessment: %(list)s.") % {
            "list": listed or "—"
        }


def _y(score: int) -> float:
    return PAD + (5 - score) * (HEIGHT - 2 * PAD) / 4


def _x(index: int, count: int) -> float:
    if count <= 1:
        return WIDTH / 2
    return PAD + index * (WIDTH - 2 * PAD) / (count - 1)


def progress_of(assessments: list[Assessment]) -> list[DimensionProgress]:
    """Each dimension's scores over the assessments given (oldest first), for the chart.

    Dimensions are matched by code across instrument versions; names and order
    come from the newest assessment that rates the dimension. Uses only
    prefetched rows: no queries.
    """
    names: dict[str, tuple[int, str]] = {}
    by_assessment: list[dict[str, int]] = []
    for assessment in assessments:
        answers = {}
        for answer in assessment.answers.all():
            answers[answer.dimension.code] = answer.score
            names[answer.dimension.code] = (answer.dimension.order, answer.dimension.name)
        by_assessment.append(answers)
    count = len(assessments)
    progress = []
    for code, (_order, name) in sorted(names.items(), key=lambda item: item[1][0]):
        scores = [answers.get(code) for answers in by_assessment]
        points = [
            Point(a.assessed_on, s, _x(i, count), _y(s))
            for i, (a, s) in enumerate(zip(assessments, scores, strict=True))
            if s is not None
        ]
        progress.append(DimensionProgress(code, name, scores, points))
    return progress


GRID = [(score, _y(score)) for score in range(1, 6)]
