"""Password sign-in, loading each request's user with their unit and agency.

Every gated read needs the reader's unit and agency; fetching them with the
user in the session's one query saves two queries on every page.
"""

from typing import Any

from django.contrib.auth.backends import ModelBackend

from ingang.accounts.models import User


class StaffModelBackend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        user = User._default_manager.select_related("unit__agency").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
