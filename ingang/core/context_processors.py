from django.conf import settings
from django.http import HttpRequest

from ingang.agencies.models import Role


def ingang(request: HttpRequest) -> dict[str, object]:
    user = request.user
    role = Role(user.role) if user.is_authenticated and user.role else None
    return {
        "demo_mode": settings.DEMO_MODE,
        "current_role": role,
    }
