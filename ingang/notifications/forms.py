from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ingang.notifications.models import Topic


class PreferencesForm(forms.Form):
    """Two checkboxes per topic: in the inbox, and in the daily e-mail digest."""

    def __init__(self, *args: Any, initial_choices: dict[Topic, tuple[bool, bool]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        for topic in Topic:
            in_app, email = initial_choices[topic]
            self.fields[f"{topic.value}_in_app"] = forms.BooleanField(
                required=False,
                initial=in_app,
                label=_("%(topic)s in my inbox") % {"topic": topic.label},
            )
            self.fields[f"{topic.value}_email"] = forms.BooleanField(
                required=False,
                initial=email,
                label=_("%(topic)s in the daily e-mail") % {"topic": topic.label},
            )

    def choices(self) -> dict[Topic, tuple[bool, bool]]:
        data = self.cleaned_data
        return {t: (bool(data[f"{t.value}_in_app"]), bool(data[f"{t.value}_email"])) for t in Topic}


class MarkReadForm(forms.Form):
    notification = forms.IntegerField(required=False, min_value=1)
