"""Forms for the person's own consents, blocks and access-log flags on My pages."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ingang.agencies.models import Agency
from ingang.core.categories import Category
from ingang.portal.plain import CATEGORY_PLAIN

CATEGORY_CHOICES = [(c.value, CATEGORY_PLAIN[c]) for c in Category]


class GiveConsentForm(forms.Form):
    """A new consent, given by the person: agencies of their team, categories, an optional end."""

    agencies = forms.ModelMultipleChoiceField(
        label=_("Which agencies may read"),
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one agency."),
            "invalid_choice": _("You can give consent only to agencies on your team."),
            "invalid_pk_value": _("You can give consent only to agencies on your team."),
        },
    )
    categories = forms.MultipleChoiceField(
        label=_("Which information they may read"),
        choices=CATEGORY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one kind of information."),
            "invalid_choice": _("Choose among the kinds of information in the list."),
        },
    )
    valid_until = forms.DateField(
        label=_("Last day of the consent (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty if the consent should apply until you withdraw it."),
        error_messages={"invalid": _("Write the date as YYYY-MM-DD.")},
    )

    def __init__(self, *args: Any, agencies: list[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agencies"]
        if not isinstance(field, forms.ModelMultipleChoiceField):
            raise TypeError(field)
        field.queryset = Agency.objects.filter(pk__in=[a.pk for a in agencies]).order_by("name")

    def clean_valid_until(self) -> Any:
        value = self.cleaned_data.get("valid_until")
        if value is not None and value < timezone.localdate():
            raise forms.ValidationError(_("The end date cannot be before today."))
        return value


class BlockForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Which information to block"),
        choices=CATEGORY_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a category to block."),
            "invalid_choice": _("Choose a category to block."),
        },
    )


class FlagForm(forms.Form):
    """ "I don't recognise this": the entry's opaque token and an optional comment."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=500)
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example why you think this read was wrong."),
    )
