from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ingang.finsam.models import ProjectStatus
from ingang.finsam.socioeconomic import is_fraction_key, unit_value_keys

QUARTERS = [(q, _("Quarter %(n)s") % {"n": q}) for q in (1, 2, 3, 4)]
BASES = [
    ("exit", _("At exit")),
    ("followup", _("At the 90-day follow-up (exit where none was made)")),
]


class CatalogueFilter(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All")), *ProjectStatus.choices],
        required=False,
    )


class PeriodForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(label=_("Quarter"), choices=QUARTERS, coerce=int)


class BasisForm(forms.Form):
    basis = forms.ChoiceField(
        label=_("Outcome measured"), choices=BASES, required=False, widget=forms.RadioSelect
    )


class IndicatorValueForm(forms.Form):
    outcome = forms.DecimalField(
        label=_("Outcome"),
        max_digits=14,
        decimal_places=2,
        required=False,
        help_text=_("Leave empty to use the system's figure for a measured indicator."),
    )
    forecast = forms.DecimalField(
        label=_("Forecast for the year"), max_digits=14, decimal_places=2, required=False
    )
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea)


class UnitValuesForm(forms.Form):
    """One field per unit value, prefilled with the current version."""

    note = forms.CharField(
        label=_("What changed and why"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self, *args: Any, current: Mapping[str, Decimal], labels: Mapping[str, str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for key in unit_value_keys():
            self.fields[key] = forms.DecimalField(
                label=labels.get(key, key),
                max_digits=14,
                decimal_places=4,
                min_value=Decimal(0),
                max_value=Decimal(1) if is_fraction_key(key) else None,
                initial=current.get(key),
                localize=True,
            )
        # The note last, after the values.
        self.order_fields([*unit_value_keys(), "note"])
