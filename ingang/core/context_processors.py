from django.conf import settings
from django.http import HttpRequest

from ingang.agencies.models import Role
from ingang.notifications.selectors import unread_count


def ingang(request: HttpRequest) -> dict[str, object]:
    user = request.user
    role = Role(user.role) if user.is_authenticated and user.role else None
    return {
        "demo_mode": settings.DEMO_MODE,
        "current_role": role,
        # Lazy: counted only when a page shows the menu to someone who reads person data.
        "unread_notifications": lambda: unread_count(user=user),  # type: ignore[arg-type]
    }
