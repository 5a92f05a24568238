from django import forms
from django.utils.translation import gettext_lazy as _

MESSAGE_MAX_LENGTH = 4000


class MessageForm(forms.Form):
    """A message from the person to their team."""

    text = forms.CharField(
        label=_("Your message"),
        help_text=_("Write in your own words. At most 4000 characters."),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=MESSAGE_MAX_LENGTH,
        strip=True,
        error_messages={
            "required": _("Write a message before you send it."),
            "max_length": _(
                "The message is too long: at most %(limit_value)d characters "
                "(you wrote %(show_value)d)."
            ),
        },
    )
