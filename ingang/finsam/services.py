"""Writes for the association pages. No person data is written here, so no timeline
event: these are the association's own figures."""

from collections.abc import Mapping
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ingang.accounts.models import User
from ingang.finsam.models import Indicator, IndicatorValue, Measure, UnitValue, UnitValueSet
from ingang.finsam.socioeconomic import is_fraction_key, unit_value_keys


@transaction.atomic
def indicator_value_record(
    *,
    indicator: Indicator,
    year: int,
    quarter: int,
    outcome: Decimal | None,
    forecast: Decimal | None,
    comment: str,
    actor: User,
) -> IndicatorValue:
    """Record (or correct) a quarter's outcome and forecast for an indicator."""
    if quarter not in (1, 2, 3, 4):
        raise ValidationError(_("The quarter must be 1, 2, 3 or 4."))
    if indicator.measure == Measure.MANUAL and outcome is None and forecast is None:
        raise ValidationError(_("Enter an outcome or a forecast for this indicator."))
    value, _created = IndicatorValue.objects.update_or_create(
        indicator=indicator,
        year=year,
        quarter=quarter,
        defaults={
            "outcome": outcome,
            "forecast": forecast,
            "comment": comment,
            "entered_by": actor,
        },
    )
    return value


@transaction.atomic
def unit_values_new_version(
    *, values: Mapping[str, Decimal], sources: Mapping[str, str], note: str, actor: User
) -> UnitValueSet:
    """Save a complete set of unit values as the next version; older versions stay as
    they were, so earlier evaluations can still be traced to their values."""
    keys = unit_value_keys()
    missing = [k for k in keys if k not in values]
    if missing:
        raise ValidationError(_("Values are missing for: %(keys)s.") % {"keys": ", ".join(missing)})
    errors = []
    for key in keys:
        value = values[key]
        if value < 0:
            errors.append(_("%(key)s may not be negative.") % {"key": key})
        elif is_fraction_key(key) and value > 1:
            errors.append(_("%(key)s is a share and must be between 0 and 1.") % {"key": key})
    if not note.strip():
        errors.append(_("Say what changed and why."))
    if errors:
        raise ValidationError(errors)
    # Lock the newest version so two editors cannot both take the same number.
    latest = UnitValueSet.objects.select_for_update().order_by("-version").first()
    value_set = UnitValueSet.objects.create(
        version=(latest.version + 1) if latest else 1, note=note.strip(), created_by=actor
    )
    UnitValue.objects.bulk_create(
        UnitValue(value_set=value_set, key=key, value=values[key], source=sources.get(key, ""))
        for key in keys
    )
    return value_set
