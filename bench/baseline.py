"""The ungated baseline: the person overview rendered through the plain ORM.

Used only by config.urls_bench, so production never serves it. It renders
the same template with a record shaped like ingang.access.selectors'
PersonRecord, but reads with a plain `Person.objects.get` and
`Entry.objects.filter(person=...)`, and the person's open case (whose
presence shows the case menu) with a plain `Case.objects.filter(...)`: no
relation check, no consent or block lookup, no access event, no
transaction. What the reader is shown (which entry categories and whose
entries, the explanations of withheld categories) is fixed once at setup by
`configure`, from the gate's own answer, so both pages show the same data.
"""

from dataclasses import dataclass, field
from uuid import UUID

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from ingang.access.decisions import Decision
from ingang.access.selectors import CategorySection, PersonRecord, identity_view
from ingang.cases.models import Case, CaseState
from ingang.core.categories import ENTRY_CATEGORIES, Category
from ingang.core.permissions import Need, access_rule
from ingang.people.models import Person
from ingang.records.models import Entry


def _shown(category: Category) -> Decision:
    return Decision(True, category, "baseline", "baseline", "")


@dataclass(frozen=True)
class Presentation:
    """What the baseline shows, decided once instead of on every request."""

    # The decision shown per entry category; entries are read for the allowed ones.
    sections: dict[Category, Decision] = field(
        default_factory=lambda: {c: _shown(c) for c in ENTRY_CATEGORIES}
    )
    identity: Decision = field(default_factory=lambda: _shown(Category.IDENTITY))
    # The reader's own agency, whose entries are shown in every category.
    own_agency_id: int | None = None

    @property
    def entry_categories(self) -> list[str]:
        return [c.value for c, decision in self.sections.items() if decision]


_presentation: list[Presentation] = [Presentation()]


def configure(presentation: Presentation) -> None:
    _presentation[0] = presentation


@access_rule(Need.STAFF)
def baseline_overview(request: HttpRequest, public_id: UUID) -> HttpResponse:
    shown = _presentation[0]
    try:
        person = Person.objects.get(public_id=public_id)
    except Person.DoesNotExist:
        raise Http404 from None
    case = Case.objects.filter(person=person, state=CaseState.OPEN).first()
    entries = (
        Entry.objects.filter(person=person)
        .filter(Q(category__in=shown.entry_categories) | Q(owning_agency_id=shown.own_agency_id))
        .select_related("owning_agency", "author")
    )
    by_category: dict[str, list[Entry]] = {c.value: [] for c in shown.sections}
    for entry in entries:
        by_category[entry.category].append(entry)
    identity = None
    if shown.identity:
        identity = identity_view(person)
    record = PersonRecord(
        _subject=person,
        public_id=person.public_id,
        protected_identity=person.protected_identity,
        is_test_data=person.is_test_data,
        case=case,
        identity=identity,
        identity_decision=shown.identity,
        sections=[
            CategorySection(category, by_category[category.value], decision)
            for category, decision in shown.sections.items()
        ],
    )
    return render(request, "people/overview.html", {"record": record})
