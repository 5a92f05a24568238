"""Writes: instrument versions (frozen once used) and joint assessments."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ingang.access.services import ensure_may_act
from ingang.accounts.models import User
from ingang.assessments import instrument_v1
from ingang.assessments.models import (
    SCORES,
    Anchor,
    Answer,
    Assessment,
    Dimension,
    Instrument,
    InstrumentVersion,
)
from ingang.cases.models import Case, CaseMember, CaseState
from ingang.core.categories import Category
from ingang.people.models import Person
from ingang.timeline.services import timeline_event_emit


@dataclass(frozen=True)
class DimensionSpec:
    code: str
    name_sv: str
    name_en: str
    # Five (Swedish, English) anchor texts, for scores 1 to 5.
    anchors: Sequence[tuple[str, str]]


@transaction.atomic
def instrument_version_create(
    *, instrument: Instrument, dimensions: Sequence[DimensionSpec]
) -> InstrumentVersion:
    """Add the next version of an instrument. Older versions and their answers stay as they were."""
    if not dimensions:
        raise ValidationError(_("A version needs at least one dimension."))
    for spec in dimensions:
        if len(spec.anchors) != len(SCORES):
            raise ValidationError(
                _("Dimension %(code)s needs an anchor text for each score from 1 to 5.")
                % {"code": spec.code}
            )
    latest = instrument.versions.aggregate(n=Max("number"))["n"] or 0
    version = InstrumentVersion.objects.create(instrument=instrument, number=latest + 1)
    for order, spec in enumerate(dimensions, start=1):
        dimension = Dimension.objects.create(
            version=version, code=spec.code, order=order, name_sv=spec.name_sv, name_en=spec.name_en
        )
        Anchor.objects.bulk_create(
            Anchor(dimension=dimension, score=score, text_sv=sv, text_en=en)
            for score, (sv, en) in zip(SCORES, spec.anchors, strict=True)
        )
    return version


def specs_of(version: InstrumentVersion) -> list[DimensionSpec]:
    """A version's content, as a starting point for the next version."""
    return [
        DimensionSpec(
            d.code, d.name_sv, d.name_en, [(a.text_sv, a.text_en) for a in d.anchors.all()]
        )
        for d in version.dimensions.prefetch_related("anchors")
    ]


@transaction.atomic
def anchor_update(*, anchor: Anchor, text_sv: str, text_en: str) -> Anchor:
    """Reword an anchor of a version nobody has used yet (raises InstrumentFrozen otherwise)."""
    anchor.text_sv = text_sv
    anchor.text_en = text_en
    anchor.save()
    return anchor


def _score(raw: object) -> int | None:
    try:
        score = int(str(raw))
    except (TypeError, ValueError):
        return None
    return score if score in SCORES else None


@transaction.atomic
def assessment_create(
    *,
    person: Person,
    case: Case,
    actor: User,
    version: InstrumentVersion,
    scores: Mapping[str, object],
    assessors: Sequence[User],
    assessed_on: date,
    comments: Mapping[str, str] | None = None,
    note: str = "",
) -> Assessment:
    """Record a joint assessment: a score 1–5 on every dimension of the version.

    `scores` and `comments` are keyed by dimension code. Assessors must be on
    the case team. Errors are keyed by form field (score_<code>, assessors),
    and nothing is saved unless everything is valid.
    """
    ensure_may_act(actor=actor, person=person)
    agency = actor.agency
    if agency is None:
        raise ValidationError(_("Only staff of an agency record assessments."))
    if case.person_id != person.pk or case.state != CaseState.OPEN:
        raise ValidationError(_("The person has no open coordination case."))
    comments = comments or {}
    dimensions = list(version.dimensions.all())
    errors: dict[str, str] = {}
    parsed: dict[str, int] = {}
    for dimension in dimensions:
        raw = scores.get(dimension.code)
        if raw is None or raw == "":
            errors[f"score_{dimension.code}"] = _("Choose a score for %(dimension)s.") % {
                "dimension": dimension.name
            }
            continue
        score = _score(raw)
        if score is None:
            errors[f"score_{dimension.code}"] = _(
                "The score for %(dimension)s must be a whole number from 1 to 5."
            ) % {"dimension": dimension.name}
        else:
            parsed[dimension.code] = score
    unknown = set(scores) - {d.code for d in dimensions}
    if unknown:
        errors["__all__"] = _("Unknown dimensions: %(codes)s.") % {
            "codes": ", ".join(sorted(unknown))
        }
    if not assessors:
        errors["assessors"] = _("Choose who made the assessment.")
    else:
        team = set(CaseMember.objects.filter(case=case).values_list("staff_id", flat=True))
        outside = [a.display_name for a in assessors if a.pk not in team]
        if outside:
            errors["assessors"] = _("Not on the case team: %(names)s.") % {
                "names": ", ".join(outside)
            }
    if assessed_on > timezone.localdate():
        errors["assessed_on"] = _("The assessment cannot be dated in the future.")
    if errors:
        raise ValidationError(errors)
    assessment = Assessment.objects.create(
        person=person,
        owning_agency=agency,
        version=version,
        registered_by=actor,
        assessed_on=assessed_on,
        note=note.strip(),
    )
    assessment.assessors.set(assessors)
    Answer.objects.bulk_create(
        Answer(
            assessment=assessment,
            dimension=dimension,
            score=parsed[dimension.code],
            comment=comments.get(dimension.code, "").strip(),
        )
        for dimension in dimensions
    )
    timeline_event_emit(
        person=person,
        actor=actor,
        category=Category.ASSESSMENT,
        kind="assessment.recorded",
        summary=_("Joint assessment recorded"),
    )
    return assessment


@transaction.atomic
def instrument_default_ensure() -> InstrumentVersion:
    """Version 1 of the default instrument, created if missing (e.g. after a database flush).

    The data migration creates it in every migrated database; this is for
    databases emptied since (transactional test runs, a flushed demo).
    """
    instrument, _created = Instrument.objects.get_or_create(
        code=instrument_v1.CODE,
        defaults={"name_sv": instrument_v1.NAME_SV, "name_en": instrument_v1.NAME_EN},
    )
    existing = instrument.versions.filter(number=1).first()
    if existing is not None:
        return existing
    return instrument_version_create(
        instrument=instrument,
        dimensions=[
            DimensionSpec(code, name_sv, name_en, anchors)
            for code, name_sv, name_en, anchors in instrument_v1.DIMENSIONS
        ],
    )
