"""The instrument is data, versioned, and frozen once used."""

import pytest
from django.utils import translation

from ingang.assessments.models import (
    Anchor,
    Answer,
    Dimension,
    Instrument,
    InstrumentFrozen,
    InstrumentVersion,
)
from ingang.assessments.services import (
    anchor_update,
    instrument_default_ensure,
    instrument_version_create,
    specs_of,
)
from ingang.assessments.tests.conftest import MakeAssessment

DEFAULT_DIMENSIONS = [
    "health",
    "work_capacity",
    "education",
    "work_experience",
    "swedish",
    "social_situation",
    "housing",
    "finances",
    "motivation",
    "networks",
]


def test_the_default_instrument_has_every_dimension_with_five_anchors_in_both_languages(
    v1: InstrumentVersion,
) -> None:
    assert v1.number == 1
    assert [d.code for d in v1.dimensions.all()] == DEFAULT_DIMENSIONS
    for dimension in v1.dimensions.all():
        anchors = list(dimension.anchors.all())
        assert [a.score for a in anchors] == [1, 2, 3, 4, 5]
        assert all(a.text_sv.strip() and a.text_en.strip() for a in anchors)
        assert all(a.text_sv != a.text_en for a in anchors)


def test_anchor_texts_follow_the_active_language(v1: InstrumentVersion) -> None:
    anchor = Anchor.objects.get(dimension__version=v1, dimension__code="housing", score=1)
    with translation.override("sv"):
        assert anchor.text == anchor.text_sv
        assert anchor.dimension.name == "Boende"
    with translation.override("en"):
        assert anchor.text == anchor.text_en
        assert anchor.dimension.name == "Housing"


def test_an_unused_version_can_still_be_reworded(v1: InstrumentVersion) -> None:
    anchor = Anchor.objects.filter(dimension__version=v1).first()
    assert anchor is not None
    anchor_update(anchor=anchor, text_sv="Ny text", text_en="New text")
    anchor.refresh_from_db()
    assert anchor.text_en == "New text"


def test_a_used_version_cannot_change(
    v1: InstrumentVersion, make_assessment: MakeAssessment
) -> None:
    make_assessment()
    anchor = Anchor.objects.filter(dimension__version=v1).first()
    dimension = Dimension.objects.filter(version=v1).first()
    assert anchor is not None and dimension is not None
    original = anchor.text_sv

    with pytest.raises(InstrumentFrozen):
        anchor_update(anchor=anchor, text_sv="Ändrad", text_en="Changed")
    with pytest.raises(InstrumentFrozen):
        dimension.name_en = "Other"
        dimension.save()
    with pytest.raises(InstrumentFrozen):
        Dimension.objects.create(version=v1, code="extra", order=99, name_sv="X", name_en="X")
    with pytest.raises(InstrumentFrozen):
        v1.delete()

    anchor.refresh_from_db()
    assert anchor.text_sv == original


def test_a_new_version_never_changes_old_answers(
    v1: InstrumentVersion, make_assessment: MakeAssessment
) -> None:
    old = make_assessment(score=2)
    old_answers = list(Answer.objects.filter(assessment=old).values_list("dimension_id", "score"))
    specs = specs_of(v1)
    specs[0] = specs[0].__class__(specs[0].code, "Hälsa (ny)", "Health (new)", [("a", "a")] * 5)

    v2 = instrument_version_create(instrument=v1.instrument, dimensions=specs)
    make_assessment(score=4, version=v2)

    assert v2.number == 2
    assert (
        list(Answer.objects.filter(assessment=old).values_list("dimension_id", "score"))
        == old_answers
    )
    assert {a.dimension.version_id for a in old.answers.all()} == {v1.pk}
    assert Dimension.objects.get(version=v1, code="health").name_en == "Health"


def test_ensuring_the_default_instrument_rebuilds_it_only_when_missing(
    v1: InstrumentVersion,
) -> None:

    assert instrument_default_ensure() == v1
    Anchor.objects.all().delete()
    Dimension.objects.all().delete()
    InstrumentVersion.objects.all().delete()
    Instrument.objects.all().delete()

    rebuilt = instrument_default_ensure()

    assert [d.code for d in rebuilt.dimensions.all()] == DEFAULT_DIMENSIONS
    assert Anchor.objects.filter(dimension__version=rebuilt).count() == 50
